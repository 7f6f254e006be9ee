"""FastAPI dependencies: the process's `Service`, the read / write checks (`api.security`), and
refusing query parameters a route does not take (a typo such as `?limt=5` is an error, not ignored)."""

from __future__ import annotations

from fastapi import Request

from api.security import require_read, require_write
from api.service import Service
from index.errors import UserError

__all__ = ["get_service", "reject_unknown_query", "require_read", "require_write"]


def get_service(request: Request) -> Service:
    return request.app.state.pressqa


def reject_unknown_query(request: Request) -> None:
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    allowed = {param.alias for param in dependant.query_params}
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        names = ", ".join(repr(name[:40]) for name in unknown[:5])
        accepted = ", ".join(sorted(allowed)) or "none"
        raise UserError(f"unknown query parameter {names} (this endpoint takes: {accepted})")
