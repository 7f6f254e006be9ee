"""Questions sent to a running `pressqa serve` (`PRESSQA_URL`), as `ollama run` talks to its server.

The terminal process then pays for nothing but the interpreter: the server keeps the model, Kiwi
and the index loaded. Standard library only, so this path imports nothing heavy. The server's
errors come back as the same kinds (`index.errors`), so the CLI exits with the same codes.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from typing import Any

from index.errors import Busy, Conflict, NotFound, PressqaError, Unavailable, UserError

BY_STATUS: dict[int, type[PressqaError]] = {404: NotFound, 409: Conflict, 503: Unavailable}


def ask_remote(url: str, question: str, k: int | None = None, api_key: str | None = None) -> dict[str, Any]:
    """POST /ask; the answer JSON, exactly what the local `ask --json` prints."""
    body: dict[str, Any] = {"question": question} | ({"k": k} if k else {})
    headers: dict[str, Any] = {"Content-Type": "application/json"}
    if api_key:  # bytes go out as they are: a non-ASCII key is sent as UTF-8, as the server reads it
        headers["Authorization"] = f"Bearer {api_key}".encode()
    request = urllib.request.Request(
        url.rstrip("/") + "/ask", data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        raise _server_error(url, exc) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise Unavailable(f"cannot reach pressqa serve at {url} (PRESSQA_URL): {reason}") from None


def _server_error(url: str, exc: urllib.error.HTTPError) -> PressqaError:
    detail = exc.read().decode(errors="replace")
    with contextlib.suppress(ValueError, AttributeError):  # the service's {"detail": …}, else the text
        detail = json.loads(detail).get("detail", detail)
    message = f"pressqa serve at {url} answered {exc.code}: {detail}"
    retry = exc.headers.get("Retry-After") if exc.headers else None
    if exc.code == 503 and retry and retry.isdigit():
        return Busy(message, retry_after=float(retry))
    kind = BY_STATUS.get(exc.code) or (UserError if 400 <= exc.code < 500 else PressqaError)
    return kind(message)
