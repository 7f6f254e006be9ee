"""Distance: how close the candidate sits to the question's anchor words in its sentence, and
how much of the question its clause and its immediate window hold."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from qa.candidates import Candidate
from qa.features.text import norm
from qa.features.views import UnitView

NEAR = 25  # characters around a candidate that count as "next to it"
_CLAUSE_BREAK = re.compile(r"[,，;·△▲•◆■]|\s및\s|\s그리고\s|\band\b|다\.\s|[.!?]\s")
# How far from where it starts a try of _CLAUSE_BREAK may read: its longest break (`\s그리고\s`) is 5
# characters, and `\b` looks one back. A try that starts REACH before a text's end reads nothing past it.
REACH = 8


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
    """The candidate with the rest of its clause: back to the last break before it in its sentence,
    on to the first one after it."""
    before = text[unit.start : cand.start]
    after = text[cand.end : unit.end]
    found = _CLAUSE_BREAK.search(after)
    stop = found.start() if found else len(after)
    return before[_last_break_end(unit.text, before) :] + text[cand.start : cand.end] + after[:stop]


def _last_break_end(sentence: str, before: str) -> int:
    """Where the last clause break in `before` ends (0 without one), as a scan of `before` would find
    it. `before` is mostly a head of `sentence`, whose breaks are found once: a scan of the head
    tries the same positions and finds the same breaks as far as REACH before its end, so only
    that last stretch is scanned again, from where the scan would be by then."""
    if not sentence.startswith(before):
        return max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    starts, ends = _breaks(sentence)
    safe = bisect_right(starts, len(before) - REACH)
    end = ends[safe - 1] if safe else 0
    for m in _CLAUSE_BREAK.finditer(before, max(end, len(before) - REACH + 1, 0)):
        end = m.end()
    return end


@lru_cache(maxsize=1024)
def _breaks(sentence: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the clause breaks in a sentence, in order."""
    found = list(_CLAUSE_BREAK.finditer(sentence))
    return tuple(m.start() for m in found), tuple(m.end() for m in found)
