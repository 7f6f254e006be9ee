"""From an evidence bundle to a short answer with verbatim citations, or an honest abstention.

`answer(bundle, scorer)` is a pure function: candidates are generated from the bundle, described by
features, and scored by the fitted model; the best one is given when the model's calibrated
probability that it is right clears the threshold chosen on cross-validation, else the question is
declined and the closest passages are listed for the reader to check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from qa.bundle import EvidenceBundle, ReleaseEvidence
from qa.candidates import Candidate, generate
from qa.cite import Citation, cite
from qa.features.dates import coarser_than_asked
from qa.features.featurizer import Featurizer
from qa.features.lists import list_size_conflict
from qa.intent import intent_of
from qa.scorer import Scorer

MAX_CITATIONS = 3
NOT_FOUND = {"ko": "보도자료에서 답을 찾지 못했습니다.", "en": "Not found in the releases."}


@dataclass
class Answer:
    question: str
    type: str
    answerable: bool
    answer: str | None
    confidence: float  # the fitted probability that `answer` is right
    citations: list[Citation] = field(default_factory=list)
    message: str | None = None
    release_ids: list[str] = field(default_factory=list)  # releases the answer drew on (for chat)
    scope: str = "release"  # "archive": a list gathered from the fact table across releases
    filters: dict[str, str] | None = None  # the archive filters read from the question
    items: list[dict[str, Any]] | None = None  # an archive answer's items, one per firm

    def as_dict(self) -> dict[str, Any]:
        out = {
            "question": self.question,
            "type": self.type,
            "answerable": self.answerable,
            "answer": self.answer,
            "confidence": round(self.confidence, 3),
            "citations": [c.as_dict() for c in self.citations],
        }
        if self.message:
            out["message"] = self.message
        if self.scope != "release":
            out["scope"] = self.scope
            out["filters"] = self.filters or {}
            out["items"] = self.items or []
        return out


@dataclass
class Scored:
    """The candidates of one question with their features and fitted probabilities."""

    candidates: list[Candidate]
    rows: list[dict[str, float]]
    probabilities: list[float]

    def eligible(self) -> list[int]:
        """Candidates the hand-set gates let through (`eligible`), in their original order."""
        return [i for i, row in enumerate(self.rows) if eligible(row)]

    def best(self) -> int | None:
        """Index of the most probable eligible candidate."""
        keep = self.eligible()
        if not keep:
            return None
        return max(keep, key=self.probabilities.__getitem__)


def featurize(bundle: EvidenceBundle) -> tuple[list[Candidate], list[dict[str, float]]]:
    intent = intent_of(bundle.query)
    candidates = generate(bundle, intent)
    return candidates, Featurizer(bundle, intent).rows(candidates)


def answer(bundle: EvidenceBundle, scorer: Scorer) -> Answer:
    candidates, rows = featurize(bundle)
    scored = Scored(candidates, rows, list(scorer.probabilities(rows)) if rows else [])
    return decide(bundle, scored, scorer)


def decide(bundle: EvidenceBundle, scored: Scored, scorer: Scorer) -> Answer:
    """The best candidate if its calibrated confidence clears the threshold, else a decline."""
    query = bundle.query
    best = scored.best()
    if best is None:
        return abstain(bundle)
    confidence = scorer.confidence([scored.probabilities[i] for i in scored.eligible()], scored.rows[best])
    cand = scored.candidates[best]
    if confidence < scorer.threshold:
        return abstain(bundle, confidence)
    spans = list(cand.members) or [(cand.start, cand.end)]
    first = cite(cand.release.info, cand.unit[0], cand.unit[1], spans)
    citations = _with_copies(bundle, [first, *supporting(bundle, [first], cand.release)])
    return Answer(
        query.text,
        query.type,
        True,
        cand.text,
        confidence,
        citations[:MAX_CITATIONS],
        release_ids=[cand.release.release_id],
    )


def eligible(row: dict[str, float]) -> bool:
    """The decision's hand-set gates, type checks no score should override:
    - an answer comes from a release that names what the question names: when the question and
      the release share a language and none of the question's names occurs in the release, no span
      of it can be the answer, however well it scores;
    - a number in units that cannot answer the asked unit: an amount for a count or the reverse, a
      head count for a count of firms (`index.units.units_exclusive`);
    - a place whose role in its sentence is not the asked one: the venue of a signing for where a
      firm moves from, the origin for where it moves to (`pl_conflict`);
    - a date coarser than asked: a year for `며칠`, a day for `몇 시`, one end for a span;
    - a list of another size than the one the question asks for (`4개사는` answered by two).
    Each gate held on the training questions: no answerable one lost every right candidate to it."""
    about = not (row.get("r_entities", 1.0) == 0.0 and row.get("q_cross", 0.0) == 0.0)
    return about and not (
        row.get("n_unit_exclusive")
        or row.get("pl_conflict")
        or coarser_than_asked(row)
        or list_size_conflict(row)
    )


def abstain(bundle: EvidenceBundle, confidence: float = 0.0) -> Answer:
    """No answer; the closest passages are still listed so a reader can check for themselves."""
    query = bundle.query
    return Answer(
        query.text,
        query.type,
        False,
        None,
        confidence,
        _with_copies(bundle, supporting(bundle, [], None)),
        message=NOT_FOUND.get(query.lang, NOT_FOUND["en"]),
    )


def _with_copies(bundle: EvidenceBundle, citations: list[Citation]) -> list[Citation]:
    """Name the other outlets that published each cited story ("also published by …")."""
    for c in citations:
        c.also_published_by = bundle.also_published_by(c.release_id)
    return citations


def supporting(
    bundle: EvidenceBundle, exclude: Sequence[Citation], first: ReleaseEvidence | None
) -> list[Citation]:
    """Further retrieved passages, the answer's release first, none overlapping what is cited."""
    out: list[Citation] = []
    first_id = first.release_id if first else ""
    for hit in sorted(bundle.hits, key=lambda h: h.passage.release_id != first_id):
        p = hit.passage
        release = bundle.release(p.release_id)
        if release is None:
            continue
        taken = [*exclude, *out]
        if any(c.release_id == p.release_id and c.start < p.end and p.start < c.end for c in taken):
            continue
        story = bundle.story(p.release_id)  # a copy of a story already cited is not cited again
        if any(c.release_id != p.release_id and bundle.story(c.release_id) == story for c in taken):
            continue
        out.append(cite(release.info, p.start, p.end))
        if len(out) + len(exclude) >= MAX_CITATIONS:
            break
    return out
