"""GET /facts: the typed facts extracted at index time, each with its verbatim citation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from api.deps import AppState, get_state, require_read
from api.routers.releases import fact_out
from api.schemas import FactList, FactType
from index.facts import FACT_KINDS
from index.models import Release

router = APIRouter(tags=["facts"], dependencies=[Depends(require_read)])


@router.get("/facts", response_model=FactList)
def list_facts(
    type: FactType | None = Query(  # noqa: A002 - the public parameter name
        None, description="relocation = firm facts whose role is 'relocate'; omit for every kind."
    ),
    release_id: str | None = Query(None, description="Only facts of this release."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    state: AppState = Depends(get_state),
) -> dict[str, Any]:
    """Facts with their release, the supporting sentence (`quote` = text[start:end]) and the answer span."""
    store = state.assistant.generation().store
    ids = [release_id] if release_id else None
    if type == "relocation":
        firms = [f for f in store.facts(ids, ["firm"]) if f.fields.get("role") == "relocate"]
        facts = firms[offset : offset + limit]
    else:
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
