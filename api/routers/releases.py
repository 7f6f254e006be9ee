"""Releases: list, show, upload (files or JSON) and delete. Staging and indexing: `api.uploads`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import Service, get_service, require_read, require_write
from api.errors import responses
from api.schemas import DATE, ID, DeleteOut, ReleaseDetail, ReleaseIn, ReleaseList, UploadOut
from api.uploads import safe_name
from index.errors import TooLarge, Unsupported, UserError
from index.settings import Settings
from index.sources import EXTENSIONS
from index.store.rows import MAX_OFFSET

router = APIRouter(tags=["releases"])
ReleaseId = PathParam(min_length=1, max_length=64, pattern=ID, description="A release id from /releases.")


@router.get(
    "/releases", response_model=ReleaseList, dependencies=[Depends(require_read)],
    responses=responses(401, 409, 422, 503),
)  # fmt: skip
def list_releases(
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=500),
    date_from: str | None = Query(None, pattern=DATE, description="YYYY-MM-DD"),
    date_to: str | None = Query(None, pattern=DATE, description="YYYY-MM-DD"),
    publisher: str | None = Query(None, max_length=200),
    service: Service = Depends(get_service),
) -> dict[str, Any]:
    """Release metadata (no text), newest first."""
    return service.list_releases(offset, limit, date_from, date_to, publisher)


@router.get(
    "/releases/{release_id}", response_model=ReleaseDetail, dependencies=[Depends(require_read)],
    responses=responses(401, 404, 409, 422, 503),
)  # fmt: skip
def get_release(release_id: str = ReleaseId, service: Service = Depends(get_service)) -> dict[str, Any]:
    """The cleaned text (all offsets point into it), metadata and the facts extracted from it."""
    return service.release(release_id)


@router.delete(
    "/releases/{release_id}", response_model=DeleteOut, dependencies=[Depends(require_write)],
    responses=responses(401, 404, 409, 413, 415, 422, 503),
)  # fmt: skip
def delete_release(release_id: str = ReleaseId, service: Service = Depends(get_service)) -> dict[str, Any]:
    """Drop a release from the index; an uploaded release's file is deleted as well."""
    return service.delete(release_id)


UPLOAD_BODY = {
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                "required": ["files"],
            }
        },
        "application/json": {"schema": ReleaseIn.model_json_schema()},
    },
    "required": True,
}


@router.post(
    "/releases",
    response_model=UploadOut,
    status_code=201,
    dependencies=[Depends(require_write)],
    responses={200: {"model": UploadOut, "description": "Everything was already indexed."},
               **responses(400, 401, 409, 413, 415, 422, 503)},
    openapi_extra={"requestBody": UPLOAD_BODY},
)  # fmt: skip
async def upload_releases(request: Request, service: Service = Depends(get_service)) -> JSONResponse:
    """Add releases: multipart files (.txt .md .html .htm .json .jsonl), or one release as JSON.

    They are indexed before the response returns (201; 200 when every release was indexed
    already: a retried upload adds nothing). Each file is taken whole or refused whole; refused
    files are listed under `skipped` with the reason. If nothing in the request could be indexed
    the answer is a 422 with the reasons.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        files = [_json_release(await request.body())]
    elif content_type == "multipart/form-data":
        files = await _form_files(request, service.settings)
    else:
        raise Unsupported("send multipart/form-data with one or more 'files', or application/json")
    status, body = await run_in_threadpool(service.upload, files)
    return JSONResponse(body, status_code=status)


def _json_release(body: bytes) -> tuple[str, bytes]:
    try:
        release = ReleaseIn.model_validate_json(body)
    except ValidationError as exc:
        where = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())) or 'body'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()[:10]
        )
        raise UserError(f"invalid release JSON: {where}") from None
    payload = json.dumps(release.model_dump(exclude_none=True), ensure_ascii=False, indent=1).encode()
    stem, _ = safe_name(release.title[:60] + ".json")
    return f"{stem}.json", payload


async def _form_files(request: Request, settings: Settings) -> list[tuple[str, bytes]]:
    """The uploaded files, each checked for type and size; the whole request is refused otherwise."""
    max_files, max_bytes = settings.max_upload_files, settings.max_upload_bytes
    try:
        form = await request.form(max_files=max_files + 1, max_fields=100)
    except StarletteHTTPException as exc:
        if exc.status_code == 413:
            raise TooLarge(str(exc.detail)) from None
        if "too many files" in str(exc.detail).lower():
            raise TooLarge(f"too many files (the limit is {max_files})") from None
        raise UserError(f"malformed multipart upload: {str(exc.detail)[:200]}") from None
    uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    try:
        if not uploads:
            raise UserError("no files in the upload (send them as multipart field 'files')")
        if len(uploads) > max_files:
            raise TooLarge(f"too many files ({len(uploads)}; the limit is {max_files})")
        for upload in uploads:
            ext = Path(upload.filename or "").suffix.lower()
            if ext not in EXTENSIONS:
                name = safe_name(upload.filename or "")[0]
                allowed = " ".join(sorted(EXTENSIONS))
                raise Unsupported(f"file {name!r}: unsupported type {ext[:10] or '(none)'!r}; use {allowed}")
        contents = []
        for upload in uploads:
            data = await upload.read(max_bytes + 1)
            if len(data) > max_bytes:
                name = safe_name(upload.filename or "")[0]
                raise TooLarge(f"file {name!r} is too large (the limit is {max_bytes:,} bytes)")
            contents.append((upload.filename or "upload.txt", data))
        return contents
    finally:
        await form.close()
