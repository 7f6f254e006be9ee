"""GET /health: model, index generation and counts (open even when reads need a key)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from api.deps import AppState, get_state
from index.store import NoIndexError

router = APIRouter(tags=["service"])


@router.get("/health")
def health(state: AppState = Depends(get_state)) -> dict[str, Any]:
    """Liveness plus what is being served. `index` is false until something has been indexed."""
    settings = state.settings
    data: dict[str, Any] = {
        "status": "ok",
        "index": False,
        "model": settings.model,
        "generation": None,
        "counts": {},
        "auth": {"write": bool(settings.api_key), "read": bool(settings.api_key and settings.protect_reads)},
        "limits": {
            "max_question_chars": settings.max_question_chars,
            "max_upload_bytes": settings.max_upload_bytes,
            "max_upload_files": settings.max_upload_files,
            "conversation_ttl_seconds": settings.conversation_ttl_seconds,
        },
        "conversations": len(state.conversations),
    }
    try:
        store = state.assistant.generation().store
    except NoIndexError:
        return data
    data.update(index=True, model=store.model_id, generation=store.generation, counts=store.counts())
    return data
