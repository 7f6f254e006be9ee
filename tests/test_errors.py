"""Errors by kind: the same error has the same HTTP status, CLI exit code and message everywhere."""

from __future__ import annotations

import io
import json
import urllib.error
from email.message import Message

import pytest
import typer
from typer.testing import CliRunner

from index.errors import Busy, Conflict, NotFound, PressqaError, TooLarge, Unavailable, Unsupported, UserError
from index.store.errors import ModelMismatchError, NoIndexError, StoreError
from qa import remote
from qa.commands.common import friendly_errors


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (UserError("bad"), 422, 3),
        (TooLarge("big"), 413, 3),
        (Unsupported("pdf"), 415, 3),
        (NotFound("gone"), 404, 4),
        (Conflict("clash"), 409, 5),
        (ModelMismatchError("other model"), 409, 5),
        (Busy("later"), 503, 6),
        (Unavailable("down"), 503, 7),
        (NoIndexError("no index at /srv/x"), 503, 7),
        (StoreError("schema too new"), 503, 7),
    ],
)
def test_each_kind_has_its_status_and_exit_code(error, status, code):
    assert (error.status, error.exit_code) == (status, code)
    app = typer.Typer()

    @app.command()
    @friendly_errors
    def fail() -> None:
        raise error

    result = CliRunner().invoke(app, [])
    assert result.exit_code == code and error.message in result.output and "Traceback" not in result.output


def test_a_bug_is_not_dressed_up_as_a_user_error():
    app = typer.Typer()

    @app.command()
    @friendly_errors
    def fail() -> None:
        raise ValueError("a bug")

    result = CliRunner().invoke(app, [])
    assert result.exit_code == 1 and isinstance(result.exception, ValueError)


def test_public_messages_name_no_server_path():
    assert "/srv" not in NoIndexError("no index at /srv/x").public
    assert Busy("another process is writing /srv/x", public="another writer").public == "another writer"
    assert Busy("x").retry_after and PressqaError("x").status == 500


def _http_error(status: int, body: dict, retry_after: str | None = None) -> urllib.error.HTTPError:
    headers = Message()
    if retry_after:
        headers["Retry-After"] = retry_after
    return urllib.error.HTTPError(
        "http://x/ask", status, "err", headers, io.BytesIO(json.dumps(body).encode())
    )


@pytest.mark.parametrize(
    ("status", "retry", "kind"),
    [(404, None, NotFound), (409, None, Conflict), (503, "3", Busy), (503, None, Unavailable), (422, None, UserError),
     (401, None, UserError), (500, None, PressqaError)],
)  # fmt: skip
def test_server_answers_come_back_as_the_same_kinds(monkeypatch, status, retry, kind):
    def refuse(request, timeout):
        raise _http_error(status, {"detail": "what happened", "kind": "x"}, retry)

    monkeypatch.setattr(remote.urllib.request, "urlopen", refuse)
    with pytest.raises(kind) as caught:
        remote.ask_remote("http://x", "질문")
    assert type(caught.value) is kind and "what happened" in caught.value.message
    if retry:
        assert caught.value.retry_after == 3


def test_the_key_goes_out_as_utf8_bytes(monkeypatch):
    sent = {}

    def capture(request, timeout):
        sent.update(request.header_items())
        raise urllib.error.URLError("stop")

    monkeypatch.setattr(remote.urllib.request, "urlopen", capture)
    with pytest.raises(Unavailable):
        remote.ask_remote("http://x", "질문", api_key="열쇠")
    assert sent["Authorization"] == "Bearer 열쇠".encode()
