"""GET /facts: the typed facts extracted at index time, each with its verbatim citation.

With no filter it pages every fact as before. With filters (role, places, dates, organisation,
name) it queries the archive like `pressqa facts`; `distinct=true` lists each firm once, its
citations one per story (near-duplicate copies from other outlets under `also_published_by`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from api.deps import Service, get_service, require_read
from api.errors import responses
from api.schemas import DATE, ID, FactList, FactType
from api.service import ArchiveFilter
from index.archive.records import ROLES
from index.store.rows import MAX_OFFSET

router = APIRouter(tags=["facts"], dependencies=[Depends(require_read)])

RoleParam = Query(None, pattern=f"^(?:{'|'.join(ROLES)})$", description="Firm role: " + ", ".join(ROLES))


@router.get(
    "/facts", response_model=FactList, response_model_by_alias=True, responses=responses(401, 409, 422, 503)
)
def list_facts(
    type: FactType | None = Query(  # noqa: A002 - the public parameter name
        None, description="relocation = firm facts whose role is 'relocate'; omit for every kind."
    ),
    release_id: str | None = Query(
        None, max_length=64, pattern=ID, description="Only facts of this release."
    ),
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
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Facts with their release, the supporting sentence (`quote` = text[start:end]) and the answer span."""
    archive = ArchiveFilter(role, to, from_place, date_from, date_to, org, name, distinct)
    return service.facts(type, release_id, limit, offset, archive)
