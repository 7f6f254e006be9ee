"""POST /index/sync: re-scan the folders the index was built from (Store.roots())."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends

from api.deps import AppState, get_state, require_write
from api.schemas import SyncOut

router = APIRouter(tags=["index"], dependencies=[Depends(require_write)])


@router.post("/index/sync", response_model=SyncOut)
def sync_index(state: AppState = Depends(get_state)) -> dict[str, Any]:
    """Add new and changed files, drop removed ones, in every indexed folder that still exists.

    Questions keep being answered from the previous generation until the new one is committed.
    A folder that has disappeared is listed under `missing_roots` and its releases are kept.
    """
    roots = [Path(p) for p in state.assistant.generation().store.roots()]
    present = [p for p in roots if p.is_dir()]
    missing = [str(p) for p in roots if not p.is_dir()]
    if present:
        report = state.sync(present).as_dict()
    else:
        report = {
            "added": 0, "updated": 0, "removed": 0, "unchanged": 0, "skipped": [],
            "passages_embedded": 0, "passages_reused": 0,
            "generation": state.assistant.generation().store.generation, "seconds": 0.0,
        }  # fmt: skip
    return {"roots": [str(p) for p in present], "missing_roots": missing, **report}
