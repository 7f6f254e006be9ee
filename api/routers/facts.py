"""GET /facts: the typed facts extracted at index time, each with its verbatim citation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from api.deps import Service, get_service, require_read
from api.errors import responses
from api.schemas import ID, FactList, FactType
from index.store import MAX_OFFSET

router = APIRouter(tags=["facts"], dependencies=[Depends(require_read)])


@router.get("/facts", response_model=FactList, responses=responses(401, 409, 422, 503))
def list_facts(
    type: FactType | None = Query(  # noqa: A002 - the public parameter name
        None, description="relocation = firm facts whose role is 'relocate'; omit for every kind."
    ),
    release_id: str | None = Query(
        None, max_length=64, pattern=ID, description="Only facts of this release."
    ),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Facts with their release, the supporting sentence (`quote` = text[start:end]) and the answer span."""
    return service.facts(type, release_id, limit, offset)
