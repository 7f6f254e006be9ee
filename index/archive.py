"""The fact table queried across the archive: filter facts of many releases, then list each thing once.

`select` filters the index-time facts by kind, role, destination and origin, release date range,
organisation and name, and `distinct` folds what is left into entries: one per firm (or person,
place…), whatever legal marker or particle its name was written with, and within an entry one
citation per story (near-duplicate copies of a release count once; see `index.groups`). Every
entry keeps the verbatim sentence each of its citations quotes.

How the filters read a fact, and why:
- role: the fact's own role, plus signing or investing when its sentence's verbs name them (a firm
  listed in `협약을 맺은 기업은 A, B다` has role `mention` but signed an MOU); a listed firm also takes
  the cues of the sentence before it (`signed MOUs with three companies. The three firms are A, B
  and C.`). Relocation is the extractor's call alone.
- places: a destination written `다올시` matches `충북` when the release writes it `충북 다올시` (the
  region words just before it, or `, State` just after it); an origin missing from the fact is read
  from `X에 본사를 둔` / `from X` in its sentence. Regions resolve through `index.regions`.
- organisation: the release names it (text or title), spelled out or abbreviated (`경자청`, `FEZ`).
- dates: the release's date.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from index.errors import UserError
from index.models import Fact, Release
from index.regions import query_regions, regions_in
from index.store.reader import Store
from index.store.rows import GroupMember

ROLES = ("relocate", "mou", "invest", "mention")
_NAME_FIELD = {
    "firm": "name",
    "speaker": "name",
    "role": "name",
    "venue": "place",
    "time": "iso",
    "count": "text",
}

_KO_CUES = {
    "relocate": re.compile(r"(?<!기술\s)(?<!기술)(?:이전(?!받|에|보다|까지)|옮기|옮긴|옮겨|이주|둥지)"),
    "mou": re.compile(r"협약|MOU|양해각서|협정"),
    "invest": re.compile(r"투자|증설|신설|건립"),
}
_EN_CUES = {
    "relocate": re.compile(
        r"\brelocat\w*|\bmov(?:e|es|ed|ing)\s+(?:its\s+|their\s+)?(?:\w+\s+){0,2}?(?:headquarters|HQ|operations)",
        re.I,
    ),
    "mou": re.compile(r"\bMOUs?\b|memorand(?:um|ums|a) of understanding|\bagreements?\b", re.I),
    "invest": re.compile(r"\binvest\w*", re.I),
}
_LEGAL = re.compile(
    r"㈜|\(주\)|\(유\)|주식회사|유한회사|농업회사법인|,?\s+(?:Co\.,?\s+Ltd\.?|Inc\.?|Corp\.?|Corporation|Co\.|LLC|Ltd\.?|"
    r"Limited|PLC|plc|GmbH|AG|L\.P\.|LP)$"
)
_KO_TAIL = re.compile(r"(?:이다|다|와|과|은|는|이|가|을|를|의|도|로|에)$")
_ORG_NAME = re.compile(
    r"(?:경제자유구역청|자유구역청|경자청|도청|시청|군청|구청|청|공사|공단|재단|진흥원|대학교|위원회|부|처)$"
    r"|\b(?:Authority|County|Commission|Department|Ministry|Agency|Council|University|Administration|State)$"
)
_ORG_ALIASES = (
    ("경제자유구역청", "경자청"),
    ("freeeconomiczoneauthority", "fez"),
    ("freeeconomiczone", "fez"),
)
_ADMIN = re.compile(r"^[가-힣]+(?:시|군|구|도|읍|면)$")
_KO_ORIGIN = re.compile(
    r"((?:[가-힣A-Za-z]+\s){0,2}[가-힣A-Za-z]+?)(?:에|에서)\s?(?:본사를\s?둔|있는|위치한|소재한|소재하는|본사가\s?있는)"
)
_EN_ORIGIN = re.compile(
    r"\bfrom\s+(?:its\s+(?:current\s+)?(?:location|base|home|headquarters)\s+in\s+)?"
    r"([A-Z][\w.'-]*(?:[ ]+[A-Z][\w.'-]*)*(?:,[ ]+[A-Z][\w.]*(?:[ ]+[A-Z][\w.]*)?)?)"
)


def compact(text: str) -> str:
    """What two spellings of one name share: NFKC, lower case, no spaces or punctuation."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).lower()


def name_key(name: str) -> str:
    """A firm name without its legal form (`㈜다래소재`, `Pellworth Foods Inc.` → `다래소재`, `pellworthfoods`)."""
    name = unicodedata.normalize("NFKC", name).strip()
    while (bare := _LEGAL.sub("", name).strip()) != name:
        name = bare
    return compact(name)


def _org_key(text: str) -> str:
    key = compact(text)
    for long, short in _ORG_ALIASES:
        key = key.replace(long, short)
    return key


@dataclass(frozen=True)
class FactQuery:
    """Filters of `pressqa facts` / `GET /facts` / an archive question; None means any."""

    kind: str = "firm"
    role: str | None = None
    to: str | None = None
    origin: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    org: str | None = None
    name: str | None = None
    release_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class FactHit:
    """One fact that passed the filters, with what a citation and the grouping need."""

    fact: Fact
    release: Release
    group: str  # story group id (the release's own id when it has no copies)
    roles: frozenset[str]
    to: str | None  # destination as the release writes it in full (`충북 다올시`)
    origin: str | None
    name: str  # the fact's name, less a particle the extractor left on (`해윰로보틱스다`)

    @property
    def quote(self) -> str:
        return self.release.text[self.fact.start : self.fact.end]

    @property
    def span(self) -> str:
        return self.release.text[self.fact.span_start : self.fact.span_end]

    def as_dict(self) -> dict[str, Any]:
        r, f = self.release, self.fact
        return {
            "kind": f.kind,
            "fields": f.fields,
            "roles": sorted(self.roles),
            "to": self.to,
            "from": self.origin,
            "release_id": r.id,
            "source": r.source,
            "title": r.title,
            "date": r.date,
            "publisher": r.publisher,
            "quote": self.quote,
            "start": f.start,
            "end": f.end,
            "span": self.span,
            "span_start": f.span_start,
            "span_end": f.span_end,
        }


@dataclass
class Entry:
    """One firm (person, place…) across the archive: its spellings and one citation per story."""

    key: str
    name: str
    variants: list[str]
    hits: list[FactHit]  # one per story, earliest first
    also: dict[str, list[GroupMember]] = field(default_factory=dict)  # group → its other releases

    @property
    def first(self) -> FactHit:
        return self.hits[0]

    def as_dict(self) -> dict[str, Any]:
        first = self.first
        roles = sorted({r for h in self.hits for r in h.roles})
        return {
            "name": self.name,
            "variants": self.variants,
            "kind": first.fact.kind,
            "roles": roles,
            "to": next((h.to for h in self.hits if h.to), None),
            "from": next((h.origin for h in self.hits if h.origin), None),
            "amount": next(
                (h.fact.fields.get("amount") for h in self.hits if h.fact.fields.get("amount")), None
            ),
            "date": first.release.date,
            "stories": len(self.hits),
            "citations": [
                {
                    **{
                        k: v
                        for k, v in h.as_dict().items()
                        if k not in ("kind", "fields", "roles", "to", "from")
                    },
                    "also_published_by": [
                        m.as_dict() for m in self.also.get(h.group, []) if m.release_id != h.release.id
                    ],
                }
                for h in self.hits
            ],
        }


# --- reading facts ----------------------------------------------------------------------------


def _cues(text: str) -> set[str]:
    return {role for cues in (_KO_CUES, _EN_CUES) for role, rx in cues.items() if rx.search(text)}


def _previous_sentence(text: str, start: int) -> str:
    head = text[max(0, start - 400) : start].rstrip()
    cut = max(head.rfind(". "), head.rfind(".\n"), head.rfind("다."), head.rfind("\n"))
    return head[cut + 1 :] if cut >= 0 else head


def _roles(fact: Fact, text: str) -> frozenset[str]:
    """Own role, plus signing and investing named by the sentence's verbs (a move must be the
    firm's own: `지난해 본사를 옮긴 X가 증설한다` is an investment, not a relocation)."""
    own = fact.fields.get("role")
    cues = _cues(text[fact.start : fact.end])
    if own == "mention":
        cues |= _cues(_previous_sentence(text, fact.start))
    return frozenset(({own} if own else set()) | (cues - {"relocate"}))


def _expand_place(value: str | None, text: str) -> str | None:
    """`다올시` → `충북 다올시`, `Millbrook` → `Millbrook, North Carolina`: as the release writes it."""
    if not value:
        return None
    if regions_in(value):
        return value
    esc = re.escape(value)
    for before in re.finditer(rf"((?:[가-힣]+\s){{1,2}}){esc}", text):
        words = before.group(1).split()
        while words and not (regions_in(words[0]) or _ADMIN.search(words[0])):
            words = words[1:]
        if words and regions_in(" ".join(words)):
            return " ".join([*words, value])
    after = re.search(rf"{esc},[ ]+([A-Z][\w.]*(?:[ ]+[A-Z][\w.]*)?)", text)
    if after and regions_in(after.group(1)):
        return f"{value}, {after.group(1)}"
    return value


def _origin(fact: Fact, text: str) -> str | None:
    frm = fact.fields.get("from")
    if frm:
        return _expand_place(frm, text)
    sentence = (
        text[fact.start : fact.span_start] if fact.span_start > fact.start else text[fact.start : fact.end]
    )
    m = _KO_ORIGIN.search(sentence)
    if m:
        words = m.group(1).split()
        while len(words) > 1 and not (regions_in(words[0]) or _ADMIN.search(words[0])):
            words = words[1:]
        return _expand_place(" ".join(words), text)
    m = _EN_ORIGIN.search(text[fact.start : fact.end])
    return _expand_place(m.group(1).strip(), text) if m else None


def _place_matches(wanted: str, phrase: str | None) -> bool:
    if not phrase:
        return False
    regions = query_regions(wanted)
    if regions is not None:
        return bool(regions & regions_in(phrase))
    return compact(wanted) in compact(phrase)


def _strip_tail(name: str, text: str) -> str:
    """`해윰로보틱스다` → `해윰로보틱스` when the release also writes the stem with another ending."""
    m = _KO_TAIL.search(name)
    if not m or m.start() < 2:
        return name
    stem = name[: m.start()]
    if re.search(rf"{re.escape(stem)}(?!{re.escape(m.group(0))})", text):
        return stem
    return name


def _is_place_name(name: str, text: str) -> bool:
    """`Cambridge` written `Cambridge, Massachusetts`, or a region itself: a place, not a firm."""
    if regions_in(name):
        return True
    m = re.search(rf"\b{re.escape(name)},[ ]+([A-Z][\w.]*(?:[ ]+[A-Z][\w.]*)?)", text)
    return bool(m and regions_in(m.group(1)))


def select(store: Store, query: FactQuery) -> list[FactHit]:
    """Every fact passing the filters, in release-date order (undated last)."""
    clauses, params = ["f.kind = ?"], [query.kind]
    if query.date_from:
        clauses.append("r.date >= ?")
        params.append(query.date_from)
    if query.date_to:
        clauses.append("r.date <= ?")
        params.append(query.date_to)
    if query.release_id:
        clauses.append("f.release_id = ?")
        params.append(query.release_id)
    if query.role and query.role not in ROLES:
        raise UserError(f"unknown role {query.role!r}: one of {', '.join(ROLES)}")
    facts = store.facts_where(" AND ".join(clauses), params)
    releases: dict[str, Release | None] = {}
    org = _org_key(query.org) if query.org else None
    name = name_key(query.name) if query.name else None
    groups = store.group_ids({f.release_id for f in facts})
    hits = []
    for fact in facts:
        if fact.release_id not in releases:
            releases[fact.release_id] = store.release(fact.release_id)
        release = releases[fact.release_id]
        if release is None:
            continue
        text = release.text
        hit_name = str(fact.fields.get(_NAME_FIELD.get(fact.kind, "name")) or "")
        if not hit_name or (name and name not in name_key(hit_name)):
            continue
        if fact.kind == "firm" and (_ORG_NAME.search(hit_name) or _is_place_name(hit_name, text)):
            continue
        roles = _roles(fact, text) if fact.kind == "firm" else frozenset()
        if query.role and query.role not in roles:
            continue
        if org and org not in _org_key(f"{release.title or ''} {text} {release.publisher or ''}"):
            continue
        to = _expand_place(fact.fields.get("to"), text) if fact.kind == "firm" else None
        if query.to and not _place_matches(query.to, to):
            continue
        origin = _origin(fact, text) if fact.kind == "firm" else None
        if query.origin and not _place_matches(query.origin, origin):
            continue
        hit_name = _strip_tail(hit_name, text) if fact.kind == "firm" else hit_name
        hits.append(FactHit(fact, release, groups.get(release.id, release.id), roles, to, origin, hit_name))
    hits.sort(key=lambda h: (h.release.date is None, h.release.date or "", h.release.source, h.fact.start))
    return hits


# --- one entry per thing ----------------------------------------------------------------------


def _merge_variants(keys: Iterable[str]) -> dict[str, str]:
    """Each key → the key it is a spelling of: `해윰로보틱스다` (copula glued on) → `해윰로보틱스`."""
    keys = set(keys)
    out = {}
    for key in keys:
        base = key
        while (m := _KO_TAIL.search(base)) and base[: m.start()] in keys and m.start() >= 2:
            base = base[: m.start()]
        out[key] = base
    return out


def _preference(hit: FactHit, role: str | None) -> tuple:
    own = hit.fact.fields.get("role")
    return (own != role if role else own == "mention", hit.release.id != hit.group, hit.fact.start)


def distinct(hits: Sequence[FactHit], store: Store | None = None, role: str | None = None) -> list[Entry]:
    """One entry per name (spellings folded), one citation per story group inside it."""
    keys = [name_key(h.name) for h in hits]
    base = _merge_variants(keys)
    by_key: dict[str, list[FactHit]] = {}
    for hit, key in zip(hits, keys, strict=True):
        if key:
            by_key.setdefault(base[key], []).append(hit)
    entries = []
    for key, group_hits in by_key.items():
        per_story: dict[str, FactHit] = {}
        for hit in group_hits:
            best = per_story.get(hit.group)
            if best is None or _preference(hit, role) < _preference(best, role):
                per_story[hit.group] = hit
        stories = sorted(
            per_story.values(), key=lambda h: (h.release.date is None, h.release.date or "", h.release.id)
        )
        names = [h.name for h in group_hits]
        shortest = min((n for n in names if name_key(n) == key), key=len, default=min(names, key=len))
        variants = list(dict.fromkeys(names))
        entries.append(Entry(key, shortest, variants, stories))
    if store is not None:
        attach_groups(entries, store)
    entries.sort(key=lambda e: (e.first.release.date is None, e.first.release.date or "", e.name))
    return entries


def attach_groups(entries: Sequence[Entry], store: Store) -> None:
    """Fill each entry's `also`: the other releases of every story it cites."""
    members = store.group_members({h.group for e in entries for h in e.hits})
    for entry in entries:
        entry.also = {h.group: members.get(h.group, []) for h in entry.hits}


def date_bound(text: str | None, end: bool = False) -> str | None:
    """`2023` → 2023-01-01 (or -12-31 as an end), `2023-05` → its first (last) day; ISO dates as given."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    try:
        if not m:
            raise ValueError
        year, month, day = int(m.group(1)), int(m.group(2) or (12 if end else 1)), m.group(3)
        if day is None:
            last = calendar.monthrange(year, month)[1] if end else 1
            return date(year, month, last).isoformat()
        return date(year, month, int(day)).isoformat()
    except ValueError:
        raise UserError(f"not a date: {text!r} (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def facts_page(
    store: Store, query: FactQuery, each: bool = False, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """One page of distinct entries (or of single facts with `each`), with the total count."""
    hits = select(store, query)
    items: list[dict[str, Any]]
    if each:
        total = len(hits)
        items = [h.as_dict() for h in hits[offset : offset + limit]]
    else:
        entries = distinct(hits, role=query.role)
        total = len(entries)
        shown = entries[offset : offset + limit]
        attach_groups(shown, store)
        items = [e.as_dict() for e in shown]
    return {
        "query": query.as_dict(),
        "distinct": not each,
        "total": total,
        "offset": offset,
        "limit": limit,
        "items": items,
    }
