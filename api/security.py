"""Who may read and write: the API key, and safe defaults for a server without one.

- With `PRESSQA_API_KEY`, writes (and reads under `protect_reads`) need `Authorization: Bearer KEY`.
  The header's raw bytes are compared with the key's UTF-8 bytes in constant time, so a non-ASCII
  key works (Starlette would decode the header as Latin-1).
- Without a key, writes are accepted only from this machine and only same-origin: the server listens
  on loopback, the peer is loopback, `Host` names loopback (DNS rebinding), and `Origin` /
  `Sec-Fetch-Site`, when a browser sends them, say the request comes from this very origin.
  Simple cross-site bodies (`text/plain`, url-encoded forms) are refused on every write.
- A server bound to loopback answers only requests whose `Host` is loopback (`LoopbackHost`).
"""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request

from api.errors import Forbidden, Unauthorized, error_response
from index.errors import Unsupported
from index.settings import Settings

SIMPLE_FORM_TYPES = {"text/plain", "application/x-www-form-urlencoded"}


def is_loopback(host: str | None) -> bool:
    """`localhost`, 127.0.0.0/8 or ::1 (brackets allowed)."""
    if not host:
        return False
    host = host.strip().strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(authority: str) -> str:
    """The host part of a `Host` header value (`[::1]:8000` → `::1`)."""
    try:
        return urlsplit(f"//{authority}").hostname or ""
    except ValueError:  # "[::1", stray brackets: not a host
        return ""


def _header(request: Request, name: bytes) -> bytes | None:
    for key, value in request.scope.get("headers", []):
        if key.lower() == name:
            return value
    return None


def _origin_authority(origin: str) -> str | None:
    """`host:port` of an Origin header (None for `null` or garbage)."""
    try:
        parts = urlsplit(origin)
    except ValueError:
        return None
    return parts.netloc.lower() if parts.scheme in ("http", "https") and parts.netloc else None


def check_key(request: Request, expected: str) -> None:
    raw = _header(request, b"authorization") or b""
    scheme, _, token = raw.partition(b" ")
    if scheme.lower() != b"bearer" or not hmac.compare_digest(token.strip(b" \t"), expected.encode("utf-8")):
        raise Unauthorized("an API key is required: send 'Authorization: Bearer <key>'")


def check_local_write(request: Request, settings: Settings) -> None:
    """A keyless write must come from this machine, from this origin."""
    if not is_loopback(settings.host):
        raise Forbidden(
            "this server listens on a non-loopback address without an API key, so it is read-only; "
            "set PRESSQA_API_KEY to allow writes"
        )
    peer = request.client.host if request.client else None
    if not is_loopback(peer):
        raise Forbidden("without an API key, writes are accepted only from this machine")
    host = request.headers.get("host", "")
    if not is_loopback(host_name(host)):
        raise Forbidden("without an API key, writes must be addressed to localhost (Host header)")
    origin = request.headers.get("origin")
    if origin is not None and _origin_authority(origin) != host.lower():
        raise Forbidden(
            "cross-origin write refused: without an API key only this page's own origin may write"
        )
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise Forbidden("cross-site write refused (Sec-Fetch-Site)")


def require_write(request: Request) -> None:
    """Dependency of every write: the key when one is set, else the local same-origin rules."""
    settings: Settings = request.app.state.pressqa.settings
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in SIMPLE_FORM_TYPES:
        raise Unsupported(
            f"writes do not accept {content_type}: send application/json or multipart/form-data"
        )
    if settings.api_key:
        check_key(request, settings.api_key)
    else:
        check_local_write(request, settings)


def require_read(request: Request) -> None:
    """Reads need the key only when `protect_reads` is on."""
    settings: Settings = request.app.state.pressqa.settings
    if settings.api_key and settings.protect_reads:
        check_key(request, settings.api_key)


class LoopbackHost:
    """ASGI middleware for a server bound to loopback: refuse any `Host` that is not loopback.

    A web page on another site can resolve its own name to 127.0.0.1 (DNS rebinding) and so reach
    this server from the browser; its requests still carry that foreign name in `Host`.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            host = next((v for k, v in scope.get("headers", []) if k.lower() == b"host"), b"")
            if not is_loopback(host_name(host.decode("latin-1"))):
                response = error_response(403, "this server answers only requests addressed to localhost")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
