"""GET /facts: the typed facts extracted at index time, each with its verbatim citation.

With no filter it pages every fact as before. With filters (role, places, dates, organisation,
name) it queries the archive like `pressqa facts`; `distinct=true` lists each firm once, its
citations one per story (near-duplicate copies from other outlets under `also_published_by`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from api.deps import AppState, get_state, require_read
from api.routers.releases import fact_out
from api.schemas import DATE, FactList, FactType
from index.archive import ROLES, FactQuery, facts_page
from index.facts import FACT_KINDS
from index.models import Release

router = APIRouter(tags=["facts"], dependencies=[Depends(require_read)])

RoleParam = Query(None, pattern=f"^(?:{'|'.join(ROLES)})$", description="Firm role: " + ", ".join(ROLES))


@router.get("/facts", response_model=FactList, response_model_by_alias=True)
def list_facts(
    type: FactType | None = Query(  # noqa: A002 - the public parameter name
        None, description="relocation = firm facts whose role is 'relocate'; omit for every kind."
    ),
    release_id: str | None = Query(None, max_length=64, description="Only facts of this release."),
    role: str | None = RoleParam,
    to: str | None = Query(
        None, max_length=100, description="Destination: a region (충북, 지방) or a place."
    ),
    from_place: str | None = Query(None, max_length=100, description="Where a firm moves from."),
    date_from: str | None = Query(None, pattern=DATE, description="Releases dated on or after, YYYY-MM-DD."),
    date_to: str | None = Query(None, pattern=DATE, description="Releases dated on or before, YYYY-MM-DD."),
    org: str | None = Query(None, max_length=200, description="Releases that name this organisation."),
    name: str | None = Query(None, max_length=200, description="Names containing this (legal form ignored)."),
    distinct: bool = Query(False, description="One entry per firm, one citation per story."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    state: AppState = Depends(get_state),
) -> dict[str, Any]:
    """Facts with their release, the supporting sentence (`quote` = text[start:end]) and the answer span."""
    store = state.assistant.generation().store
    filtered = any(v is not None for v in (role, to, from_place, date_from, date_to, org, name))
    if filtered or distinct or type == "relocation":
        kind = "firm" if type in (None, "relocation") else type
        if type == "relocation":
            if role not in (None, "relocate"):
                raise HTTPException(422, "type=relocation already means role=relocate")
            role = "relocate"
        if kind != "firm" and (role or to or from_place):
            raise HTTPException(422, "role, to and from_place filter firm facts only")
        query = FactQuery(kind, role, to, from_place, date_from, date_to, org, name, release_id)
        page = facts_page(store, query, each=not distinct, limit=limit, offset=offset)
        key = "entries" if distinct else "items"
        return {"type": type, "offset": offset, "limit": limit, "total": page["total"], "distinct": distinct,
                key: page["items"]}  # fmt: skip
    ids = [release_id] if release_id else None
    facts = store.facts(ids, [type] if type else FACT_KINDS, limit=limit, offset=offset)
    releases: dict[str, Release | None] = {}
    items = []
    for fact in facts:
        if fact.release_id not in releases:
            releases[fact.release_id] = store.release(fact.release_id)
        release = releases[fact.release_id]
        if release is not None:
            items.append(fact_out(fact, release))
    return {"type": type, "offset": offset, "limit": limit, "items": items}
