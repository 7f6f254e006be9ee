"""Words, key terms and named entities (capitalised runs) of an English question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa.question.words import EN_AUX, EN_NOT_ENTITY, EN_STOPWORDS

_EN_IMPERATIVES = frozenset("tell name list give show find explain describe please".split())
_EN_CONNECTORS = frozenset({"of", "de", "du", "la", "von", "van", "der", "&"})
_EN_ABBREV = re.compile(r"^(?:[A-Z][a-z]{0,2}\.|(?:[A-Za-z]\.){2,})$")  # St. Co. Inc. U.S.
_EN_WORD = re.compile(r"[A-Za-z0-9$][\w'’.&$-]*")
_SENTENCE_START = re.compile(r"(?:^|[.?!]\s+)$")


def en_words(text: str) -> list[tuple[str, int, int]]:
    """Words with their spans; a trailing full stop stays only on abbreviations (`St.`)."""
    out = []
    for m in _EN_WORD.finditer(text):
        word, end = m.group(), m.end()
        while word and word[-1] in ".'’-" and not _EN_ABBREV.match(word):
            word, end = word[:-1], end - 1
        if word:
            out.append((word, m.start(), end))
    return out


def strip_possessive(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


def en_entities(text: str) -> list[str]:
    words = en_words(text)
    entities: list[str] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        while run and run[-1][0].lower() in _EN_CONNECTORS:
            run.pop()
        if run:
            name = strip_possessive(text[run[0][1] : run[-1][2]])
            if name not in EN_NOT_ENTITY and len(name) > 1:
                entities.append(name)
        run.clear()

    for i, (word, start, end) in enumerate(words):
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        capital = word[0].isupper() or (word[0].isdigit() and bool(run) and nxt[:1].isupper())
        at_start = bool(_SENTENCE_START.search(text[:start]))
        if capital and at_start and word.lower() in EN_STOPWORDS | _EN_IMPERATIVES | EN_AUX:
            flush()
            continue
        joined = bool(run) and text[run[-1][2] : start].isspace() and not re.search(r"['’]s$", run[-1][0])
        if capital and strip_possessive(word) in EN_NOT_ENTITY:
            flush()
            continue
        if capital:
            if run and not joined:
                flush()
            run.append((word, start, end))
        elif word.lower() in _EN_CONNECTORS and run and joined and nxt[:1].isupper():
            run.append((word, start, end))
        else:
            flush()
    flush()
    return entities


def en_terms(text: str, entities: Sequence[str]) -> list[str]:
    terms: list[str] = []
    for word, _, _ in en_words(text):
        word = strip_possessive(word).lower()
        word = word.replace(".", "") if re.fullmatch(r"(?:[a-z]\.){2,}", word) else word.rstrip(".")
        if not word or word in EN_STOPWORDS or word in _EN_IMPERATIVES:
            continue
        word = word.lstrip("$").replace(",", "") if word[0] in "$0123456789" else word
        if word:
            terms.append(word)
            if "-" in word:
                terms.extend(p for p in word.split("-") if p and p not in EN_STOPWORDS)
    terms.extend(e.lower() for e in entities if " " in e)
    return terms
