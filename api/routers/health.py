"""GET /health: model, index generation and counts (open even when reads need a key)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from api.deps import Service, get_service
from api.errors import responses
from api.schemas import HealthOut

router = APIRouter(tags=["service"])


@router.get("/health", response_model=HealthOut, responses=responses())
def health(service: Service = Depends(get_service)) -> dict[str, Any]:
    """Liveness plus what is being served. `index` is false until something has been indexed."""
    return service.health()
