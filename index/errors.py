"""Errors by kind, shared by the library, the CLI and the HTTP service.

Each kind says what the person on the other end can do about it, and carries its HTTP status and
CLI exit code, so `api` and `qa.cli` map the same error the same way:

| kind            | HTTP | exit | meaning                                                      |
|-----------------|------|------|--------------------------------------------------------------|
| `UserError`     | 422  | 3    | the input is wrong; the message says how                     |
| `TooLarge`      | 413  | 3    | the input is over a configured limit                         |
| `Unsupported`   | 415  | 3    | a file or body type this service does not read               |
| `NotFound`      | 404  | 4    | the named release, conversation or file does not exist       |
| `Conflict`      | 409  | 5    | the request clashes with the index's state (e.g. its model)  |
| `Busy`          | 503  | 6    | another writer or too many questions: retry after a moment   |
| `Unavailable`   | 503  | 7    | nothing to serve yet (no index) or a server cannot be reached |
| anything else   | 500  | 1    | a bug: logged with an id, never shown to a remote client      |

Exit code 2 stays click's own (bad command-line usage). `message` is for the local user and may
name paths; `public` is what a remote client sees and never names a server path.
"""

from __future__ import annotations


class PressqaError(Exception):
    """Base of every error a person can act on."""

    status = 500
    exit_code = 1
    kind = "error"

    def __init__(self, message: str, *, public: str | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self._public = public
        self.retry_after = retry_after

    @property
    def public(self) -> str:
        """The message for a remote client (no server paths)."""
        return self._public if self._public is not None else self.message


class UserError(PressqaError):
    status, exit_code, kind = 422, 3, "invalid"


class TooLarge(UserError):
    status, kind = 413, "too_large"


class Unsupported(UserError):
    status, kind = 415, "unsupported"


class NotFound(UserError):
    status, exit_code, kind = 404, 4, "not_found"


class Conflict(PressqaError):
    status, exit_code, kind = 409, 5, "conflict"


class Busy(PressqaError):
    """Temporarily unable: retry after `retry_after` seconds."""

    status, exit_code, kind = 503, 6, "busy"

    def __init__(self, message: str, *, public: str | None = None, retry_after: float = 2.0) -> None:
        super().__init__(message, public=public, retry_after=retry_after)


class Unavailable(PressqaError):
    status, exit_code, kind = 503, 7, "unavailable"
