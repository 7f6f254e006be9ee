"""HTTP side of `index.errors`: one JSON error shape, handlers, and the OpenAPI description of errors.

Every error body is `{"detail": …, "kind": …}` (plus `error_id` on a 500). A `PressqaError` answers
with its own status and its `public` message; a 503 carries `Retry-After`. Anything else is a bug:
it is logged with a short id and answered with a plain 500 that names no path, library or trace.
"""

from __future__ import annotations

import logging
import math
import re
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas import ErrorOut
from index.errors import PressqaError, UserError

logger = logging.getLogger("pressqa.api")

MAX_DETAIL = 600  # a validation message that echoes long client input is cut here
# an absolute path of two or more parts (not the path of a URL): never shown to a client
SERVER_PATH = re.compile(r"(?<![\w:/.])(?:/[\w.@~+-]+){2,}/?")
KIND_BY_STATUS = {
    400: "malformed", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    409: "conflict", 413: "too_large", 415: "unsupported", 422: "invalid", 503: "unavailable",
}  # fmt: skip


class Unauthorized(UserError):
    status, kind = 401, "unauthorized"


class Forbidden(UserError):
    status, kind = 403, "forbidden"


def error_response(
    status: int, detail: str, kind: str | None = None, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"detail": detail[:MAX_DETAIL], "kind": kind or KIND_BY_STATUS.get(status, "error"), **extra}
    return JSONResponse(body, status_code=status, headers=headers)


def internal_error(where: str) -> JSONResponse:
    """Log the current exception under a fresh id and answer a 500 that says only that id."""
    error_id = uuid.uuid4().hex[:12]
    logger.exception("internal error %s in %s", error_id, where)
    detail = f"internal server error (id {error_id}; details are in the server log)"
    return error_response(500, detail, "internal", error_id=error_id)


def pressqa_response(exc: PressqaError, where: str) -> JSONResponse:
    if exc.status >= 500 and exc.status != 503:  # the base class itself: a bug with a message
        return internal_error(where)
    headers = {"Retry-After": str(max(1, math.ceil(exc.retry_after)))} if exc.retry_after else None
    if exc.status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return error_response(exc.status, SERVER_PATH.sub("<path>", exc.public), exc.kind, headers)


def validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        loc = [str(p) for p in error.get("loc", ())]
        where = ".".join(loc[1:] if len(loc) > 1 and loc[0] in ("body", "query", "path") else loc)
        msg = error.get("msg", "invalid value")
        if error.get("type") == "json_invalid":
            msg = "the request body is not valid JSON"
        parts.append(f"{where[:80]}: {msg}" if where else msg)
    return "invalid request: " + "; ".join(parts[:10] or ["malformed"])


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, validation_detail(exc), "invalid")

    @app.exception_handler(PressqaError)
    async def known(request: Request, exc: PressqaError) -> JSONResponse:
        return pressqa_response(exc, f"{request.method} {request.url.path}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        return error_response(exc.status_code, detail, headers=getattr(exc, "headers", None))


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses (every route also documents 403 and 500)."""
    described = {
        400: "Malformed body (not parseable as JSON or multipart).",
        401: "An API key is required: `Authorization: Bearer <key>`.",
        403: "Refused: a write from another origin or host without a key, a read-only server, or a "
        "Host header that is not this machine.",
        404: "No such release or conversation.",
        409: "The index was built with another model or tokenisation than configured: rebuild it.",
        413: "Body, file, record count or file count over the configured limit.",
        415: "Unsupported content type or file type.",
        422: "Invalid input; `detail` says which field and why.",
        500: "A bug: logged under `error_id`; the body says nothing else.",
        503: "No index yet, or busy (another writer, or too many questions waiting): retry after "
        "`Retry-After` seconds.",
    }
    out: dict[int | str, dict[str, Any]] = {}
    for status in sorted({*statuses, 403, 500}):
        entry: dict[str, Any] = {"model": ErrorOut, "description": described[status]}
        if status == 503:
            entry["headers"] = {
                "Retry-After": {"description": "Seconds to wait (when busy).", "schema": {"type": "integer"}}
            }
        out[status] = entry
    return out
