"""One feature row (a dict) per candidate, assembled from the feature groups in a fixed order."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from qa.bundle import EvidenceBundle
from qa.candidates import Candidate
from qa.features import distance, overlap, roles, similarity, type_fit
from qa.features.dates import add_time, in_dateline
from qa.features.facts import add_facts
from qa.features.kind import add_kind, asked_kind
from qa.features.lists import add_list
from qa.features.number import add_number
from qa.features.text import norm, span_cut
from qa.features.views import ReleaseView, UnitView, release_view, unit_view
from qa.intent import Intent


class Featurizer:
    """Turns one bundle's candidates into feature rows (dicts), sharing per-sentence work."""

    def __init__(self, bundle: EvidenceBundle, intent: Intent) -> None:
        self.bundle = bundle
        self.query = bundle.query
        self.intent = intent
        self.qnorm = norm(self.query.text)
        self.best_dense = bundle.best_dense
        self.views = {r.release_id: release_view(r, bundle, self.best_dense) for r in bundle.releases}
        self.asked_titles = roles.asked_titles(intent)
        self.focus = norm(self.query.focus or "")
        # a person's asked noun is a title, which the person features weigh (`p_asked_title`)
        head = None if intent.person else self.query.head
        self.head = norm(head or "")
        self.asked_kind = asked_kind(head)
        self.entities = frozenset(norm(e) for e in self.query.entities if len(norm(e)) >= 2)
        self._contexts: dict[tuple[str, int], str] = {}
        self._parts: dict[Hashable, dict[str, float]] = {}

    def rows(self, candidates: list[Candidate]) -> list[dict[str, float]]:
        freq: dict[tuple[str, str], int] = {}
        for c in candidates:
            key = (c.release.release_id, norm(c.text))
            freq[key] = freq.get(key, 0) + 1
        return [self.row(c, freq[(c.release.release_id, norm(c.text))]) for c in candidates]

    def row(self, cand: Candidate, freq: int = 1) -> dict[str, float]:
        """The groups add their features in this order, which is the model's feature order."""
        view = self.views[cand.release.release_id]
        unit = unit_view(view, *cand.unit, self.best_dense)
        f: dict[str, float] = {}
        q, intent, label = self.query, self.intent, cand.label
        rid, sentence = cand.release.release_id, (cand.release.release_id, *cand.unit)
        f.update(self._shared(("question", rid), lambda p: type_fit.add_question(p, q, view)))
        type_fit.add_candidate(f, cand, q, view, self.qnorm, freq)
        f.update(self._shared(("release", rid), lambda p: similarity.add_release(p, cand.release, view)))
        f.update(self._shared(("sentence", *sentence), lambda p: self._add_sentence(p, view, unit)))
        window = distance.add_anchors(f, cand, unit, self.focus)
        f.update(self._shared("intent", lambda p: type_fit.add_intent(p, intent)))
        type_fit.add_crosses(f, cand, intent)
        f.update(self._shared(("overlap", *sentence), lambda p: overlap.add_release_overlap(p, unit, view)))
        f["c_dateline"] = float(label == "TIME" and in_dateline(cand.release.text, cand, unit))
        f["c_cut"] = float(span_cut(cand.release.text, cand.start, cand.end, view.lang))
        if label not in ("NUMBER", "TIME"):
            roles.add_person(f, cand, view, unit, window, intent, self.asked_titles)
            roles.add_place(f, cand, view, unit, intent)
            roles.add_product(f, cand, view, unit, intent)
        if label == "NUMBER":
            add_number(f, cand, unit, window, intent)
        if label == "TIME":
            add_time(f, cand, window, intent)
        add_kind(f, cand, unit, self.head, self.asked_kind, self.entities)
        add_list(f, cand, intent)
        add_facts(f, cand, intent)
        return f

    def _shared(self, key: Hashable, add: Callable[[dict[str, float]], None]) -> dict[str, float]:
        """Features that depend only on what `key` names (the question, a release, a sentence),
        computed once into their own dict. `row` copies them in with `update`, which inserts the keys
        in the order the group assigned them, so every row keeps the model's feature order."""
        part = self._parts.get(key)
        if part is None:
            part = self._parts[key] = {}
            add(part)
        return part

    def _add_sentence(self, f: dict[str, float], view: ReleaseView, unit: UnitView) -> None:
        similarity.add_sentence(f, unit, view, self.intent, self.focus)
        overlap.add_ask(f, self._context(view, unit), unit, view, self.query, self.focus)

    def _context(self, view: ReleaseView, unit: UnitView) -> str:
        """The sentence's neighbourhood (`overlap.neighbourhood`), once per sentence."""
        key = (view.release.release_id, unit.start)
        found = self._contexts.get(key)
        if found is None:
            found = self._contexts[key] = overlap.neighbourhood(view, unit)
        return found


def feature_names(rows: list[dict[str, float]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        for key in row:
            names.setdefault(key, None)
    return list(names)
