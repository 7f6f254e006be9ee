"""Bounds every request body before a parser sees it: size by route, JSON nesting depth and number length.

`BodyLimit` is pure ASGI so it bounds chunked bodies too (no Content-Length): uploads may carry
`max_upload_files` files of `max_upload_bytes`, every other route `max_request_bytes`. A JSON body
is read whole (it is small) and checked by `json_problem` before FastAPI parses it, so a deeply
nested or 5,000-digit body is a clear 422, never a `RecursionError` or a parser's own message.
"""

from __future__ import annotations

import re
from typing import Any

from api.errors import error_response
from index.errors import TooLarge
from index.settings import Settings

MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers on top of the files themselves
MAX_NUMBER_DIGITS = 1000  # Python refuses to parse integers past 4,300 digits; no release needs 1,000
_SPECIAL = re.compile(r'[\\"\[\]{}]|[0-9]{' + str(MAX_NUMBER_DIGITS + 1) + ",}")


def json_problem(text: str, max_depth: int) -> str | None:
    """Why this JSON text must not reach a parser (too deep, a huge number), or None.

    A linear scan over the structural characters only; strings are skipped, escapes honoured.
    """
    depth, in_string, skip_to = 0, False, -1
    for match in _SPECIAL.finditer(text):
        pos, token = match.start(), match.group()
        if pos < skip_to:
            continue
        if in_string:
            if token == "\\":
                skip_to = pos + 2
            elif token == '"':
                in_string = False
            continue
        if token == '"':
            in_string = True
        elif token in "[{":
            depth += 1
            if depth > max_depth:
                return f"JSON nested deeper than {max_depth} levels"
        elif token in "]}":
            depth -= 1
        elif len(token) > MAX_NUMBER_DIGITS:
            return f"a JSON number longer than {MAX_NUMBER_DIGITS:,} digits"
    return None


def upload_cap(settings: Settings) -> int:
    return settings.max_upload_bytes * settings.max_upload_files + MULTIPART_OVERHEAD


class BodyLimit:
    """ASGI middleware: 413 past the route's byte cap, 422 for JSON too deep or with huge numbers."""

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    def _cap(self, scope: dict, is_json: bool) -> int:
        if scope.get("method") == "POST" and scope.get("path") == "/releases":
            return self.settings.max_upload_bytes if is_json else upload_cap(self.settings)
        return self.settings.max_request_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        content_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        is_json = content_type == b"application/json" or content_type.endswith(b"+json")
        cap = self._cap(scope, is_json)
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > cap:
            detail = f"the request body is too large ({int(length):,} bytes; the limit is {cap:,})"
            await _refuse(scope, send, 413, detail)
            return
        if is_json:
            await self._json(scope, receive, send, cap)
            return
        await self.app(scope, _counting(receive, cap), send)

    async def _json(self, scope: dict, receive: Any, send: Any, cap: int) -> None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            size += len(message.get("body", b""))
            if size > cap:
                await _refuse(scope, send, 413, f"the request body is too large (over {cap:,} bytes)")
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        problem = json_problem(body.decode("utf-8", errors="replace"), self.settings.max_json_depth)
        if problem:
            await _refuse(scope, send, 422, f"invalid request: {problem}")
            return
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _counting(receive: Any, cap: int) -> Any:
    received = 0

    async def wrapped() -> dict:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > cap:
                raise TooLarge(f"the request body is too large (over {cap:,} bytes)")
        return message

    return wrapped


async def _refuse(scope: dict, send: Any, status: int, detail: str) -> None:
    response = error_response(status, detail, headers={"Connection": "close"} if status == 413 else None)
    await response(scope, _no_body, send)


async def _no_body() -> dict:
    return {"type": "http.disconnect"}
