"""Questions sent to a running `pressqa serve` (`PRESSQA_URL`), as `ollama run` talks to its server.

The terminal process then pays for nothing but the interpreter: the server keeps the model, Kiwi
and the index loaded. Standard library only, so this path imports nothing heavy.
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from typing import Any


def ask_remote(url: str, question: str, k: int | None = None, api_key: str | None = None) -> dict[str, Any]:
    """POST /ask; the answer JSON, exactly what the local `ask --json` prints."""
    body: dict[str, Any] = {"question": question} | ({"k": k} if k else {})
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    request = urllib.request.Request(
        url.rstrip("/") + "/ask", data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode(errors="replace")
        with contextlib.suppress(ValueError, AttributeError):  # FastAPI's {"detail": …}, else the text
            detail = json.loads(detail).get("detail", detail)
        raise RuntimeError(f"pressqa serve at {url} answered {exc.code}: {detail}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RuntimeError(f"cannot reach pressqa serve at {url} (PRESSQA_URL): {reason}") from None
