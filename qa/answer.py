"""From retrieved passages to a short typed answer with verbatim citations, or an honest abstention.

The question type decides which index-time facts may answer it. Each candidate fact is scored on
three things: how well retrieval ranked the passage holding it, how many of the question's terms
its sentence shares, and how well it fits the type (a count's unit, a time's granularity, a firm's
role). The best fact above a calibrated threshold wins; otherwise the best supporting sentence is
offered only when it is strongly supported; otherwise `answerable=false`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from index.models import Fact
from index.store import Store
from index.tokens import tokenize
from qa.cite import Citation, ReleaseInfo, cite
from qa.lexicon import ENGLISH_FOR, GLOSSARY, korean_synonyms
from qa.question import Query
from qa.retrieve import Hit, Retrieval

TYPE_KINDS: dict[str, tuple[str, ...]] = {
    "who_spoke": ("speaker", "role"),
    "who_is": ("role", "speaker"),
    "where": ("venue",),
    "when": ("time",),
    "how_many": ("count",),
    "which_firms": ("firm",),
    "what": ("count", "firm", "venue", "time"),
}
KIND_PREFERENCE = {  # the first kind listed for a type is the natural one
    t: {kind: 1.0 - 0.4 * i for i, kind in enumerate(kinds)} for t, kinds in TYPE_KINDS.items()
}

WEIGHTS = {"retrieval": 0.45, "overlap": 0.35, "proximity": 0.20}
FIT_GATE = 0.6  # share of the score that type fit can take away
POSITION_WEIGHT = 0.03
FOLLOWING_WEIGHT = 0.05
SIMILARITY_SPAN = 0.08  # e5 similarities are compressed: 0.08 below the best passage counts as 0
NEAR_BEFORE, NEAR_AFTER = 40, 15  # characters around an answer span that name what it is about
ANSWER_THRESHOLD = 0.38
FALLBACK_THRESHOLD = 0.8  # a bare sentence must be very well supported to be offered
MAX_RELEASES = 4  # candidate releases taken from the top hits
MAX_CITATIONS = 3

NOT_FOUND = {"ko": "보도자료에서 답을 찾지 못했습니다.", "en": "Not found in the releases."}

_UNIT_CLASSES = {
    "org": {"개", "곳", "개사", "사", "업체", "개소", "개국", "companies", "firms", "businesses", "company"},
    "person": {"명", "인", "people", "persons", "attendees", "participants", "employees", "staff", "workers"},
    "job": {"jobs", "일자리"},
    "money": {"원", "억원", "만원", "조원", "억", "달러", "$", "dollars", "won"},
    "area": {"㎡", "m²", "평", "square feet", "acres", "ha"},
    "machine": {"대", "units", "machines", "servers", "vehicles"},
}
_SAY_WORDS = re.compile(
    r"\b(?:say|said|says|tell|told|comment|remark)\w*|말했|말한|밝혔|밝힌|발언|언급", re.I
)
_TIME_OF_DAY_Q = re.compile(r"시각|몇\s*시|시간|what time|\bhour", re.I)
_DAY_Q = re.compile(r"며칠|날짜|무슨\s*요일|what date|which day|\bday\b|\bdate\b", re.I)
_YEAR_Q = re.compile(r"몇\s*년|연도|년도|what year|which year|since when|since what", re.I)
_TIME_OF_DAY = re.compile(r"\d\s*시|오전|오후|a\.m\.|p\.m\.|\d:\d\d", re.I)
_DAY = re.compile(r"\d\s*일|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_ROLE_CUES = {
    "relocate": re.compile(r"이전|옮기|옮겨|이주|relocat|mov(?:e|ing)|shift", re.I),
    "invest": re.compile(r"투자|invest", re.I),
    "mou": re.compile(r"협약|MOU|agreement|sign", re.I),
}
_AMOUNT_Q = re.compile(
    r"얼마|몇|금액|투자액|규모|가격|비용|how much|how many|amount|price|cost|\$|dollars|won\b", re.I
)
# what a count is about: a question about hiring is not answered by an attendance figure
_COUNT_CONTEXTS = {
    "attend": re.compile(r"참석|참가|참여|모였|attend|particip|turnout|drew", re.I),
    "jobs": re.compile(r"고용|채용|일자리|인력|jobs?\b|employ|hire|hiring|workforce|staff", re.I),
    "invite": re.compile(r"초청|초대|invit", re.I),
    "money": re.compile(r"투자|금액|억\s*원|invest|\$|dollars", re.I),
    "area": re.compile(r"부지|면적|㎡|square|acre", re.I),
    "move_in": re.compile(r"입주|들어서|들어가|move in|tenant|occup", re.I),
    "relocate": re.compile(r"이전|옮기|옮겨|relocat|mov(?:e|ing) (?:its|their)", re.I),
}
# what a date belongs to: a question about the briefing's date is not answered by a completion date
_EVENT_CLASSES = {
    "hold": re.compile(r"개최|열리|열린|열렸|열어|진행|가졌|가진|held|hosted|took place|hold", re.I),
    "sign": re.compile(r"체결|협약|서명|맺|sign", re.I),
    "start": re.compile(r"착공|기공|시작|첫 삽|begin|began|start|groundbreak|break ground", re.I),
    "finish": re.compile(r"준공|완공|완료|가동|complet|finish|open", re.I),
    "move": re.compile(r"이전|입주|옮[기겨긴길]|mov(?:e|es|ed|ing)\b|relocat", re.I),
}
# a person asked for by role: "the governor", "별무리소프트의 대표"
_ROLE_WORDS = re.compile(
    r"청장|시장|군수|구청장|지사|도지사|부지사|대표|대표이사|회장|사장|교수|장관|차관|총장|원장|이사장|위원장|"
    r"본부장|과장|국장|센터장|팀장|의장|부의장|CEO|governor|mayor|president|chief executive|ceo|chairman|"
    r"chair|director|commissioner|secretary|minister|professor|founder|manager|executive",
    re.I,
)
_MONEY_Q = re.compile(r"얼마(?!나)|금액|투자액|투자\s*규모|비용|how much|amount|\$|dollars", re.I)
_EVENT_TERM = re.compile(
    r"(?:식|설명회|회의|행사|데이|포럼|박람회|투어|세미나|간담회|토론회|발표회|전시회)$"
    r"|^(?:ceremony|briefing|forum|event|conference|meeting|groundbreaking|seminar|expo|fair|tour)$"
)
_HANGUL = re.compile(r"[가-힣]")
_COUNT_ASK = re.compile(r"몇|얼마|how (?:many|much)|number of", re.I)
_BODY_LINE = re.compile(r"^.{20,}(?:[.!?。]|다|[”\"’])\s*$|^.{90,}$", re.M)
_CLAUSE_BREAK = re.compile(r"[,，;·△▲•◆■]|\s및\s|\s그리고\s|\band\b|다\.\s")
_NUMBER_SPAN = re.compile(
    r"(?:약\s*|about |nearly |approximately )?[\d,.]+\s*(?:여\s*)?[가-힣A-Za-z%㎡]{0,4}"
)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s\W_]+", "", text)


@dataclass
class Answer:
    question: str
    type: str
    answerable: bool
    answer: str | None
    confidence: float
    citations: list[Citation] = field(default_factory=list)
    message: str | None = None
    release_ids: list[str] = field(default_factory=list)  # releases the answer drew on (for chat)

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
        return out


@dataclass
class Candidate:
    fact: Fact
    release: ReleaseInfo
    score: float
    parts: dict[str, float]


class Answerer:
    """Chooses facts or sentences from the hits of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- entry point ----------------------------------------------------------------------

    def answer(self, query: Query, retrieval: Retrieval, prefer_releases: Sequence[str] = ()) -> Answer:
        hits = retrieval.hits
        if not hits:
            return self._abstain(query, [])
        releases = self._releases(hits, prefer_releases)
        terms = self._terms(query, retrieval.names, retrieval.glosses)
        for word in korean_synonyms(query.text) if query.lang == "ko" else ():
            terms.setdefault(_norm(word), 0.5)
        # English glosses of a Korean question are for English releases only
        english_only = frozenset(
            _norm(g) for g in retrieval.glosses if not _HANGUL.search(g) and g not in query.terms
        )
        terms_of = {rid: _terms_for(info.text, terms, english_only) for rid, info in releases.items()}
        kinds = self._kinds(query)
        similarity = self._similarities(retrieval, releases)
        candidates = [
            self._score(query, fact, releases[fact.release_id], similarity, terms_of[fact.release_id], rank)
            for rank, rid in enumerate(releases)
            for fact in self.store.facts([rid], kinds)
        ]
        candidates.sort(key=lambda c: c.score, reverse=True)
        if candidates and candidates[0].score >= ANSWER_THRESHOLD:
            return self._from_fact(query, candidates, hits, releases)
        fallback = self._best_sentence(query, hits, releases, terms_of)
        if fallback is not None:
            return fallback
        return self._abstain(query, hits, releases)

    # --- candidates -----------------------------------------------------------------------

    def _releases(self, hits: Sequence[Hit], prefer: Sequence[str]) -> dict[str, ReleaseInfo]:
        order: list[str] = list(prefer)  # a follow-up is about the previous answer's release first
        for hit in hits:
            if hit.passage.release_id not in order:
                order.append(hit.passage.release_id)
        out: dict[str, ReleaseInfo] = {}
        for rid in order[:MAX_RELEASES]:
            release = self.store.release(rid)
            if release is not None:
                out[rid] = ReleaseInfo(rid, release.source, release.title, release.date, release.text)
        return out

    def _similarities(self, retrieval: Retrieval, releases: dict[str, ReleaseInfo]) -> dict[str, list]:
        """Per release: (start, end, relevance 0..1) of every passage, from the query's dense similarity.

        Relevance is relative to the best passage found, so it is comparable across questions
        whatever the embedder's score scale.
        """
        spans = {rid: self.store.passage_spans(rid) for rid in releases}
        scores = self.store.dense_scores(retrieval.vector, [pid for v in spans.values() for pid, _, _ in v])
        top = max(scores.values(), default=0.0)
        out: dict[str, list] = {}
        for rid, rows in spans.items():
            out[rid] = [(s, e, max(0.0, 1.0 - (top - scores[pid]) / SIMILARITY_SPAN)) for pid, s, e in rows]
        return out

    @staticmethod
    def _terms(query: Query, names: Sequence[str], glosses: Sequence[str]) -> dict[str, float]:
        """Question terms with weights: names count double, short generic words half."""
        weights: dict[str, float] = {}
        entities = {_norm(e) for e in query.entities}
        for term in [*query.terms, *names, *glosses]:
            key = _norm(term)
            if len(key) < 2:
                continue
            weight = 2.0 if key in entities or term in names else (1.0 if len(key) >= 3 else 0.6)
            weights[key] = max(weights.get(key, 0.0), weight)
        return weights

    @staticmethod
    def _kinds(query: Query) -> tuple[str, ...]:
        if query.type in ("what", "who_is") and _SAY_WORDS.search(query.text):
            return ("speaker",)  # "what did X say about Y" is answered by a quote or not at all
        if query.type == "what":
            # an amount is a count; anything else ("what kind of", "why") is a sentence's clause
            return ("count",) if _AMOUNT_Q.search(query.text) else ()
        return TYPE_KINDS.get(query.type, TYPE_KINDS["what"])

    def _score(
        self,
        query: Query,
        fact: Fact,
        release: ReleaseInfo,
        similarity: dict[str, list],
        terms: dict[str, float],
        rank: int,
    ) -> Candidate:
        """`terms`: the question's terms that can occur in this release's language."""
        text = release.text
        sentence = text[fact.start : fact.end]
        window = text[max(0, fact.start - 200) : fact.end + 200]
        near = text[
            max(fact.start, fact.span_start - NEAR_BEFORE) : min(fact.end, fact.span_end + NEAR_AFTER)
        ]
        clause = _clause(text, fact)
        passage = max(
            (r for s, e, r in similarity[fact.release_id] if s <= fact.start and fact.end <= e), default=0.0
        )
        retrieval = 0.6 * passage + 0.4 / (1.0 + rank)
        overlap = max(_overlap(sentence, terms), 0.7 * _overlap(window, terms))
        proximity = max(_overlap(clause, terms), 0.7 * _overlap(near, terms))
        # Korean puts the verb after the number ("120명이 다솔시로 옮겨"): what follows breaks ties,
        # up to the next number, which the verb belongs to instead ("180명 가운데 120명이 옮기고")
        after = text[fact.span_end : min(fact.end, fact.span_end + NEAR_AFTER + 10)]
        following = _overlap(re.split(r"\d", after, maxsplit=1)[0], terms)
        fit = KIND_PREFERENCE.get(query.type, {}).get(fact.kind, 0.6) * self._fit(
            query, fact, sentence, window, clause
        )
        # news puts the main facts first, but a headline is a poorer citation than the body's sentence
        position = 0.0 if _in_headline(text, fact) else 1.0 - fact.start / max(1, len(text))
        if query.lang != _lang_of(text):
            # words barely match across languages: lean on retrieval (dense)
            support = 0.6 * retrieval + 0.15 * overlap + 0.25 * proximity
        else:
            support = (
                WEIGHTS["retrieval"] * retrieval
                + WEIGHTS["overlap"] * overlap
                + WEIGHTS["proximity"] * proximity
            )
        # type fit gates the support: a well-supported sum of money still does not answer "how many firms"
        support += FOLLOWING_WEIGHT * following
        score = (support + POSITION_WEIGHT * position) * (1 - FIT_GATE + FIT_GATE * min(1.0, fit))
        score *= _entity_coverage(query, text) * _entities_nearby(query, window, text)
        if _named_in_question(query, fact, text):
            score *= 0.3  # "which firms moved with X?": X itself is the context, not the answer
        parts = {"retrieval": retrieval, "overlap": overlap, "proximity": proximity, "fit": fit}
        return Candidate(fact, release, score, parts)

    @staticmethod
    def _fit(query: Query, fact: Fact, sentence: str, window: str, clause: str) -> float:
        f = fact.fields
        if fact.kind in ("time", "venue") and not _event_present(query, window):
            # the question names an event (착공식, briefing) this passage never mentions
            return 0.3 * (_time_fit(query, f, window) if fact.kind == "time" else 1.0)
        if fact.kind == "count":
            return _count_fit(query, f, sentence, clause)
        if fact.kind == "time":
            return _time_fit(query, f, window)
        if fact.kind == "firm":
            asked = {name for name, cue in _ROLE_CUES.items() if cue.search(query.text)}
            if not asked:
                return 0.8
            # "signed MOUs at its investment forum" asks for signers: any role it names fits
            return 1.0 if f.get("role") in asked else 0.5
        if fact.kind in ("role", "speaker"):
            return _person_fit(query, f, sentence)
        if fact.kind == "venue":
            event = _norm(f.get("event") or "")
            fit = 1.0 if event and any(t in event or event in t for t in map(_norm, query.terms)) else 0.75
            asked, given = _event_class(query.text), _event_class(str(f.get("event") or ""))
            if asked and given:  # "where did X move to?" is not answered by where the MOU was signed
                fit = max(fit, 0.9) if asked & given else fit * 0.5
            return fit
        return 0.7

    # --- answers --------------------------------------------------------------------------

    def _from_fact(
        self, query: Query, candidates: list[Candidate], hits: Sequence[Hit], releases: dict[str, ReleaseInfo]
    ) -> Answer:
        best = candidates[0]
        group = [best]
        if best.fact.kind == "firm":  # "which firms": every firm of the same role in that sentence
            group += [
                c
                for c in candidates[1:]
                if c.fact.kind == "firm"
                and c.fact.release_id == best.fact.release_id
                and c.fact.start == best.fact.start
                and c.fact.fields.get("role") == best.fact.fields.get("role")
                and c.fact.fields.get("name") != best.fact.fields.get("name")
                and not _named_in_question(query, c.fact, c.release.text)
            ]
        text = "; ".join(dict.fromkeys(_frame(query, c.fact, c.release.text) for c in group))
        spans = [(c.fact.span_start, c.fact.span_end) for c in group]
        support = self._quote_of(best) if query.type == "who_spoke" and best.fact.kind == "role" else None
        if support is not None:  # "who said …" is best supported by the quote itself
            spans = [(support.span_start, support.span_end)]
        evidence = support or best.fact
        citations = [cite(best.release, evidence.start, evidence.end, spans)]
        citations += self._supporting(hits, releases, exclude=citations, release_first=best.fact.release_id)
        return Answer(
            query.text, query.type, True, text, min(1.0, best.score), citations[:MAX_CITATIONS],
            release_ids=[best.fact.release_id],
        )  # fmt: skip

    def _quote_of(self, candidate: Candidate) -> Fact | None:
        """The quote of the person a role fact names, in the same release."""
        name = candidate.fact.fields.get("name")
        for fact in self.store.facts([candidate.fact.release_id], ["speaker"]):
            if name and fact.fields.get("name") == name:
                return fact
        return None

    def _best_sentence(
        self,
        query: Query,
        hits: Sequence[Hit],
        releases: dict[str, ReleaseInfo],
        terms_of: dict[str, dict[str, float]],
    ) -> Answer | None:
        """For "what" questions no fact kind covers: the best clause of a strongly supported sentence.

        Other types have facts made for them; when none fits, a sentence guess is wrong far more
        often than right (measured on both evaluation sets), so they abstain instead.
        """
        if query.type != "what" or _SAY_WORDS.search(query.text):
            return None
        best: tuple[float, ReleaseInfo, int, int] | None = None
        for i, hit in enumerate(hits[:5]):
            release = releases.get(hit.passage.release_id)
            if release is None:
                continue
            terms = terms_of[release.release_id]
            for sentence in self.store.sentences(release.release_id):
                if not (hit.passage.start <= sentence.start and sentence.end <= hit.passage.end):
                    continue
                text = release.text[sentence.start : sentence.end]
                score = (0.6 * _overlap(text, terms) + 0.4 / (1 + 0.35 * i)) * _entity_coverage(
                    query, release.text
                )
                if best is None or score > best[0]:
                    best = (score, release, sentence.start, sentence.end)
        if best is None or best[0] < FALLBACK_THRESHOLD:
            return None
        score, release, start, end = best
        sentence = release.text[start:end]
        span = _key_span(query, sentence, start, terms_of[release.release_id])
        answer = release.text[span[0] : span[1]].strip(" ,.") if span else sentence
        citations = [cite(release, start, end, [span] if span else [])]
        citations += self._supporting(hits, releases, exclude=citations, release_first=release.release_id)
        return Answer(query.text, query.type, True, answer, min(1.0, score), citations[:MAX_CITATIONS],
                      release_ids=[release.release_id])  # fmt: skip

    def _supporting(
        self,
        hits: Sequence[Hit],
        releases: dict[str, ReleaseInfo],
        exclude: list[Citation],
        release_first: str,
    ) -> list[Citation]:
        """Further passages, same release first, none overlapping what is already cited."""
        out: list[Citation] = []
        ordered = sorted(hits, key=lambda h: h.passage.release_id != release_first)
        for hit in ordered:
            p = hit.passage
            release = releases.get(p.release_id)
            if release is None:
                continue
            if any(
                c.release_id == p.release_id and c.start < p.end and p.start < c.end for c in exclude + out
            ):
                continue
            out.append(cite(release, p.start, p.end))
            if len(out) + len(exclude) >= MAX_CITATIONS:
                break
        return out

    def _abstain(
        self, query: Query, hits: Sequence[Hit], releases: dict[str, ReleaseInfo] | None = None
    ) -> Answer:
        """No answer; the closest passages are still listed so a reader can check for themselves."""
        citations = self._supporting(hits, releases or {}, [], "") if releases else []
        return Answer(
            query.text,
            query.type,
            False,
            None,
            0.0,
            citations,
            message=NOT_FOUND.get(query.lang, NOT_FOUND["en"]),
        )


# --- helpers --------------------------------------------------------------------------------


def _terms_for(text: str, terms: dict[str, float], english_only: frozenset[str]) -> dict[str, float]:
    """The question terms that can occur in a release of this language (glosses cross one way)."""
    if _lang_of(text) == "en":
        return {t: w for t, w in terms.items() if not _HANGUL.search(t)}
    return {t: w for t, w in terms.items() if t not in english_only} if english_only else terms


def _lang_of(text: str) -> str:
    hangul = len(re.findall(r"[가-힣]", text[:2000]))
    latin = len(re.findall(r"[A-Za-z]", text[:2000]))
    return "ko" if hangul > 0.2 * (hangul + latin) else "en"


def _abbreviation(term: str) -> re.Pattern[str] | None:
    """`대경경자청` → a pattern finding `대구경북경제자유구역청`: Korean abbreviations keep syllables in order."""
    if not re.fullmatch(r"[가-힣]{3,8}", term):
        return None
    return re.compile(".{0,4}".join(map(re.escape, term)))


def _contains(norm_text: str, term: str, tokens: set[str] | None = None) -> bool:
    if term in norm_text or (tokens is not None and term in tokens):
        return True
    pattern = _abbreviation(term)
    return bool(pattern and pattern.search(norm_text))


def _overlap(text: str, terms: dict[str, float]) -> float:
    """Weighted share of question terms found in `text` (as morphemes, substrings or abbreviations)."""
    if not terms or not text:
        return 0.0
    norm = _norm(text)
    tokens = {_norm(t) for t in tokenize(text, "kiwi")}
    found = sum(w for term, w in terms.items() if _contains(norm, term, tokens))
    return found / sum(terms.values())


def _event_present(query: Query, window: str) -> bool:
    """True unless the question names an event and the text around the fact never mentions it."""
    events = [_norm(t) for t in query.terms if _EVENT_TERM.search(t.lower())]
    if not events or query.lang != _lang_of(window):
        return True
    norm = _norm(window)
    # Korean event nouns share their head (착공식/기공식 ≠ 협약식); English words their stem
    return any(e in norm or (e[-2:] in norm if query.lang == "ko" else e[:5] in norm) for e in events)


def _entity_coverage(query: Query, release_text: str) -> float:
    """Penalise a release that lacks a name the question asks about (answers must be about *that*).

    Names are checked in the script the release can hold them in: a Latin name in a Korean question
    is written as the release writes it; Hangul names can't be checked in an English release (the
    Hangul spellings of English names don't romanize back: "브라이트웰" ↛ Brightwell), nor romanized
    Korean names of an English question in a Korean release (retrieval bridges those).
    """
    norm = _norm(release_text)
    if _lang_of(release_text) == "ko":
        keys = [_norm(e) for e in query.entities if query.lang == "ko" or _HANGUL.search(e)]
    else:
        keys = [_norm(e) for e in query.entities if not _HANGUL.search(e)]
    keys = [k for k in keys if len(k) >= 2]
    if not keys:
        return 1.0
    spaced = unicodedata.normalize("NFKC", release_text).lower()
    missing = sum(1 for k in keys if not _names(norm, spaced, k))
    return 0.55**missing


def _names(norm: str, spaced: str, key: str) -> bool:
    """Whether the text names `key`; a two-syllable name must begin a word, since without spaces
    it also turns up across words ("판교에서 해솔지구" holds 서해)."""
    if len(key) <= 2 and _HANGUL.search(key):
        return re.search(rf"(?<![가-힣]){re.escape(key)}", spaced) is not None
    return _contains(norm, key)


def _unit_class(unit: str | None) -> str | None:
    if not unit:
        return None
    unit = unit.lower()
    for name, units in _UNIT_CLASSES.items():
        if unit in units or any(unit.endswith(u) for u in units if len(u) > 1):
            return name
    return None


def _in_headline(text: str, fact: Fact) -> bool:
    """Whether the fact sits in the title/subtitle lines above the first sentence of the body."""
    body = _BODY_LINE.search(text)
    return body is not None and fact.end <= body.start()


def _clause(text: str, fact: Fact) -> str:
    """The clause holding the answer span: between list/clause delimiters inside its sentence."""
    before = text[fact.start : fact.span_start]
    after = text[fact.span_end : fact.end]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    stop = next((m.start() for m in _CLAUSE_BREAK.finditer(after)), len(after))
    return before[cut:] + text[fact.span_start : fact.span_end] + after[:stop]


def _entities_nearby(query: Query, window: str, text: str) -> float:
    """Answers sit near what the question is about: mildly penalise names found only far away."""
    norm_window, norm_text = _norm(window), _norm(text)
    far = sum(
        1
        for e in map(_norm, query.entities)
        if len(e) >= 2 and _contains(norm_text, e) and not _contains(norm_window, e)
    )
    return 0.85**far


def _named_in_question(query: Query, fact: Fact, text: str) -> bool:
    if fact.kind not in ("firm", "role", "speaker"):
        return False
    name = _norm(str(fact.fields.get("name") or text[fact.span_start : fact.span_end]))
    name = re.sub(r"^(?:주식회사|주)|(?:주식회사|주)$", "", name)
    if len(name) >= 2 and name in _norm(query.text):
        return True
    # an acronym of a name the question spells out: SFEZ ← "Seohae Free Economic Zone (Authority)"
    acronym = str(fact.fields.get("name") or "")
    return bool(re.fullmatch(r"[A-Z]{3,6}", acronym)) and any(
        _initials(entity).startswith(acronym) for entity in query.entities
    )


def _initials(phrase: str) -> str:
    return "".join(
        w[0] for w in re.findall(r"[A-Za-z]+", phrase) if w.lower() not in ("of", "the", "and", "for")
    )


def _event_class(text: str) -> set[str]:
    return {name for name, cue in _EVENT_CLASSES.items() if cue.search(text)}


def _time_fit(query: Query, fields: dict[str, Any], window: str) -> float:
    """Granularity asked (time of day, day, year) and the event the time belongs to."""
    text = fields.get("text", "")
    fit = 0.8 if (_DAY.search(text) or _YEAR.search(text)) else 0.6
    for asks, has in ((_TIME_OF_DAY_Q, _TIME_OF_DAY), (_DAY_Q, _DAY), (_YEAR_Q, _YEAR)):
        if asks.search(query.text):
            fit = 1.0 if has.search(text) else 0.2
            break
    asked = _event_class(query.text)
    given = _event_class(str(fields.get("event") or "")) or _event_class(window)
    if asked and given:
        fit *= 1.0 if asked & given else 0.6
    return fit


def _person_fit(query: Query, fields: dict[str, Any], sentence: str) -> float:
    """Agreement of a person fact with the role and organisation the question names."""
    fit = 0.7
    title = _norm(" ".join(str(fields.get(k) or "") for k in ("title", "role", "org")))
    asked = {_norm(m.group(0)) for m in _ROLE_WORDS.finditer(query.text)}
    asked |= {
        _norm(w) for a in asked for w in (*ENGLISH_FOR.get(a, ()), *GLOSSARY.get(a, ()))
    }  # 청장 ↔ commissioner
    if asked:
        fit = 1.0 if any(a in title for a in asked) else 0.3
    orgs = [_norm(e) for e in query.entities if len(_norm(e)) >= 2]
    if orgs and any(o in title or title and title in o for o in orgs):
        fit = min(1.0, fit + 0.2)
    focus = _norm(query.focus or "")
    if query.type == "who_is" and focus and len(focus) >= 2:
        context = _norm(str(fields.get("context") or "")) + _norm(sentence)
        if focus in context:
            fit = min(1.0, fit + 0.3)
        elif _lang_of(sentence) == query.lang:  # a Korean focus can't be checked in English text
            fit *= 0.8
    return fit


def _count_scope(question: str) -> str:
    """The words around "몇/how many": what is being counted, not the rest of the question."""
    m = _COUNT_ASK.search(question)
    if not m:
        return question
    if _HANGUL.search(question):  # "새로 고용되는 인원은 몇 명이야?": the predicate comes before
        return question[max(0, m.start() - 14) : m.end() + 6]
    words_after = question[m.end() :].split()
    return " ".join(words_after[:3] + words_after[-5:])


def _count_fit(query: Query, fields: dict[str, Any], sentence: str, clause: str) -> float:
    fit = 0.7
    want = (
        "money" if _MONEY_Q.search(query.text) else _unit_class(query.unit_hint) or _unit_class(query.focus)
    )
    have = _unit_class(fields.get("noun")) or _unit_class(fields.get("unit"))
    if want and have:
        fit = 1.0 if want == have else 0.1  # a sum of money never answers "how many firms"
    elif query.type == "how_many" and have == "money":
        fit = 0.1
    about = " ".join(str(fields.get(k) or "") for k in ("noun", "context")) + " " + sentence
    scope = _count_scope(query.text)
    asked = {name for name, cue in _COUNT_CONTEXTS.items() if cue.search(scope)}
    given = {name for name, cue in _COUNT_CONTEXTS.items() if cue.search(about)}
    if asked and given:
        fit *= 1.3 if asked & given else 0.5
    focus = _norm(query.focus or "")
    if focus and len(focus) >= 2:
        around = _norm((fields.get("noun") or "") + (fields.get("context") or ""))
        if focus in around:
            fit = min(1.0, fit + 0.3)
        elif focus not in _norm(sentence) and _lang_of(sentence) == query.lang:
            fit *= 0.5  # the thing counted is never mentioned with this number
    return fit


def _frame(query: Query, fact: Fact, text: str) -> str:
    """The span as written, with light framing in the question's language."""
    span = text[fact.span_start : fact.span_end].strip()
    f = fact.fields
    if fact.kind in ("speaker", "role"):
        name = f.get("name") or span
        role = f.get("title") or f.get("role")
        extra = " ".join(x for x in (f.get("org"), role) if x)
        if len(extra) > 2 * len(name) + 8:  # keep it an answer, not a biography
            extra = role or ""
        return f"{name} ({extra})" if extra else name
    if fact.kind == "firm":
        origin, dest = f.get("from"), f.get("to")
        if origin or dest:
            return f"{span} ({origin or '?'} → {dest or '?'})"
        return span
    if fact.kind == "time" and f.get("iso") and f["iso"] not in span:
        return f"{span} ({f['iso']})"
    return span


def _key_span(query: Query, sentence: str, offset: int, terms: dict[str, float]) -> tuple[int, int] | None:
    """An amount for "how much", else the clause sharing most with the question."""
    if _AMOUNT_Q.search(query.text):
        m = _NUMBER_SPAN.search(sentence)
        if m and re.search(r"\d", m.group(0)):
            return offset + m.start(), offset + m.end()
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if sentence[a:b].strip(" ,.")]
    if len(clauses) < 2:
        return None
    a, b = max(clauses, key=lambda c: _overlap(sentence[c[0] : c[1]], terms))
    return offset + a, offset + b
