"""Distance: how close the candidate sits to the question's anchor words in its sentence, and
how much of the question its clause and its immediate window hold."""

from __future__ import annotations

import re

from qa.candidates import Candidate
from qa.features.text import norm
from qa.features.views import UnitView

NEAR = 25  # characters around a candidate that count as "next to it"
_CLAUSE_BREAK = re.compile(r"[,，;·△▲•◆■]|\s및\s|\s그리고\s|\band\b|다\.\s|[.!?]\s")


def add_anchors(f: dict[str, float], cand: Candidate, unit: UnitView, focus: str) -> str:
    """The anchor features; returns the window of NEAR characters around the candidate, which the
    role, number and date groups read too."""
    text = cand.release.text
    center = (cand.start + cand.end) / 2
    dists = [abs(a - center) for a in unit.anchors if not cand.start <= a < cand.end]
    span_len = max(1, unit.end - unit.start)
    f["a_dist"] = min(dists) / span_len if dists else 1.0
    f["a_near"] = float(any(d <= NEAR + (cand.end - cand.start) / 2 for d in dists))
    f["a_before"] = float(any(a < cand.start for a in unit.anchors))
    f["a_after"] = float(any(a >= cand.end for a in unit.anchors))
    clause = _clause(text, cand, unit)
    f["a_clause"] = unit.terms.share(unit.terms.found_in(norm(clause)))
    window = text[max(unit.start, cand.start - NEAR) : min(unit.end, cand.end + NEAR)]
    f["a_window"] = unit.terms.share(unit.terms.found_in(norm(window)))
    f["a_focus_near"] = float(bool(focus) and len(focus) >= 2 and focus in norm(window))
    return window


def _clause(text: str, cand: Candidate, unit: UnitView) -> str:
    before = text[unit.start : cand.start]
    after = text[cand.end : unit.end]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    stop = next((m.start() for m in _CLAUSE_BREAK.finditer(after)), len(after))
    return before[cut:] + text[cand.start : cand.end] + after[:stop]
