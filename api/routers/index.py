"""POST /index/sync: re-scan the folders the index was built from (Store.roots())."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from api.deps import Service, get_service, require_write
from api.errors import responses
from api.schemas import SyncOut

router = APIRouter(tags=["index"], dependencies=[Depends(require_write)])


@router.post("/index/sync", response_model=SyncOut, responses=responses(401, 409, 413, 415, 503))
def sync_index(service: Service = Depends(get_service)) -> dict[str, Any]:
    """Add new and changed files, drop removed ones, in every indexed folder that still exists.

    Questions keep being answered from the previous generation until the new one is committed.
    A folder that has disappeared is listed under `missing_roots` and its releases are kept.
    Another write in progress: a 503 with `Retry-After` within `write_wait_seconds`.
    """
    return service.sync_indexed_folders()
