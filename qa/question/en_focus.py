"""The asked-about noun of an English question: what a count counts, the role asked, what a
`what` question is about."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.question.en_terms import en_words, strip_possessive
from qa.question.query import QuestionType
from qa.question.words import EN_AUX, EN_STOPWORDS

_EN_NP_STOP = EN_STOPWORDS | frozenset("that which who whom whose when where how why".split())
EN_COUNT_NOUNS = frozenset(
    """people persons employees workers staff jobs positions companies firms businesses enterprises
    participants attendees visitors guests members executives ceos representatives officials
    plants factories facilities stores sites locations offices units vehicles cars products
    projects contracts agreements investors tenants students residents households""".split()
)
_EN_LIGHT_VERBS = frozenset("gave give gives delivered made make makes held hold holds did do does".split())


def _en_np(words: Sequence[tuple[str, int, int]], start: int, text: str) -> list[str]:
    """Words of the noun phrase starting at `start`, up to a function word, verb or punctuation."""
    out: list[str] = []
    i = start
    while i < len(words) and words[i][0].lower() in ("the", "a", "an"):
        i += 1
    while i < len(words):
        word = words[i][0]
        lower = word.lower()
        if lower in _EN_NP_STOP or (out and re.fullmatch(r"[a-z]+ed", lower)):
            break
        if out and not text[words[i - 1][2] : words[i][1]].isspace():
            break
        out.append(strip_possessive(word))
        if re.search(r"['’]s?$", word):
            break
        i += 1
    return out


def en_focus(text: str, kind: QuestionType) -> str | None:
    words = en_words(text)
    lower = [w[0].lower() for w in words]

    def find(*seq: str) -> int | None:
        for i in range(len(lower) - len(seq) + 1):
            if tuple(lower[i : i + len(seq)]) == seq:
                return i + len(seq)
        return None

    if kind == "how_many":
        for cue in (("how", "many"), ("number", "of"), ("how", "much")):
            at = find(*cue)
            if at is not None:
                np = _en_np(words, at, text)
                counted = [w for w in np if w.lower() in EN_COUNT_NOUNS]
                return counted[0] if counted else (np[-1] if np else None)
        return None
    if kind == "who_is":
        at = find("who")
        if at is None or at >= len(words):
            return None
        verb = lower[at]
        if verb in EN_AUX and verb not in ("is", "are", "was", "were"):
            at += 1  # `who will head`: the verb follows; `who did Larkspur hire`: no role asked
            if at >= len(words) or not words[at][0].islower():
                return None
            verb = lower[at]
        if verb in EN_AUX:
            if at + 1 < len(words) and lower[at + 1] not in ("the", "a", "an"):
                return None  # `who is Choi Sam-ryong`: a name, nothing to match a role against
            np = _en_np(words, at + 1, text)
            return np[-1] if np else None
        if verb in _EN_LIGHT_VERBS:
            np = _en_np(words, at + 1, text)
            return np[-1] if np else verb
        return words[at][0]
    if kind == "what":
        for i, word in enumerate(lower):
            if word != "what":
                continue
            np = _np_after_wh(words, lower, text, i)
            if np is None:
                return None  # `what did X say`: the answer is a clause, not a noun
            if np:
                return np[-1]
        at = find("how", "much")
        if at is not None:
            np = _en_np(words, at, text)
            return np[-1] if np else None
    return None


def en_head(text: str) -> str | None:
    """The noun a `which`/`what` names (`In which Ohio city` → city, `what kind of plants` →
    plants): the kind of thing the answer must be, whatever the question type."""
    words = en_words(text)
    lower = [w[0].lower() for w in words]
    for i, word in enumerate(lower):
        if word in ("which", "what"):
            np = _np_after_wh(words, lower, text, i)
            if np:
                return np[-1].lower()
    return None


_EN_NAME_WORDS = frozenset("name names title titles".split())
_EN_DETERMINERS = frozenset("the a an its their his her this".split())
_POSSESSIVE = re.compile(r"['’]s?$")


def _named(words: Sequence[tuple[str, int, int]], lower: Sequence[str], text: str, at: int) -> list[str]:
    """`the name of the electric tractor`, `the title of the governor's keynote speech`: the phrase of
    what is named (tractor, speech), whose kind the answer has. Not for a proper name after `of`
    (`the title of Jane Roe` asks for her position)."""
    k = at
    while k < len(lower) and lower[k] in ("the", "a", "an"):
        k += 1
    if not (k + 2 < len(lower) and lower[k] in _EN_NAME_WORDS and lower[k + 1] == "of"):
        return []
    k += 2
    if lower[k] not in _EN_DETERMINERS and not words[k][0].islower():
        return []
    while k < len(lower) and lower[k] in _EN_DETERMINERS:
        k += 1
    np = _en_np(words, k, text)
    last = k + len(np) - 1
    if np and _POSSESSIVE.search(words[last][0]):  # the possessor's noun follows
        return _en_np(words, last + 1, text) or np
    return np


def _np_after_wh(
    words: Sequence[tuple[str, int, int]], lower: Sequence[str], text: str, i: int
) -> list[str] | None:
    """The noun phrase a wh-word at i names: `what is the street address`, `what kind of plants`,
    `which Ohio city`; None when a verb follows (`what did X say` asks for a clause)."""
    j = i + 1
    if j < len(lower) and lower[j] in ("is", "are", "was", "were"):
        return _named(words, lower, text, j + 1) or _en_np(words, j + 1, text)
    if j < len(lower) and lower[j] in EN_AUX:
        return None
    if j + 1 < len(lower) and lower[j] in ("kind", "type", "sort", "kinds", "types") and lower[j + 1] == "of":
        return _en_np(words, j + 2, text)
    return _en_np(words, j, text)
