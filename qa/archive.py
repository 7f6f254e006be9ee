"""Archive-wide list questions ("2023년에 충북으로 본사를 옮긴 기업은?", "Which firms signed MOUs with
X in 2022?"): typed by rules, answered from the fact table, one item per firm with its own citation.

A question is archive-wide when it asks for firms, says it wants the whole list or names a year or
period, and is not anchored to one story: it names no event (`설명회`, `forum`, `제3회`), no sum or
count of its own (`258억원 규모`, `두 곳`, `three companies`), no firm and no earlier turn (`그`,
`the agreement`). Everything else keeps the single-release answer path. The filters (role, places,
years, organisation) come from the question's own words; see `index.archive` for how they match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.archive.query import attach_groups, distinct, select
from index.archive.reading import name_key
from index.archive.records import FactQuery
from index.regions import query_regions, regions_in
from index.store.reader import Store
from qa.answer import Answer
from qa.cite import Citation, ReleaseInfo, cite
from qa.question.query import Query

MAX_ITEMS = 30
NONE_FOUND = {
    "ko": "조건에 맞는 기업을 보도자료에서 찾지 못했습니다.",
    "en": "No firm in the releases matches.",
}

_FIRM_NOUN = re.compile(
    r"기업|업체|회사|\bcompan(?:y|ies)\b|\bfirms?\b|\bbusinesses\b|\bmanufacturers\b", re.I
)
_LIST = re.compile(r"목록|명단|리스트|모두|전부|전체|모든|\blist\b|\ball\b|\bevery\b|\beach\b", re.I)
_FIRMS_WHERE = re.compile(
    r"(?:기업|업체|회사)들?(?:은|는|이|가)\s*(?:모두\s*|전부\s*)?어디"
)  # the firms, not a place
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s?년)?(?!\d)")
_KO_RANGE = re.compile(r"((?:19|20)\d{2})\s?년?\s?(?:부터|~|-|에서)\s?((?:19|20)\d{2})\s?년?\s?(?:까지)?")
_EN_RANGE = re.compile(
    r"\b(?:between|from)\s+((?:19|20)\d{2})\s+(?:and|to|through)\s+((?:19|20)\d{2})\b", re.I
)
_EN_SINCE = re.compile(r"\bsince\s+((?:19|20)\d{2})\b", re.I)
# what ties a question to one story
_ANCHOR = re.compile(
    r"설명회|박람회|포럼|네트워킹|행사|회의|대회|축제|시상식|간담회|세미나|팸투어|제\s?\d+\s?회|"
    r"\d[\d,.]*\s?(?:억|조|만)\s?원|\d+\s?(?:개사|개\s?기업|곳)|[한두세네]\s?곳|"
    r"(?<![가-힣])(?:그|이번|해당|당시|이)\s(?:협약|행사|기업|회사|업체)|"
    r"\b(?:forum|conference|summit|expo|fair|festival|ceremony|briefing|event|show|award)s?\b|"
    r"\$\s?\d|\b\d+\s+(?:companies|firms)\b|\b(?:two|three|four|five|six|seven|eight|nine|ten)\s+(?:\w+\s+)?(?:companies|firms)\b|"
    r"\bthe\s+(?:agreement|deal|mou|memorandum|project)\b|\b(?:this|these|those)\b",
    re.I,
)
_KO_MOVE = r"(?:이전|옮기|옮긴|옮겨|옮길|이주|둥지)"
_EN_MOVE = r"(?:relocat\w*|mov(?:e|ed|es|ing)|shift\w*)"
_KO_TO = re.compile(rf"([가-힣A-Za-z]+?)(?:으로|로)\s(?:\S+\s){{0,2}}?\S*{_KO_MOVE}")
_KO_FROM = re.compile(rf"([가-힣A-Za-z]+?)(?:에서|서)\s(?:\S+\s){{0,3}}?\S*{_KO_MOVE}")
_EN_PLACE = r"((?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})"
_EN_TO = re.compile(rf"\b{_EN_MOVE}\b[^?]*?\bto\s+{_EN_PLACE}")
_EN_FROM = re.compile(rf"\b{_EN_MOVE}\b[^?]*?\bfrom\s+{_EN_PLACE}")
_KO_ORG = re.compile(
    r"([가-힣A-Za-z]+(?:경제자유구역청|자유구역청|경자청|도청|시청|군청|공사|공단|재단|진흥원|청|도|시|군))(?:과|와)\s"
)
_EN_ORG = re.compile(
    r"\bwith\s+(?:the\s+)?((?:[A-Z][\w.&'-]*\s+){0,6}(?:Authority|County|Commission|City|State|Department|Agency|FEZ|Zone|Council))\b"
)
_ROLE_CUES = (
    ("mou", re.compile(r"협약|MOU|양해각서|협정|\bagreements?\b|memorand|\bsign(?:ed|s)?\b", re.I)),
    ("relocate", re.compile(rf"{_KO_MOVE}|\b{_EN_MOVE}\b", re.I)),
    ("invest", re.compile(r"투자|증설|\binvest\w*", re.I)),
)
_GENERIC_ENTITIES = frozenset("mou mous hq ceo 본사 기업 업체 회사 목록 명단".split())
_ORG_WORD = re.compile(
    r"(?:경제자유구역청|자유구역청|경자청|청|도청|시청|군청|공사|공단|재단|진흥원)$|"
    r"\b(?:Authority|County|Commission|City|State|Department|Agency|FEZ|Zone|Council|Province)$"
)


@dataclass(frozen=True)
class ArchivePlan:
    """An archive question's filters, as read from its words."""

    query: FactQuery

    @property
    def filters(self) -> dict[str, str]:
        return {k: v for k, v in self.query.as_dict().items() if k != "kind"}


def _period(text: str) -> tuple[str | None, str | None]:
    m = _KO_RANGE.search(text) or _EN_RANGE.search(text)
    if m:
        a, b = sorted((m.group(1), m.group(2)))
        return f"{a}-01-01", f"{b}-12-31"
    m = _EN_SINCE.search(text)
    if m:
        return f"{m.group(1)}-01-01", None
    years = sorted(set(_YEAR.findall(text)))
    if len(years) == 1:
        return f"{years[0]}-01-01", f"{years[0]}-12-31"
    return None, None


def _place(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = re.sub(r"^the\s+", "", raw.strip()).rstrip("?.!,")
    raw = re.sub(r"\s+(?:in|on|at|during)$", "", raw)
    if query_regions(raw) is not None:
        return raw
    found = regions_in(raw)
    return next(iter(sorted(found))) if len(found) == 1 else raw


def _role(text: str) -> str | None:
    for role, cue in _ROLE_CUES:
        if cue.search(text):
            return role
    return None


def _named_subject(query: Query, plan_words: list[str]) -> bool:
    """Whether the question names a firm or thing of its own (then one story is meant)."""
    for entity in query.entities:
        key = entity.lower()
        if key in _GENERIC_ENTITIES or re.fullmatch(r"(?:19|20)\d{2}년?", entity):
            continue
        if regions_in(entity) or query_regions(entity) is not None or _ORG_WORD.search(entity):
            continue
        if any(entity in w or w in entity for w in plan_words if w):
            continue
        return True
    return False


def plan(query: Query) -> ArchivePlan | None:
    """The archive filters of a question typed archive-wide, else None (single-release path)."""
    text = query.text
    if not _FIRM_NOUN.search(text):
        return None
    if query.type not in ("which_firms", "what") and not (
        query.type == "where" and _FIRMS_WHERE.search(text)
    ):
        return None
    date_from, date_to = _period(text)
    if not (date_from or _LIST.search(text)):
        return None
    if _ANCHOR.search(text):
        return None
    to_m = _KO_TO.search(text) or _EN_TO.search(text)
    from_m = _KO_FROM.search(text) or _EN_FROM.search(text)
    org_m = _KO_ORG.search(text) or _EN_ORG.search(text)
    to = _place(to_m.group(1)) if to_m else None
    origin = _place(from_m.group(1)) if from_m else None
    org = org_m.group(1).strip() if org_m else None
    if org and (query_regions(org) is not None or regions_in(org)) and not _ORG_WORD.search(org):
        org = None  # `충북과` is a place, not a partner
    role = _role(text)
    if _named_subject(query, [to or "", origin or "", org or ""]):
        return None
    if not (role or to or origin or org):
        return None
    return ArchivePlan(FactQuery("firm", role, to, origin, date_from, date_to, org))


def answer_archive(store: Store, query: Query, archive: ArchivePlan) -> Answer:
    """One item per firm (spellings and story copies folded), each cited by its own sentence."""
    hits = select(store, archive.query)
    entries = distinct(hits, role=archive.query.role)[:MAX_ITEMS]
    attach_groups(entries, store)
    items, citations = [], []
    for entry in entries:
        hit = entry.first
        r = hit.release
        info = ReleaseInfo(r.id, r.source, r.title, r.date, r.text)
        citation = cite(info, hit.fact.start, hit.fact.end, [(hit.fact.span_start, hit.fact.span_end)])
        citation.also_published_by = [
            m.as_dict() for m in entry.also.get(hit.group, []) if m.release_id != r.id
        ]
        citations.append(citation)
        items.append({**entry.as_dict(), "citation": citation.as_dict()})
    if not entries:
        return Answer(query.text, query.type, False, None, 0.0, [], message=NONE_FOUND.get(query.lang),
                      scope="archive", filters=archive.filters, items=[])  # fmt: skip
    return Answer(
        query.text,
        query.type,
        True,
        ", ".join(e.name for e in entries),
        1.0,
        citations,
        release_ids=list(dict.fromkeys(c.release_id for c in citations)),
        scope="archive",
        filters=archive.filters,
        items=items,
    )


def item_key(name: str) -> str:
    """How eval and callers compare item names (legal forms and spacing ignored)."""
    return name_key(name)


__all__ = ["ArchivePlan", "Citation", "answer_archive", "item_key", "plan"]
