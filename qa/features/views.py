"""What the features need about one release and one sentence of it, computed once per bundle."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from index.vocabulary import EN_SPEECH_VERB, KO_SPEECH_VERB, event_classes
from qa.bundle import EvidenceBundle, ReleaseEvidence
from qa.features.terms import Terms, release_terms
from qa.features.text import lang_of, norm
from qa.features.titles import title_spans

DENSE_SCALE = 0.05  # e5 similarities are compressed: 0.05 below the best passage is far
_BODY_LINE = re.compile(r"^.{20,}(?:[.!?。]|다|[”\"’])\s*$|^.{90,}$", re.M)


@dataclass
class UnitView:
    """One sentence of a release with what the features need about it, computed once."""

    release: ReleaseEvidence
    start: int
    end: int
    terms: Terms
    order: float  # position of the sentence in the release, 0..1
    headline: bool
    dense: float  # best passage similarity holding it, relative to the bundle's best (≤ 0)

    @cached_property
    def text(self) -> str:
        return self.release.text[self.start : self.end]

    @cached_property
    def normed(self) -> str:
        return norm(self.text)

    @cached_property
    def found(self) -> set[str]:
        return self.terms.found_in(self.normed)

    @cached_property
    def anchors(self) -> list[int]:
        """Offsets (in the release) where the question's words occur in this sentence."""
        lower = self.text.lower()
        out = []
        for term in self.found:
            for m in re.finditer(re.escape(term), lower):
                out.append(self.start + m.start())
        return sorted(out)

    @cached_property
    def events(self) -> frozenset[str]:
        return event_classes(self.text)

    @cached_property
    def titles(self) -> list[tuple[int, int]]:
        """Where title words (청장, CEO, governor) stand in this sentence."""
        return [(self.start + s, self.start + e) for s, e in title_spans(self.text)]

    @cached_property
    def quoted(self) -> bool:
        return any(mark in self.text for mark in '"“”')

    @cached_property
    def speech(self) -> bool:
        return bool(KO_SPEECH_VERB.search(self.text) or EN_SPEECH_VERB.search(self.text))


@dataclass
class ReleaseView:
    release: ReleaseEvidence
    terms: Terms
    lang: str
    body_start: int
    dense: float  # best passage similarity relative to the bundle's best (≤ 0)
    units: dict[tuple[int, int], UnitView] = field(default_factory=dict)
    speakers: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # unit → speaker names

    @cached_property
    def normed(self) -> str:
        return norm(self.release.text)

    @cached_property
    def speaker_names(self) -> frozenset[str]:
        """Every speaker the release's facts name, in any sentence (normalised)."""
        return frozenset(name for names in self.speakers.values() for name in names)

    @cached_property
    def found(self) -> set[str]:
        """The question's words the release holds, names as it may write them (`누리산단` is found in
        `누리일반산업단지`)."""
        return self.terms.found_in(self.normed)

    @cached_property
    def overlap(self) -> float:
        """Share of the question's words found anywhere in the release."""
        return self.terms.share(self.found)

    @cached_property
    def entity_share(self) -> float:
        """Share of the question's names found in the release (1.0 when it names none)."""
        names = self.terms.entities
        return len(self.found & names) / len(names) if names else 1.0

    @cached_property
    def best_sentence(self) -> float:
        """The best share of the question's words any one sentence of the release holds."""
        text = self.release.text
        return max(
            (
                self.terms.share(self.terms.found_in(norm(text[s.start : s.end])))
                for s in self.release.sentences
            ),
            default=0.0,
        )


def release_view(release: ReleaseEvidence, bundle: EvidenceBundle, best_dense: float) -> ReleaseView:
    """The release's view: its language, the question's terms as it can hold them, where its body
    starts, its share of the question's names, its similarity and its speakers."""
    lang = release.lang or lang_of(release.text)
    terms = release_terms(bundle.query, bundle, lang)
    body = _BODY_LINE.search(release.text)
    view = ReleaseView(
        release,
        terms,
        lang,
        body.start() if body else 0,
        (release.best_dense() - best_dense) / DENSE_SCALE,
    )
    for fact in release.facts:
        if fact.kind == "speaker" and fact.fields.get("name"):
            view.speakers.setdefault((fact.start, fact.end), set()).add(norm(str(fact.fields["name"])))
    return view


def unit_view(view: ReleaseView, start: int, end: int, best_dense: float) -> UnitView:
    """The sentence's view, made once per release view."""
    key = (start, end)
    unit = view.units.get(key)
    if unit is None:
        release = view.release
        holding = [p.dense for p in release.passages if p.start <= start and end <= p.end]
        if not holding:
            holding = [p.dense for p in release.passages if p.start < end and start < p.end]
        dense = max(holding, default=release.best_dense())
        unit = UnitView(
            release,
            start,
            end,
            view.terms,
            start / max(1, len(release.text)),
            end <= view.body_start,
            (dense - best_dense) / DENSE_SCALE,
        )
        view.units[key] = unit
    return unit
