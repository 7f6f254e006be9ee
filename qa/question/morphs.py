"""Kiwi morphemes of a question, its compounds written without a space, and its noun phrases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Kiwi is created (and kiwipiepy imported) by index.tokens, maybe in a child process
    from kiwipiepy import Kiwi

    from index.kiwi_process import KiwiProcess

# Morphemes that make up a noun phrase, including affixes (`수도`+`권`, `제`+`2`+`농공단지`).
KO_NOUN_LIKE = frozenset({"NNG", "NNP", "SL", "SN", "SH", "XSN", "XPN"})
# Bound nouns may end a word written as one (`청림`+`시`, `12`+`개`) but never start one.
_KO_COMPOUND_TAIL = KO_NOUN_LIKE | {"NNB"}


def get_kiwi() -> Kiwi | KiwiProcess:
    """The process-wide Kiwi, shared with the indexer so names it learned tokenise the same way."""
    from index.tokens import get_kiwi as shared  # cached there; loading takes a second or two

    return shared()


@dataclass(frozen=True)
class Morph:
    form: str
    tag: str
    start: int
    end: int


def morphemes(text: str) -> list[Morph]:
    return [Morph(t.form, t.tag, t.start, t.start + t.len) for t in get_kiwi().tokenize(text)]


def compounds(morphs: Sequence[Morph]) -> list[tuple[int, int]]:
    """(first, last) morph indexes of noun runs written without a space (`ICT네트워킹데이`)."""
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(morphs):
        if morphs[i].tag not in KO_NOUN_LIKE:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(morphs)
            and morphs[j + 1].tag in _KO_COMPOUND_TAIL
            and morphs[j + 1].start == morphs[j].end
        ):
            j += 1
        groups.append((i, j))
        i = j + 1
    return groups


def surface_of(text: str, morphs: Sequence[Morph], first: int, last: int) -> str:
    return text[morphs[first].start : morphs[last].end]


_NP_PARTICLES = frozenset({"JX", "JKS", "JKO", "JKC"})


def np_before(text: str, morphs: Sequence[Morph], anchor: int, genitive: bool = False) -> list[str]:
    """Compound surfaces of the noun phrase just before `anchor`, passing adverbs (`모두`, `총`)
    and subject/topic/object particles. A place or time particle (`행사에는 몇 명`) means the
    noun is a setting, not what is asked, so there is no phrase. With `genitive`, a possessor
    joined by `의` comes first (`강연의 제목` → 강연, 제목)."""
    j = anchor - 1
    while j >= 0 and morphs[j].tag in ("MAG", "MM"):
        j -= 1
    while j >= 0 and morphs[j].tag.startswith("J"):
        if morphs[j].tag not in _NP_PARTICLES:
            return []
        j -= 1
    end = j
    while j >= 0 and morphs[j].tag in KO_NOUN_LIKE:
        j -= 1
    groups = np_groups(text, morphs, j + 1, end)
    if genitive and groups and j > 0 and morphs[j].tag == "JKG" and morphs[j - 1].tag in KO_NOUN_LIKE:
        return np_before(text, morphs, j) + groups  # the noun run ending just before the `의`
    return groups


def np_end(morphs: Sequence[Morph], start: int) -> int:
    """Index just past the run of noun morphemes starting at `start`."""
    end = start
    while end < len(morphs) and morphs[end].tag in KO_NOUN_LIKE:
        end += 1
    return end


def np_after(text: str, morphs: Sequence[Morph], start: int) -> list[str]:
    return np_groups(text, morphs, start, np_end(morphs, start) - 1)


def np_groups(text: str, morphs: Sequence[Morph], first: int, last: int) -> list[str]:
    if last < first:
        return []
    sub = morphs[first : last + 1]
    return [surface_of(text, sub, a, b) for a, b in compounds(sub)]
