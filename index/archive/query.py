"""Select the facts that pass an archive query's filters, then fold them into one entry per thing."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from index.archive import reading
from index.archive.records import ROLES, Entry, FactHit, FactQuery
from index.errors import UserError
from index.models import Release
from index.store.reader import Store

_NAME_FIELD = {
    "firm": "name",
    "speaker": "name",
    "role": "name",
    "venue": "place",
    "time": "iso",
    "count": "text",
}


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
    org = reading.org_key(query.org) if query.org else None
    name = reading.name_key(query.name) if query.name else None
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
        if not hit_name or (name and name not in reading.name_key(hit_name)):
            continue
        if fact.kind == "firm" and (
            reading.ORG_NAME.search(hit_name) or reading.is_place_name(hit_name, text)
        ):
            continue
        roles = reading.roles(fact, text) if fact.kind == "firm" else frozenset()
        if query.role and query.role not in roles:
            continue
        if org and org not in reading.org_key(f"{release.title or ''} {text} {release.publisher or ''}"):
            continue
        to = reading.expand_place(fact.fields.get("to"), text) if fact.kind == "firm" else None
        if query.to and not reading.place_matches(query.to, to):
            continue
        origin = reading.origin(fact, text) if fact.kind == "firm" else None
        if query.origin and not reading.place_matches(query.origin, origin):
            continue
        hit_name = reading.strip_tail(hit_name, text) if fact.kind == "firm" else hit_name
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
        while (m := reading.KO_TAIL.search(base)) and base[: m.start()] in keys and m.start() >= 2:
            base = base[: m.start()]
        out[key] = base
    return out


def _preference(hit: FactHit, role: str | None) -> tuple:
    own = hit.fact.fields.get("role")
    return (own != role if role else own == "mention", hit.release.id != hit.group, hit.fact.start)


def distinct(hits: Sequence[FactHit], store: Store | None = None, role: str | None = None) -> list[Entry]:
    """One entry per name (spellings folded), one citation per story group inside it."""
    keys = [reading.name_key(h.name) for h in hits]
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
        shortest = min((n for n in names if reading.name_key(n) == key), key=len, default=min(names, key=len))
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
