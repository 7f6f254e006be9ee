"""FastAPI dependencies: the process's `Service`, and the read / write checks (`api.security`)."""

from __future__ import annotations

from fastapi import Request

from api.security import require_read, require_write
from api.service import Service

__all__ = ["get_service", "require_read", "require_write"]


def get_service(request: Request) -> Service:
    return request.app.state.pressqa
