"""Answer candidates: every span of the bundle's releases that could answer the question.

Candidates come from the mentions (people, organisations, places, dates, numbers, quoted titles,
noun phrases, whole lists) and the typed facts stored at index time; a multi-word phrase also
offers its shorter tails (`서울 누리엑스포 컨퍼런스룸 300호` → `누리엑스포 컨퍼런스룸 300호` …), since Korean
phrases grow to the left. One span gives one candidate, carrying every fact that points at it.
Which labels a question type may take is the only hand-set choice here (`LABELS_FOR`): it keeps the
pool to plausible spans; the fitted scorer decides among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.models import Fact
from index.script import HANGUL
from index.vocabulary import EN_GENERIC_NOUNS, EN_LEGAL_FORMS, KO_GENERIC_NOUNS, KO_PRODUCT_ROLE_AFTER
from qa.bundle import EvidenceBundle, ReleaseEvidence
from qa.intent import Intent

# Labels a question type can be answered with. "what" questions take anything nominal.
_ANY = frozenset({"PERSON", "ORG", "PLACE", "TITLE", "TIME", "NUMBER", "QUOTE", "EVENT", "NP", "LIST"})
LABELS_FOR: dict[str, frozenset[str]] = {
    "who_spoke": frozenset({"PERSON"}),
    "who_is": frozenset({"PERSON", "ORG", "TITLE", "NP"}),
    "where": frozenset({"PLACE", "ORG", "EVENT", "NP", "LIST"}),
    "when": frozenset({"TIME"}),
    "how_many": frozenset({"NUMBER"}),
    "which_firms": frozenset({"ORG", "NP", "LIST", "PERSON"}),
    "what": _ANY,
}
FACT_LABELS = {
    "speaker": "PERSON",
    "role": "PERSON",
    "venue": "PLACE",
    "time": "TIME",
    "count": "NUMBER",
    "firm": "ORG",
}
MAX_WORDS = 12  # longer spans are sentences, not answers
_WORD = re.compile(r"\S+")
_MARKUP = re.compile(
    r"\*\*|__|https?:|www\.|[/|#@<>{}]|\.(?:com|kr|net|org)\b"
)  # page furniture, not answers


@dataclass
class Candidate:
    release: ReleaseEvidence
    start: int
    end: int
    unit: tuple[int, int]  # the sentence holding it
    label: str
    text: str  # the answer as shown: the span, or a list's members joined
    members: tuple[tuple[int, int], ...] = ()
    labels: set[str] = field(default_factory=set)  # every label a source gave this span
    facts: list[Fact] = field(default_factory=list)  # typed facts pointing at this span
    derived: bool = False  # a tail of a longer phrase, not a span a tagger found
    proper: bool = False  # tagged a proper noun throughout
    member_labels: list[frozenset[str]] = field(default_factory=list)  # a list's members, as tagged

    @property
    def key(self) -> tuple[str, int, int, bool]:
        return (self.release.release_id, self.start, self.end, bool(self.members))


def labels_for(query_type: str, intent: Intent) -> frozenset[str]:
    labels = LABELS_FOR.get(query_type, _ANY)
    if query_type in ("when", "how_many"):
        return labels  # a date or a number is asked, whatever nouns the question also names
    if query_type == "what" and intent.unit == "money":
        return LABELS_FOR["how_many"]  # "what was the budget": an amount, not a name
    if intent.person:
        labels |= {"PERSON"}
    if intent.title:
        labels |= {"TITLE"}
    if intent.org and query_type != "how_many":
        labels |= {"ORG", "LIST"}
    return labels


def generate(bundle: EvidenceBundle, intent: Intent) -> list[Candidate]:
    wanted = labels_for(bundle.query.type, intent)
    out: list[Candidate] = []
    for release in bundle.releases:
        found: dict[tuple, Candidate] = {}
        for fact in release.facts:
            for cand in _from_fact(release, fact):
                if cand.label not in wanted or is_generic(cand.text):
                    continue
                old = found.get(cand.key)
                if old is None:
                    found[cand.key] = cand
                else:
                    old.labels |= cand.labels
                    old.facts += cand.facts
                    old.derived = old.derived and cand.derived
                    old.proper = old.proper or cand.proper
                    if old.label == "NP" and cand.label != "NP":
                        old.label = cand.label
        _tag_members(list(found.values()), release)
        out += found.values()
    return out


_DETERMINER = re.compile(r"^(?:the|a|an|this|that|its|their|타|다른|각|해당|이|그)\s+", re.I)


def is_generic(text: str) -> bool:
    """`지역` in `다른 지역에 있는 기업`, `the company`, `Inc.`: a common noun or a bare legal form names
    no particular place, firm or thing, so it never answers a question by itself."""
    word = _DETERMINER.sub("", text.strip())
    return word in KO_GENERIC_NOUNS or word.lower() in EN_GENERIC_NOUNS or word in EN_LEGAL_FORMS


def _tag_members(candidates: list[Candidate], release: ReleaseEvidence) -> None:
    """The tags of a list's members, as the mentions of the same spans give them."""
    labels: dict[tuple[int, int], set[str]] = {}
    for fact in release.facts:
        if fact.kind == "mention":
            tag = str(fact.fields.get("label"))
            labels.setdefault((fact.span_start, fact.span_end), set()).add(tag)
            if fact.fields.get("proper"):
                labels[(fact.span_start, fact.span_end)].add("PROPER")
    for cand in candidates:
        if cand.members:
            cand.member_labels = [frozenset(labels.get(tuple(m), ())) for m in cand.members]


# What may stand between two members of a list written as one run: a comma or middle dot, `와`/`과`/
# `및`, "and"/"or"/"&" (`가온테크와 새솔소재`, `Kestrel, Larkspur and Dover Labs`).
_LIST_GLUE = re.compile(r"\s*(?:[,·、/]\s*)?(?:와|과|및|그리고|and|or|&)?\s*", re.I)


def shown_list(text: str, members: tuple[tuple[int, int], ...]) -> str:
    """A list as the release writes it when its members form one run joined only by commas and
    conjunctions (a reader finds it verbatim in the cited passage), else its members joined."""
    names = [" ".join(text[a:b].split()) for a, b in members]
    gaps = (text[members[i][1] : members[i + 1][0]] for i in range(len(members) - 1))
    if all(_LIST_GLUE.fullmatch(gap) for gap in gaps):
        return " ".join(text[members[0][0] : members[-1][1]].split())
    return ", ".join(names)


def _from_fact(release: ReleaseEvidence, fact: Fact) -> list[Candidate]:
    text = release.text
    unit = (fact.start, fact.end)
    if fact.kind == "mention":
        label = str(fact.fields.get("label"))
        members = tuple(tuple(m) for m in fact.fields.get("members") or ())
        typed: list[Fact] = []
    else:
        label = FACT_LABELS.get(fact.kind, "NP")
        members = ()
        typed = [fact]
    s, e = fact.span_start, fact.span_end
    if e <= s:
        return []
    if members:
        if any(_MARKUP.search(text[a:b]) for a, b in members):
            return []
        return [Candidate(release, s, e, unit, label, shown_list(text, members), members, {label}, typed)]
    span = text[s:e]
    words = list(_WORD.finditer(span))
    if not words or len(words) > MAX_WORDS or _MARKUP.search(span):
        return []
    proper = bool(fact.fields.get("proper")) if fact.kind == "mention" else fact.kind in ("speaker", "firm")
    out = [Candidate(release, s, e, unit, label, " ".join(span.split()), (), {label}, typed, proper=proper)]
    if _has_tails(span, label, fact.kind):
        for w in words[1:]:
            out.append(
                Candidate(
                    release, s + w.start(), e, unit, label, text[s + w.start() : e], (), {label}, [], True
                )
            )
    if label in ("NP", "PLACE", "ORG"):  # `… 제조 공장` is tagged a place, `… 전문기업` a firm
        out += _products(release, s, e, unit, words)
    return out


def _has_tails(span: str, label: str, kind: str) -> bool:
    """Korean phrases grow to the left, so their tails are answers too; an English firm's legal
    name (`Larkspur Vehicles, Inc.`) is one name, and its tails (`Vehicles, Inc.`) are no firm."""
    if not (label in ("NP", "ORG", "PLACE", "EVENT", "TITLE") or (label == "PERSON" and kind == "mention")):
        return False
    return bool(HANGUL.search(span)) or span.rstrip(" ,").split()[-1] not in EN_LEGAL_FORMS


def _products(
    release: ReleaseEvidence, s: int, e: int, unit: tuple[int, int], words: list[re.Match[str]]
) -> list[Candidate]:
    """The product named at the head of `배터리 케이스 제조 공장` (`배터리 케이스`): Korean phrases put what
    a plant makes before the making word, so the product is a phrase's head, not one of its tails."""
    text = release.text
    out = []
    for w in words[1:]:
        cut = s + w.start()
        if KO_PRODUCT_ROLE_AFTER.match(text[cut - 1 : e]):
            head = text[s:cut].rstrip()
            out.append(
                Candidate(release, s, s + len(head), unit, "NP", " ".join(head.split()), (), {"NP"}, [], True)
            )
            break
    return out
