"""Which of the question's words one release can contain, and how much each counts."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from index.script import HANGUL
from qa.bundle import EvidenceBundle
from qa.features.text import norm
from qa.lexicon import korean_synonyms
from qa.question.query import Query


def _abbreviation(term: str) -> re.Pattern[str] | None:
    """`한빛경자청` finds `한빛보람경제자유구역청`: Korean abbreviations keep their syllables in order."""
    if not re.fullmatch(r"[가-힣]{3,8}", term):
        return None
    return re.compile(".{0,4}".join(map(re.escape, term)))


@dataclass
class Terms:
    """The question's words as one release can contain them, with weights (names count double)."""

    weights: dict[str, float]
    patterns: dict[str, re.Pattern[str] | None]
    entities: frozenset[str]

    @property
    def total(self) -> float:
        return sum(self.weights.values()) or 1.0

    def found_in(self, normed: str) -> set[str]:
        out = set()
        for term in self.weights:
            if term in normed:
                out.add(term)
            else:
                pattern = self.patterns[term]
                if pattern is not None and pattern.search(normed):
                    out.add(term)
        return out

    def share(self, found: set[str]) -> float:
        # fsum is exact whatever the set's order, so a feature does not depend on the hash seed
        return math.fsum(self.weights[t] for t in found) / self.total


def release_terms(query: Query, bundle: EvidenceBundle, lang: str) -> Terms:
    entities = {norm(e) for e in query.entities}
    names = {norm(n) for n in bundle.names}
    raw: list[tuple[str, float]] = []
    for term in query.terms:
        key = norm(term)
        if len(key) < 2:
            continue
        weight = 2.0 if key in entities else (1.0 if len(key) >= 3 else 0.6)
        raw.append((key, weight))
    raw += [(n, 2.0) for n in names]
    raw += [(norm(g), 0.7) for g in bundle.glosses]
    if query.lang == "ko":
        raw += [(norm(w), 0.5) for w in korean_synonyms(query.text)]
    weights: dict[str, float] = {}
    for key, weight in raw:
        hangul = bool(HANGUL.search(key))
        if lang == "en" and hangul:
            continue  # a Hangul word never occurs in an English release
        # English words of an English question don't occur in a Korean release; names may
        english_word = not hangul and key not in entities and not re.fullmatch(r"[a-z0-9]{2,6}", key)
        if lang == "ko" and query.lang == "en" and english_word:
            continue
        if len(key) >= 2:
            weights[key] = max(weights.get(key, 0.0), weight)
    patterns = {t: _abbreviation(t) for t in weights}
    return Terms(weights, patterns, frozenset(t for t in weights if t in entities or t in names))
