"""Where retrieval and the release put the evidence: the release's rank and dense similarity, and
the sentence's share of the question's words, similarity, position, quotes and events."""

from __future__ import annotations

import math

from qa.bundle import ReleaseEvidence
from qa.features.views import ReleaseView, UnitView
from qa.intent import Intent


def add_release(f: dict[str, float], rel: ReleaseEvidence, view: ReleaseView) -> None:
    f["r_rank"] = float(rel.rank)
    f["r_top"] = float(rel.rank == 0)
    f["r_dense"] = view.dense
    f["r_entities"] = view.entity_share
    f["r_preferred"] = float(rel.preferred)
    f["r_crossed"] = float(rel.crossed)
    f["r_hit"] = float(min((p.rank for p in rel.passages if p.rank is not None), default=20))


def add_sentence(f: dict[str, float], unit: UnitView, view: ReleaseView, intent: Intent, focus: str) -> None:
    f["s_overlap"] = unit.terms.share(unit.found)
    f["s_entities"] = (
        len(unit.found & view.terms.entities) / len(view.terms.entities) if view.terms.entities else 1.0
    )
    f["s_terms"] = float(len(unit.found))
    f["s_dense"] = unit.dense
    f["s_order"] = unit.order
    f["s_headline"] = float(unit.headline)
    f["s_quoted"] = float(unit.quoted)
    f["s_speech"] = float(unit.speech)
    f["s_chars"] = math.log1p(unit.end - unit.start)
    f["s_events"] = float(bool(intent.events & unit.events))
    f["s_events_miss"] = float(bool(intent.events) and not (intent.events & unit.events))
    f["s_focus"] = float(bool(focus) and len(focus) >= 2 and focus in unit.normed)
