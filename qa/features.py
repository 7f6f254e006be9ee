"""Features of a candidate answer: how it relates to the question, in terms that carry to any release.

Nothing here names a word of a particular release. Each feature describes a relation: the
candidate's kind against the kind asked; the role it plays in its sentence (speaker of a quote,
origin or destination of a move, venue of an event, site of a plant, member of a list) against
the role asked; how close it sits to the question's anchor words; how much its sentence and
passage share with the question (words, names, dense similarity); where the sentence stands in
the release; whether an index-time fact agrees. The fitted scorer (`qa.scorer`) weighs them.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from index.vocabulary import (
    EN_PLACE_ROLE_BEFORE,
    EN_SPEECH_VERB,
    EN_TITLES,
    KO_PLACE_ROLE_AFTER,
    KO_SPEECH_VERB,
    KO_TITLES,
    MEASURE_CLASSES,
    PLACE_ROLES,
    QUOTE_MARKS,
    event_classes,
    unit_class,
)
from qa.bundle import EvidenceBundle, ReleaseEvidence
from qa.candidates import Candidate
from qa.intent import Intent
from qa.lexicon import ENGLISH_FOR, GLOSSARY
from qa.question import QUESTION_TYPES, Query

LABEL_NAMES = ("PERSON", "ORG", "PLACE", "TITLE", "TIME", "NUMBER", "QUOTE", "EVENT", "NP", "LIST")
DENSE_SCALE = 0.05  # e5 similarities are compressed: 0.05 below the best passage is far
NEAR = 25  # characters around a candidate that count as "next to it"
_HANGUL = re.compile(r"[가-힣]")
_BODY_LINE = re.compile(r"^.{20,}(?:[.!?。]|다|[”\"’])\s*$|^.{90,}$", re.M)
_CLAUSE_BREAK = re.compile(r"[,，;·△▲•◆■]|\s및\s|\s그리고\s|\band\b|다\.\s|[.!?]\s")
_CLOCK = re.compile(r"\d\s?시|오전|오후|a\.m\.|p\.m\.|\d:\d\d|\b(?:am|pm)\b", re.I)
_DAY = re.compile(r"\d\s?일|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_RANGE = re.compile(r"부터|까지|[~∼]|\d\s?[-–]\s?\d|\bthrough\b|\buntil\b", re.I)
_QUARTER = re.compile(r"quarter|half|분기|상반기|하반기|\bQ[1-4]\b", re.I)
_MONEY = re.compile(r"[$€£₩]|원\b|원$|달러|dollars|\bwon\b|million|billion|억|조\s?원", re.I)
_PERCENT = re.compile(r"%|percent|퍼센트")
_NUMBER_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.I)
_LEGAL = re.compile(r"㈜|\(주\)|주식회사|\b(?:Inc|Co|Corp|Ltd|LLC|Corporation|Company|Group)\b\.?")
_TITLE_RE = re.compile(
    "|".join(re.escape(t) for t in KO_TITLES if len(t) >= 2)
    + "|"
    + "|".join(rf"\b{re.escape(t)}\b" for t in EN_TITLES if len(t) >= 3),
    re.I,
)


@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s\W_]+", "", text)


def lang_of(text: str) -> str:
    hangul = len(_HANGUL.findall(text[:3000]))
    latin = len(re.findall(r"[A-Za-z]", text[:3000]))
    return "ko" if hangul > 0.2 * (hangul + latin) else "en"


def _abbreviation(term: str) -> re.Pattern[str] | None:
    """`대경경자청` finds `대구경북경제자유구역청`: Korean abbreviations keep their syllables in order."""
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
        return sum(self.weights[t] for t in found) / self.total


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
    weights: dict[str, float] = {}
    for key, weight in raw:
        hangul = bool(_HANGUL.search(key))
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
        return [(self.start + m.start(), self.start + m.end()) for m in _TITLE_RE.finditer(self.text)]

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
    entity_share: float
    dense: float  # best passage similarity relative to the bundle's best (≤ 0)
    units: dict[tuple[int, int], UnitView] = field(default_factory=dict)
    speakers: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # unit → speaker names

    @cached_property
    def normed(self) -> str:
        return norm(self.release.text)

    @cached_property
    def overlap(self) -> float:
        """Share of the question's words found anywhere in the release."""
        return self.terms.share(self.terms.found_in(self.normed))

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


class Featurizer:
    """Turns one bundle's candidates into feature rows (dicts), sharing per-sentence work."""

    def __init__(self, bundle: EvidenceBundle, intent: Intent) -> None:
        self.bundle = bundle
        self.query = bundle.query
        self.intent = intent
        self.qnorm = norm(self.query.text)
        self.best_dense = bundle.best_dense
        self.views = {r.release_id: self._release_view(r) for r in bundle.releases}
        self.asked_titles = self._asked_titles()
        self.focus = norm(self.query.focus or "")
        self._contexts: dict[tuple[str, int], str] = {}

    # --- per release and sentence ------------------------------------------------------------

    def _release_view(self, release: ReleaseEvidence) -> ReleaseView:
        lang = release.lang or lang_of(release.text)
        terms = release_terms(self.query, self.bundle, lang)
        normed = norm(release.text)
        ents = [t for t in terms.entities]
        share = (sum(1 for t in ents if t in normed) / len(ents)) if ents else 1.0
        body = _BODY_LINE.search(release.text)
        view = ReleaseView(
            release,
            terms,
            lang,
            body.start() if body else 0,
            share,
            (release.best_dense() - self.best_dense) / DENSE_SCALE,
        )
        for fact in release.facts:
            if fact.kind == "speaker" and fact.fields.get("name"):
                view.speakers.setdefault((fact.start, fact.end), set()).add(norm(str(fact.fields["name"])))
        return view

    def _unit(self, view: ReleaseView, start: int, end: int) -> UnitView:
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
                (dense - self.best_dense) / DENSE_SCALE,
            )
            view.units[key] = unit
        return unit

    def _asked_titles(self) -> set[str]:
        """Title words the question names, in both languages (청장 ↔ commissioner)."""
        out = {norm(t) for t in self.intent.titles}
        for title in list(out):
            out |= {norm(w) for w in (*ENGLISH_FOR.get(title, ()), *GLOSSARY.get(title, ()))}
        return {t for t in out if t}

    # --- rows --------------------------------------------------------------------------------

    def rows(self, candidates: list[Candidate]) -> list[dict[str, float]]:
        freq: dict[tuple[str, str], int] = {}
        for c in candidates:
            key = (c.release.release_id, norm(c.text))
            freq[key] = freq.get(key, 0) + 1
        return [self.row(c, freq[(c.release.release_id, norm(c.text))]) for c in candidates]

    def row(self, cand: Candidate, freq: int = 1) -> dict[str, float]:
        view = self.views[cand.release.release_id]
        unit = self._unit(view, *cand.unit)
        text = cand.release.text
        f: dict[str, float] = {}
        q = self.query
        # the question
        for t in QUESTION_TYPES:
            f[f"q_{t}"] = float(q.type == t)
        f["q_en"] = float(q.lang == "en")
        f["q_cross"] = float(q.lang != view.lang)
        # the candidate's kind
        for label in LABEL_NAMES:
            f[f"c_{label}"] = float(label in cand.labels or cand.label == label)
            f[f"x_{q.type}_{label}"] = float(cand.label == label)
        f["c_derived"] = float(cand.derived)
        f["c_proper"] = float(cand.proper)
        words = len(cand.text.split())
        f["c_words"] = float(words)
        f["c_chars"] = math.log1p(len(cand.text))
        f["c_freq"] = math.log1p(freq)
        f["c_legal"] = float(bool(_LEGAL.search(cand.text)))
        cnorm = norm(cand.text)
        f["c_in_question"] = float(len(cnorm) >= 2 and cnorm in self.qnorm)
        f["c_has_question_word"] = float(any(t in cnorm for t in view.terms.weights if len(t) >= 2))
        f["c_question_share"] = self._question_share(cand.text)
        # the release
        rel = cand.release
        f["r_rank"] = float(rel.rank)
        f["r_top"] = float(rel.rank == 0)
        f["r_dense"] = view.dense
        f["r_entities"] = view.entity_share
        f["r_preferred"] = float(rel.preferred)
        f["r_crossed"] = float(rel.crossed)
        f["r_hit"] = float(min((p.rank for p in rel.passages if p.rank is not None), default=20))
        # the sentence
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
        f["s_events"] = float(bool(self.intent.events & unit.events))
        f["s_events_miss"] = float(bool(self.intent.events) and not (self.intent.events & unit.events))
        f["s_focus"] = float(bool(self.focus) and len(self.focus) >= 2 and self.focus in unit.normed)
        # the question's own ask (its words other than names) near the evidence, and names missing
        context = self._context(view, unit)
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
            bool(self.focus)
            and len(self.focus) >= 2
            and view.lang == self.query.lang
            and self.focus not in view.normed
        )
        # next to the question's words
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
        f["a_focus_near"] = float(bool(self.focus) and len(self.focus) >= 2 and self.focus in norm(window))
        f["i_speech"] = float(self.intent.speech)
        f["i_person"] = float(self.intent.person)
        f["i_title"] = float(self.intent.title)
        f["i_money"] = float(self.intent.money)
        f["i_unit"] = float(self.intent.unit is not None)
        f["i_plural"] = float(self.intent.plural)
        f["i_count"] = float(self.intent.count or 0)
        for role in PLACE_ROLES:
            f[f"i_{role}"] = float(role in self.intent.place_roles)
        label = cand.label
        it = self.intent
        f["x_title_TITLE"] = float(it.title and label == "TITLE")
        f["x_person_PERSON"] = float(it.person and label == "PERSON")
        f["x_org_ORG"] = float(it.org and (label == "ORG" or cand.proper))
        f["x_plural_LIST"] = float(it.plural and label == "LIST")
        f["x_money_NUMBER"] = float(it.money and label == "NUMBER")
        f["x_event_EVENT"] = float(
            it.event and (label == "EVENT" or (cand.proper and label in ("NP", "ORG")))
        )
        f["r_overlap"] = view.overlap
        f["r_best_sentence"] = view.best_sentence
        f["s_best_in_release"] = float(unit.terms.share(unit.found) >= view.best_sentence - 1e-9)
        f["c_dateline"] = float(label == "TIME" and _in_dateline(text, cand, unit))
        if label not in ("NUMBER", "TIME"):
            self._person(f, cand, view, unit, window)
            self._place(f, cand, view, unit)
        if label == "NUMBER":
            self._number(f, cand, unit, window)
        if label == "TIME":
            self._time(f, cand, window)
        self._list(f, cand)
        self._facts(f, cand)
        return f

    def _context(self, view: ReleaseView, unit: UnitView) -> str:
        """The normalised sentence with its neighbours: where the question's ask should be written."""
        key = (view.release.release_id, unit.start)
        found = self._contexts.get(key)
        if found is None:
            text = view.release.text
            starts = [s.start for s in view.release.sentences]
            ends = [s.end for s in view.release.sentences]
            i = max(0, bisect.bisect_right(starts, unit.start) - 1)
            lo = starts[max(0, i - 1)] if starts else unit.start
            hi = ends[min(len(ends) - 1, i + 1)] if ends else unit.end
            found = self._contexts[key] = norm(text[min(lo, unit.start) : max(hi, unit.end)])
        return found

    def _question_share(self, text: str) -> float:
        """Share of the candidate's words the question already says (numbers and counters aside:
        `몇 개 업체` asks for the number of 업체, so `7개 업체` is not a repeat of the question)."""
        words = [norm(w) for w in text.split() if not _NUMBER_WORD.search(w)]
        words = [w for w in words if len(w) >= 2]
        if not words:
            return 0.0
        return sum(1 for w in words if w in self.qnorm) / len(words)

    # --- roles -------------------------------------------------------------------------------

    def _person(self, f: dict, cand: Candidate, view: ReleaseView, unit: UnitView, window: str) -> None:
        names = view.speakers.get(cand.unit, set())
        cnorm = norm(cand.text)
        speaker_fact = any(fact.kind == "speaker" for fact in cand.facts)
        f["p_speaker"] = float(
            speaker_fact or any(n and (n in cnorm or cnorm in n) for n in names if len(cnorm) >= 2)
        )
        f["p_speaker_any"] = float(
            any(
                n and (n in cnorm or cnorm in n)
                for ns in view.speakers.values()
                for n in ns
                if len(cnorm) >= 2
            )
        )
        f["p_said_next"] = float(_said_next(cand.release.text, cand, unit))
        lo, hi = cand.start - NEAR, cand.end + NEAR
        f["p_title_near"] = float(any(lo <= s and e <= hi for s, e in unit.titles))
        f["p_title_in"] = float(any(cand.start <= s and e <= cand.end for s, e in unit.titles))
        wnorm = norm(window)
        f["p_asked_title"] = float(any(t in wnorm for t in self.asked_titles))
        f["p_asked_title_miss"] = float(bool(self.asked_titles) and not f["p_asked_title"])
        f["p_entity_near"] = float(any(e in wnorm and e not in cnorm for e in view.terms.entities))
        tight = norm(_own_zone(cand.release.text, cand, unit))
        # a title next to an organisation's name is its head's, not the organisation's
        f["p_own_title"] = float(
            cand.label in ("PERSON", "TITLE") and any(t in tight for t in self.asked_titles)
        )
        f["p_entity_tight"] = float(any(e in tight and e not in cnorm for e in view.terms.entities))
        f["x_speech_speaker"] = float(self.intent.speech) * f["p_speaker"]
        f["x_speech_said"] = float(self.intent.speech) * f["p_said_next"]

    def _place(self, f: dict, cand: Candidate, view: ReleaseView, unit: UnitView) -> None:
        roles = _place_roles(cand.release.text, cand, unit, view.lang)
        asked = self.intent.place_roles
        for role in PLACE_ROLES:
            f[f"pl_{role}"] = float(role in roles)
            f[f"x_{role}"] = float(role in roles and role in asked)
        f["pl_match"] = float(bool(roles & asked))
        f["pl_conflict"] = float(bool(roles) and bool(asked) and not roles & asked)
        f["pl_move_sentence"] = float("move" in unit.events)

    def _number(self, f: dict, cand: Candidate, unit: UnitView, window: str) -> None:
        after = cand.release.text[cand.end : min(unit.end, cand.end + 12)]
        have = _unit_of(cand.text)
        if have is None:
            nxt = re.match(r"\s?([가-힣A-Za-z]+)", after)
            have = unit_class(nxt.group(1)) if nxt else None
        if have is None and _MONEY.search(cand.text):
            have = "money"
        if have is None and _PERCENT.search(cand.text):
            have = "percent"
        want = self.intent.unit
        f["n_number"] = float(bool(_NUMBER_WORD.search(cand.text)))
        f["n_money"] = float(have == "money")
        f["n_percent"] = float(have == "percent")
        f["n_unit_known"] = float(have is not None)
        f["n_unit_match"] = float(want is not None and have == want)
        f["n_unit_conflict"] = float(want is not None and have is not None and have != want)
        f["n_measure_conflict"] = float(bool(f["n_unit_conflict"]) and bool({want, have} & MEASURE_CLASSES))
        events = event_classes(window)
        f["n_events_match"] = float(bool(self.intent.events & events))
        f["n_year_like"] = float(bool(re.fullmatch(r"(?:19|20)\d\d(?:년)?", cand.text.strip())))

    def _time(self, f: dict, cand: Candidate, window: str) -> None:
        t = cand.text
        has = {
            "clock": bool(_CLOCK.search(t)),
            "day": bool(_DAY.search(t)),
            "year": bool(_YEAR.search(t)),
            "range": bool(_RANGE.search(t)),
        }
        asked = {
            "clock": self.intent.clock,
            "day": self.intent.day,
            "year": self.intent.year,
            "range": self.intent.range,
        }
        for name in has:
            f[f"t_{name}"] = float(has[name])
            f[f"t_asked_{name}"] = float(asked[name])
            f[f"t_match_{name}"] = float(has[name] and asked[name])
        f["t_quarter"] = float(bool(_QUARTER.search(t)))
        f["t_events_match"] = float(bool(self.intent.events & event_classes(window)))

    def _list(self, f: dict, cand: Candidate) -> None:
        n = len(cand.members)
        f["l_members"] = float(n)
        f["l_is_list"] = float(n >= 2)
        count = self.intent.count
        f["l_count_match"] = float(count is not None and n == count)
        f["l_count_miss"] = float(count is not None and count > 1 and n != count)
        f["x_plural_list"] = float(self.intent.plural and n >= 2)
        if n:
            members = cand.member_labels or [frozenset()] * n
            f["l_places"] = sum("PLACE" in m for m in members) / n
            f["l_orgs"] = sum("ORG" in m for m in members) / n
            f["l_proper"] = sum("PROPER" in m for m in members) / n
            f["l_people"] = sum("PERSON" in m for m in members) / n

    def _facts(self, f: dict, cand: Candidate) -> None:
        kinds = {fact.kind for fact in cand.facts}
        for kind in ("speaker", "role", "venue", "time", "count", "firm"):
            f[f"fact_{kind}"] = float(kind in kinds)
        roles = {str(fact.fields.get("role") or "") for fact in cand.facts if fact.kind == "firm"}
        asked = self.intent.events
        f["fact_firm_role_match"] = float(
            ("relocate" in roles and "move" in asked)
            or ("invest" in roles and "invest" in asked)
            or ("mou" in roles and "sign" in asked)
        )
        events = set()
        for fact in cand.facts:
            if fact.kind in ("venue", "time") and fact.fields.get("event"):
                events |= event_classes(str(fact.fields["event"]))
        f["fact_event_match"] = float(bool(events & asked))
        f["fact_event_miss"] = float(bool(events) and bool(asked) and not events & asked)


# --- helpers ---------------------------------------------------------------------------------


def _unit_of(text: str) -> str | None:
    """What the span's number counts or measures: the unit written on or after its first number
    (`약 3만㎡ 규모` → area, `2,260 new jobs` → job)."""
    words = text.split()
    for i, word in enumerate(words):
        if not any(ch.isdigit() for ch in word):
            continue
        rest = re.sub(r"^[\d,.~∼-]+(?:[만억천백조]+)?\s?(?:여)?", "", word)
        found = unit_class(rest) if rest else None
        if found is None and i + 1 < len(words):
            found = unit_class(words[i + 1]) or (unit_class(" ".join(words[i + 1 : i + 3])))
        if found:
            return found
    return unit_class(words[-1]) if words else None


def _clause(text: str, cand: Candidate, unit: UnitView) -> str:
    before = text[unit.start : cand.start]
    after = text[cand.end : unit.end]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    stop = next((m.start() for m in _CLAUSE_BREAK.finditer(after)), len(after))
    return before[cut:] + text[cand.start : cand.end] + after[:stop]


def _in_dateline(text: str, cand: Candidate, unit: UnitView) -> bool:
    """A date in the wire dateline (`CITY, Feb. 12, 2025 (WIRE) —`, `[대구=…기자] 20일`): the release's own."""
    head = text[unit.start : cand.start]
    if len(head) > 80:
        return False
    after = text[cand.end : min(unit.end, cand.end + 40)]
    return bool(re.search(r"[—–=]|\(\s?[A-Z][A-Za-z ]+\)", after)) or bool(
        re.search(r"^\s*[\[(][^\])]{0,30}[=/]", head)
    )


_TITLE_RUN = re.compile(r"((?:[A-Z][\w.'’&-]*\s+(?:(?:of|and|for|the)\s+)?){1,7})$")


def _own_zone(text: str, cand: Candidate, unit: UnitView) -> str:
    """What is written right next to a name: `서도윤 대표이사`, `(청장 윤재혁)`, `Jane Roe, CEO of Acme,`,
    `Secretary of Commerce Jane Roe`."""
    before = text[max(unit.start, cand.start - 14) : cand.start]
    # a title before the name is its own only when nothing separates them: in `한지호 대표와 마서준`
    # the 대표 is 한지호's, and in `Chairman John Doe and Jane Roe` the chairman is Doe
    before = re.split(r"(?:와|과|및|,|、|·|\band)\s", before)[-1]
    run = _TITLE_RUN.search(text[max(unit.start, cand.start - 80) : cand.start])
    if run and not re.search(r"\band\s*$", run.group(1)):
        before = run.group(1) + " " + before
    after = text[cand.end : min(unit.end, cand.end + 14)]
    appositive = re.match(r",\s+([^,.;“”\"]{2,80})", text[cand.end : min(unit.end, cand.end + 90)])
    return before + " " + after + " " + (appositive.group(1) if appositive else "")


def _said_next(text: str, cand: Candidate, unit: UnitView) -> bool:
    """A name right next to a speech verb or a quote: `said Jane Roe`, `홍길동 시장은 “…”`."""
    before = text[max(unit.start, cand.start - 14) : cand.start]
    after = text[cand.end : min(unit.end, cand.end + 40)]
    if re.search(r"\b(?:said|says|added|noted|explained|stated|according to)\s*,?\s*$", before, re.I):
        return True
    if re.match(
        r"^,?\s*(?:[\w.,' -]{0,60}?\s)?(?:said|says|added|noted|explained|stated|told)\b", after, re.I
    ):
        return True
    if re.match(r"^\s?(?:[가-힣A-Za-z]{1,12}\s?)?(?:은|는|이|가)\s?[" + QUOTE_MARKS + "]", after):
        return True
    return (
        bool(re.match(r"^\s?(?:[가-힣]{1,12}\s?)?(?:은|는|이|가)\s", after)) and unit.quoted and unit.speech
    )


def _place_roles(text: str, cand: Candidate, unit: UnitView, lang: str) -> frozenset[str]:
    roles = set()
    after = text[cand.end : min(unit.end, cand.end + 120)]
    for role, pattern in KO_PLACE_ROLE_AFTER.items():
        if pattern.search(after):
            roles.add(role)
    before = text[max(unit.start, cand.start - 80) : cand.start]
    for role, pattern in EN_PLACE_ROLE_BEFORE.items():
        if pattern.search(before):
            roles.add(role)
    if "from" in roles and "move" not in unit.events:
        roles.discard("from")
    if "to" in roles and "move" not in unit.events and lang == "en":
        roles.discard("to")
    return frozenset(roles)


def feature_names(rows: list[dict[str, float]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        for key in row:
            names.setdefault(key, None)
    return list(names)
