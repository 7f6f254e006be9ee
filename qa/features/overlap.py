"""Lexical overlap: the question's own ask (its words other than names) near the evidence, the
names and focus a release lacks, and how the sentence compares with the release's best."""

from __future__ import annotations

import bisect

from qa.features.text import norm
from qa.features.views import ReleaseView, UnitView
from qa.question.query import Query


def neighbourhood(view: ReleaseView, unit: UnitView) -> str:
    """The normalised sentence with its neighbours: where the question's ask should be written."""
    text = view.release.text
    starts = [s.start for s in view.release.sentences]
    ends = [s.end for s in view.release.sentences]
    i = max(0, bisect.bisect_right(starts, unit.start) - 1)
    lo = starts[max(0, i - 1)] if starts else unit.start
    hi = ends[min(len(ends) - 1, i + 1)] if ends else unit.end
    return norm(text[min(lo, unit.start) : max(hi, unit.end)])


def add_ask(
    f: dict[str, float], context: str, unit: UnitView, view: ReleaseView, query: Query, focus: str
) -> None:
    """The ask's share in the sentence's neighbourhood (`context`), and names or focus missing."""
    asks = [t for t in unit.terms.weights if t not in unit.terms.entities]
    found = unit.terms.found_in(context)
    f["a_ask_share"] = (
        sum(unit.terms.weights[t] for t in asks if t in found) / sum(unit.terms.weights[t] for t in asks)
        if asks
        else 1.0
    )
    f["a_ask_none"] = float(bool(asks) and not any(t in found for t in asks))
    f["r_entity_missing"] = float(view.entity_share < 1.0)
    f["r_focus_missing"] = float(
        bool(focus) and len(focus) >= 2 and view.lang == query.lang and focus not in view.normed
    )


def add_release_overlap(f: dict[str, float], unit: UnitView, view: ReleaseView) -> None:
    f["r_overlap"] = view.overlap
    f["r_best_sentence"] = view.best_sentence
    f["s_best_in_release"] = float(unit.terms.share(unit.found) >= view.best_sentence - 1e-9)
