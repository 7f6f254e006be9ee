"""A query's Korean BM25 tokens without Kiwi, read off the index's own vocabulary.

Kiwi costs a cold `pressqa search` more than a second (its model, then its analyser's build at the
first analysis). But a query token the index's vocabulary lacks scores nothing, and that vocabulary
is Kiwi's content morphemes of the passages. So each Hangul word of the query is split into words
the vocabulary knows, where what is left at its end reads as particles and endings (`기업들에서`:
`기업` + `들에서`), and a verb's stem is recovered from its contracted last syllable (`열렸어`:
`열리`). Particles and endings that happen to be in the vocabulary (a one-syllable noun `이`) are
taken as particles, as Kiwi mostly reads them in a question. Measured against Kiwi's tokens in
benchmarks/README.md; `ask` keeps Kiwi, which its question analysis needs anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from index.script import HANGUL_RUN
from index.tokens import TokenMode, tokenize

Known = Callable[[Iterable[str]], set[str]]  # which of these tokens the index's vocabulary has

MAX_WORD = 12  # syllables: longer vocabulary words are not looked for inside a query word
# Particles, copulas, verb endings and suffixes that follow a content word inside one Hangul word.
_FUNCTION_PIECES = frozenset(
    """이 가 은 는 을 를 의 에 에서 에게 에게서 한테 께 께서 으로 로 으로서 로서 으로써 로써 와 과 도 만
    랑 이랑 하고 까지 부터 보다 처럼 마다 조차 마저 밖에 뿐 이나 나 든지 이든 든 야 아 요 이요 라도 서 선
    이다 다 이야 이에요 예요 이었 였 었 았 겠 인 인가 인지 일까 지 죠 냐 니 니까 으니까 나요 는지 은지
    어 여 고 다고 라고 냐고 자고 던 면 으면 어서 아서 여서 지만 는데 은데 세요 으세요 습니까 습니다
    ㅂ니다 니다 기 음 게 도록 려고 으려고 면서 으면서 자 네 군 구나 까 을까 는가 은가 을 ㄹ 할 한
    하 해 했 함 합 하여 되 돼 된 될 됐 됨 시키 시킨 시켜 줘 주 준 줄 주세요 봐 보 본 볼 적 들
    님 씨 별 권 측 쪽 중 내 간 상 시 후 전 때 경 즈음 뭐 무엇 어디 언제 누구 얼마 얼마나 몇 왜 어떻게
    어떤 무슨 원 개 명 회 번 차 건 년 월 일 는가요 은가요 을까요 까요 래 대 답니까 던가 였나 었나 았나 나 냐는 란 이란 라는 이라는""".split()
)
_MAX_FUNCTION = max(map(len, _FUNCTION_PIECES))

_VOWELS, _FINALS = 21, 28
# vowel of a contracted syllable → the stem's vowel: 려→리, 와→오, 워→우, 해→하, 돼→되
_UNCONTRACT = {6: 20, 9: 8, 14: 13, 1: 0, 10: 11}
_FINAL_ENDINGS = {4, 8, 16, 17, 20}  # ㄴ ㄹ ㅁ ㅂ ㅆ: an ending fused onto the stem's last syllable


def _parts(syllable: str) -> tuple[int, int, int]:
    code = ord(syllable) - 0xAC00
    return code // (_VOWELS * _FINALS), code // _FINALS % _VOWELS, code % _FINALS


def _syllable(first: int, vowel: int, final: int) -> str:
    return chr(0xAC00 + (first * _VOWELS + vowel) * _FINALS + final)


@lru_cache(maxsize=4096)
def stem_syllables(syllable: str) -> tuple[str, ...]:
    """What a verb stem's last syllable may have been before an ending fused into it:
    `렸` → 려, 리; `한` → 하; `왔` → 와, 오. The syllable itself is not among them."""
    first, vowel, final = _parts(syllable)
    bases = [(vowel, 0)] if final in _FINAL_ENDINGS else []
    for v, f in [(vowel, final), *bases]:
        if f == 0 and v in _UNCONTRACT and (v != 1 or first == 18):  # 애→아 only in 해 (하+여)
            bases.append((_UNCONTRACT[v], 0))
    out = dict.fromkeys(_syllable(first, v, f) for v, f in bases)
    out.pop(syllable, None)
    return tuple(out)


@lru_cache(maxsize=4096)
def is_function_tail(text: str) -> bool:
    """Whether `text` reads as a run of particles and endings (empty included)."""
    if not text:
        return True
    return any(
        text[:n] in _FUNCTION_PIECES and is_function_tail(text[n:])
        for n in range(1, min(len(text), _MAX_FUNCTION) + 1)
    )


def candidates(word: str) -> set[str]:
    """Every piece of `word` the vocabulary is asked about: its substrings, and each ending in a
    syllable's stem form."""
    out: set[str] = set()
    for i in range(len(word)):
        for j in range(i + 1, min(len(word), i + MAX_WORD) + 1):
            out.add(word[i:j])
            out.update(word[i : j - 1] + s for s in stem_syllables(word[j - 1]))
    return out


def split_word(word: str, vocabulary: set[str]) -> list[str]:
    """The vocabulary's words in one Hangul word, in order: the longest prefix that vocabulary
    words cover (fewest pieces) whose rest reads as particles and endings; a verb stem may end it.

    Without such a reading (a word the index never saw whole), the longest vocabulary words of two
    syllables or more are taken where they are found."""
    n = len(word)
    # best[i]: the fewest vocabulary words that cover word[:i] exactly (None: none do)
    best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
    best[0] = (0, [])
    for j in range(1, n + 1):
        for i in range(max(0, j - MAX_WORD), j):
            start = best[i]
            if start is None:
                continue
            piece = word[i:j]
            if piece in vocabulary and not (len(piece) == 1 and piece in _FUNCTION_PIECES and i > 0):
                _keep(best, j, start, piece)
    # (syllables covered, -pieces, preference, pieces): the word's own letters before a stem, and
    # a stem's fully restored syllable (`왔` → 오) before a half-restored one (와)
    readings: list[tuple[int, int, int, list[str]]] = []
    for p in range(n + 1):
        start = best[p]
        if start is not None and is_function_tail(word[p:]):
            readings.append((p, -start[0], 9, start[1]))
        # a verb stem ending at syllable p (fused with an ending): covers word[:p + 1]
        if p < n:
            for i in range(max(0, p - MAX_WORD + 1), p + 1):
                prefix = best[i]
                if prefix is None:
                    continue
                for rank, syllable in enumerate(stem_syllables(word[p])):
                    stem = word[i:p] + syllable  # of one syllable only where the word starts with it
                    if stem in vocabulary and (i == 0 or len(stem) > 1) and is_function_tail(word[p + 1 :]):
                        readings.append((p + 1, -(prefix[0] + 1), rank, [*prefix[1], stem]))
    readings = [r for r in readings if not _implausible(r[3], word)]
    if readings:  # a word of particles alone (`어디서`) has the empty reading: no tokens
        return max(readings, key=lambda r: r[:3])[3]
    return _longest_words(word, vocabulary)


def _implausible(pieces: list[str], word: str) -> bool:
    """Readings Kiwi would not give: a particle the vocabulary happens to know, alone at the start
    of a longer word; a word of two syllables or more read as one-syllable words only (a noun the
    index never saw whole, which Kiwi keeps whole)."""
    if pieces and all(len(p) == 1 for p in pieces) and sum(map(len, pieces)) >= 2:
        return True
    return (
        len(pieces) == 1
        and len(pieces[0]) == 1
        and pieces[0] in _FUNCTION_PIECES
        and word.startswith(pieces[0])
    )


def _keep(best: list[tuple[int, list[str]] | None], j: int, start: tuple[int, list[str]], piece: str) -> None:
    current = best[j]
    if current is None or start[0] + 1 < current[0]:
        best[j] = (start[0] + 1, [*start[1], piece])


def _longest_words(word: str, vocabulary: set[str]) -> list[str]:
    out, i = [], 0
    while i < len(word):
        for j in range(min(len(word), i + MAX_WORD), i + 1, -1):
            if word[i:j] in vocabulary:
                out.append(word[i:j])
                i = j
                break
        else:
            i += 1
    return out


def vocabulary_tokens(text: str, known: Known) -> list[str]:
    """The Korean content tokens of `text` that the vocabulary knows, in order (what Kiwi's
    tokens of it would contribute to a BM25 query, read without Kiwi)."""
    words = HANGUL_RUN.findall(text)
    if not words:
        return []
    vocabulary = known(sorted(set().union(*(candidates(w) for w in words))))
    return [token for word in words for token in split_word(word, vocabulary)]


def tokenize_known(text: str, mode: TokenMode, known: Known) -> list[str]:
    """`index.tokens.tokenize(text, mode)` for a query, its Korean morphemes read off the
    vocabulary (`vocabulary_tokens`) instead of Kiwi's analysis: Kiwi is never loaded."""
    return tokenize(text, mode, morphemes=lambda t: vocabulary_tokens(t, known))
