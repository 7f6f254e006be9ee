"""Releases: list, show, upload (files or JSON) and delete.

Uploads are saved under `settings.uploads_dir`, one release per file (a JSONL or JSON-list upload
is split into one .json file per record), with sanitised unique names, and indexed with
`Indexer.sync([uploads_dir], only=[saved files])` before the response, so the next request can
already be answered from them. Deleting an uploaded release deletes its file too, so a later sync
of the uploads folder does not bring it back. Files in other folders are never touched.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import AppState, get_state, require_read, require_write
from api.schemas import DATE, DeleteOut, ReleaseDetail, ReleaseIn, ReleaseList, UploadOut
from index.facts import FACT_KINDS
from index.models import Fact, RawDoc, Release, SkippedFile
from index.sources import EXTENSIONS, decode_bytes, read_records
from index.store import Store

router = APIRouter(tags=["releases"])

UNSAFE = re.compile(r"[^\w.-]+")
MAX_STEM = 60
MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers on top of the files themselves


# --- shapes shared with the facts router ------------------------------------------------------


def release_meta(release: Release, state: AppState) -> dict[str, Any]:
    return {
        "id": release.id,
        "source": release.source,
        "folder": Path(release.root).name,
        "uploaded": _is_upload_root(release.root, state),
        "title": release.title,
        "subtitles": release.subtitles,
        "date": release.date,
        "dateline": release.dateline,
        "reporter": release.reporter,
        "publisher": release.publisher,
        "url": release.url,
        "lang": release.lang,
    }


def fact_out(fact: Fact, release: Release) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "fields": fact.fields,
        "release_id": release.id,
        "source": release.source,
        "title": release.title,
        "date": release.date,
        "quote": release.text[fact.start : fact.end],
        "start": fact.start,
        "end": fact.end,
        "span": release.text[fact.span_start : fact.span_end],
        "span_start": fact.span_start,
        "span_end": fact.span_end,
    }


def _is_upload_root(root: str, state: AppState) -> bool:
    return Path(root).resolve() == state.settings.uploads_dir.resolve()


def _store(state: AppState) -> Store:
    return state.assistant.generation().store


# --- reads ------------------------------------------------------------------------------------


@router.get("/releases", response_model=ReleaseList, dependencies=[Depends(require_read)])
def list_releases(
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=500),
    date_from: str | None = Query(None, pattern=DATE, description="YYYY-MM-DD"),
    date_to: str | None = Query(None, pattern=DATE, description="YYYY-MM-DD"),
    publisher: str | None = Query(None, max_length=200),
    state: AppState = Depends(get_state),
) -> dict[str, Any]:
    """Release metadata (no text), newest first."""
    total, items = _store(state).list_releases(offset, limit, date_from, date_to, publisher)
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "items": [release_meta(r, state) for r in items],
    }


@router.get("/releases/{release_id}", response_model=ReleaseDetail, dependencies=[Depends(require_read)])
def get_release(release_id: str, state: AppState = Depends(get_state)) -> dict[str, Any]:
    """The cleaned text (all offsets point into it), metadata and the facts extracted from it."""
    store = _store(state)
    release = store.release(release_id)
    if release is None:
        raise HTTPException(404, f"no release with id {release_id!r}")
    facts = store.facts([release.id], FACT_KINDS)
    return {
        **release_meta(release, state),
        "text": release.text,
        "facts": [fact_out(f, release) for f in facts],
        "group": [m.as_dict() for m in store.group_of(release.id)],
    }


# --- delete -----------------------------------------------------------------------------------


@router.delete("/releases/{release_id}", response_model=DeleteOut, dependencies=[Depends(require_write)])
def delete_release(release_id: str, state: AppState = Depends(get_state)) -> dict[str, Any]:
    """Drop a release from the index; an uploaded release's file is deleted as well."""

    def remove(indexer: Any) -> dict[str, Any]:
        release = _store(state).release(release_id)
        if release is None:
            raise HTTPException(404, f"no release with id {release_id!r}")
        report = indexer.remove([release.id])
        deleted = False
        if _is_upload_root(release.root, state) and "#" not in release.source:
            path = (state.settings.uploads_dir / release.source.split("#", 1)[0]).resolve()
            if path.is_relative_to(state.settings.uploads_dir.resolve()) and path.is_file():
                path.unlink()
                deleted = True
        return {"removed": release.id, "generation": report.generation, "file_deleted": deleted}

    return state.write(remove)


# --- upload -----------------------------------------------------------------------------------


@dataclass
class Staged:
    """Files written to the uploads folder for this request, and what was refused."""

    saved: list[Path] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def discard(self) -> None:
        for path in self.saved:
            path.unlink(missing_ok=True)
        self.saved.clear()


def safe_name(name: str, default_ext: str = ".txt") -> tuple[str, str]:
    """(stem, extension) of an uploaded file name with no path, no odd characters, bounded length."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, default_ext.lstrip(".")
    stem = UNSAFE.sub("_", stem).strip("._-")[:MAX_STEM] or "release"
    return stem, "." + ext.lower()


def _reserve(folder: Path, stem: str, ext: str) -> Path:
    """A new file in `folder` whose name no other upload has, created empty (O_EXCL)."""
    while True:
        path = folder / f"{stem}-{uuid.uuid4().hex[:8]}{ext}"
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return path
        except FileExistsError:
            continue


def _write_new(folder: Path, stem: str, ext: str, data: bytes) -> Path:
    path = _reserve(folder, stem, ext)
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def _split_records(data: bytes, ext: str) -> list[Any]:
    """The JSON values of a multi-record upload by record number - 1 (None where a line is broken)."""
    decoded = decode_bytes(data)
    if isinstance(decoded, str):
        return []
    text = decoded[0]
    if ext == ".jsonl":
        records: list[Any] = []
        for line in text.split("\n"):
            try:
                records.append(json.loads(line) if line.strip() else None)
            except json.JSONDecodeError:
                records.append(None)
        return records
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return []
    return value if isinstance(value, list) else []


def _stage_file(name: str, data: bytes, state: AppState, staged: Staged) -> None:
    """Check one uploaded file with the same reader a sync uses; keep it only if it holds a release."""
    settings = state.settings
    stem, ext = safe_name(name)
    folder = settings.uploads_dir
    with tempfile.TemporaryDirectory(dir=folder, prefix=".incoming-") as tmp:
        probe = Path(tmp) / f"{stem}{ext}"
        probe.write_bytes(data)
        records = read_records(probe, Path(tmp), settings.max_file_bytes)
    good = [r for r in records if isinstance(r, RawDoc)]
    bad = [r for r in records if isinstance(r, SkippedFile)]
    label = name or f"{stem}{ext}"
    for skipped in bad:
        where = skipped.source.partition("#")[2]
        staged.skipped.append({"file": f"{label}#{where}" if where else label, "reason": skipped.reason})
    if not good:
        return
    if not any("#" in r.source for r in good):
        staged.saved.append(_write_new(folder, stem, ext, data))
        return
    # several records in one file: one .json file per good record, so each can be deleted alone
    records_json = _split_records(data, ext)
    for doc in good:
        n = int(doc.source.rsplit("#", 1)[1])
        if 0 < n <= len(records_json) and isinstance(records_json[n - 1], dict):
            payload = json.dumps(records_json[n - 1], ensure_ascii=False).encode("utf-8")
            staged.saved.append(_write_new(folder, f"{stem}-{n}", ".json", payload))


def _index_staged(state: AppState, staged: Staged) -> dict[str, Any]:
    """Index the saved files (only them) and describe the result; broken-only uploads are a 422."""
    if not staged.saved:
        reasons = "; ".join(f"{s['file']}: {s['reason']}" for s in staged.skipped) or "no file"
        raise HTTPException(422, f"nothing could be indexed: {reasons}")
    uploads = state.settings.uploads_dir
    try:
        report = state.sync([uploads], only=list(staged.saved))
    except BaseException:
        staged.discard()
        raise
    for skipped in report.skipped:  # refused by the indexer after all: do not keep the file
        (uploads / skipped.source.split("#", 1)[0]).unlink(missing_ok=True)
        staged.skipped.append({"file": skipped.source, "reason": skipped.reason})
    store = _store(state)
    ids = [*report.added, *report.updated]
    releases = [r for r in (store.release(i) for i in ids) if r is not None]
    return {
        "release_ids": [r.id for r in releases],
        "releases": [release_meta(r, state) for r in releases],
        "skipped": staged.skipped,
        "generation": report.generation,
    }


def _too_large(what: str, size: int, limit: int) -> HTTPException:
    return HTTPException(413, f"{what} is too large ({size:,} bytes; the limit is {limit:,} bytes)")


async def _read_upload(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(f"file {upload.filename!r}", upload.size or len(data), limit)
    return data


@router.post(
    "/releases",
    response_model=UploadOut,
    status_code=201,
    dependencies=[Depends(require_write)],
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                        },
                        "required": ["files"],
                    }
                },
                "application/json": {"schema": ReleaseIn.model_json_schema()},
            },
            "required": True,
        }
    },
)
async def upload_releases(request: Request, state: AppState = Depends(get_state)) -> Any:
    """Add releases: multipart files (.txt .md .html .htm .json .jsonl), or one release as JSON.

    They are indexed before the response returns. Broken files are listed under `skipped` with
    the reason; if nothing in the request could be indexed the answer is a 422 with the reasons.
    """
    settings = state.settings
    max_bytes, max_files = settings.max_upload_bytes, settings.max_upload_files
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > max_bytes * max_files + MULTIPART_OVERHEAD:
        raise _too_large("the request", int(length), max_bytes * max_files)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    staged = Staged()

    if content_type == "application/json":
        body = await _capped(request, max_bytes, "the release").body()
        if len(body) > max_bytes:
            raise _too_large("the release", len(body), max_bytes)
        try:
            release = ReleaseIn.model_validate_json(body)
        except ValidationError as exc:
            raise HTTPException(422, "invalid release JSON: " + _validation_message(exc)) from None
        payload = json.dumps(release.model_dump(exclude_none=True), ensure_ascii=False, indent=1).encode()
        stem, _ = safe_name(release.title[:MAX_STEM] + ".json")
        await run_in_threadpool(_stage_file, f"{stem}.json", payload, state, staged)
    elif content_type == "multipart/form-data":
        uploads = await _form_files(_capped(request, max_bytes * max_files + MULTIPART_OVERHEAD), max_files)
        try:
            for upload in uploads:
                ext = Path(upload.filename or "").suffix.lower()
                if ext not in EXTENSIONS:
                    allowed = " ".join(sorted(EXTENSIONS))
                    raise HTTPException(
                        415, f"file {upload.filename!r}: unsupported type {ext or '(none)'!r}; use {allowed}"
                    )
            contents = [(u.filename or "upload.txt", await _read_upload(u, max_bytes)) for u in uploads]
        finally:
            for upload in uploads:
                await upload.close()
        try:
            for name, data in contents:
                await run_in_threadpool(_stage_file, name, data, state, staged)
        except BaseException:
            staged.discard()  # all or nothing: no half-staged request left in the uploads folder
            raise
    else:
        raise HTTPException(415, "send multipart/form-data with one or more 'files', or application/json")

    result = await run_in_threadpool(_index_staged, state, staged)
    return JSONResponse(result, status_code=201)


def _capped(request: Request, limit: int, what: str = "the request") -> Request:
    """The same request, refused with a 413 as soon as its body passes `limit` bytes.

    Content-Length is checked up front; this also bounds chunked bodies, which have none.
    """
    received = 0

    async def receive() -> dict:
        nonlocal received
        message = await request.receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise HTTPException(413, f"{what} is too large (over {limit:,} bytes)")
        return message

    return Request(request.scope, receive)


async def _form_files(request: Request, max_files: int) -> list[UploadFile]:
    try:
        form = await request.form(max_files=max_files + 1, max_fields=100)
    except StarletteHTTPException as exc:
        if exc.status_code == 413:
            raise
        if "too many files" in str(exc.detail).lower():
            raise HTTPException(413, f"too many files (the limit is {max_files})") from None
        raise HTTPException(400, f"malformed multipart upload: {exc.detail}") from None
    uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    if not uploads:
        raise HTTPException(422, "no files in the upload (send them as multipart field 'files')")
    if len(uploads) > max_files:
        for upload in uploads:
            await upload.close()
        raise HTTPException(413, f"too many files ({len(uploads)}; the limit is {max_files})")
    return uploads


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())) or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)
