"""A real `pressqa serve` process on loopback, driven over HTTP: upload, ask, chat, watch, stop.

What is tested is the process (start, HTTP, signals, a kill -9), not the model: the servers embed
with the hash embedder of `tests/fakes.py`, installed before the CLI runs (`serve_command`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import MINI_RELEASES
from typer.testing import CliRunner

from api.cli import app as cli_app

pytestmark = pytest.mark.slow

KEY = "server-test-key"
WATCHED_RELEASE = (
    "솔바람에너지, 영암에 수소충전소 준공\n"
    "솔바람에너지는 20일 영암 대불산업단지에서 수소충전소 준공식을 열었다. 준공식에는 주민 등 "
    "90여명이 참석했다.\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pressqa_command() -> list[str]:
    script = Path(sys.executable).parent / "pressqa"
    if script.exists():
        return [str(script)]
    found = shutil.which("pressqa")
    return [found] if found else [sys.executable, "-m", "api.cli"]


# `pressqa` as its console script runs it, with the fake embedder in place of every model
SERVE_WITH_FAKE_EMBEDDER = """
import sys
sys.path.insert(0, sys.argv.pop(1))
import fakes
fakes.install()
from api.cli import app
app(prog_name="pressqa")
"""


def serve_command() -> list[str]:
    return [sys.executable, "-c", SERVE_WITH_FAKE_EMBEDDER, str(Path(__file__).resolve().parent), "serve"]


def wait_for_health(base: str, process: subprocess.Popen, log: Path, timeout: float = 180.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            response = httpx.get(f"{base}/health", timeout=2.0)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"server did not answer /health in {timeout} s:\n{log.read_text()}")


def loaded_libraries(pid: int) -> set[str]:
    """The site-packages distributions whose compiled modules a running process has mapped."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return set(re.findall(r"/(?:site|dist)-packages/([^/\s]+)/\S*\.so", maps))


def wait_until(predicate, timeout: float = 90.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def server(tmp_path):
    port = free_port()
    watched = tmp_path / "watched"
    watched.mkdir()
    log = tmp_path / "server.log"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PRESSQA_API_KEY": KEY, "PRESSQA_PROTECT_READS": "false"}
    command = [*serve_command(), "--host", "127.0.0.1", "--port", str(port)]
    command += ["--home", str(tmp_path / "home"), "--watch", str(watched), "--log-level", "info"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, process, log)
        yield base, watched, process, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # what Ctrl-C does
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def test_served_over_http(server):
    base, watched, process, log = server
    auth = {"Authorization": f"Bearer {KEY}"}
    with httpx.Client(base_url=base, timeout=120.0) as http:
        health = http.get("/health").json()
        assert health["status"] == "ok" and health["auth"] == {"write": True, "read": False}

        files = [("files", (name, text.encode(), "text/plain")) for name, text in MINI_RELEASES.items()]
        assert http.post("/releases", files=files).status_code == 401
        uploaded = http.post("/releases", files=files, headers=auth)
        assert uploaded.status_code == 201, uploaded.text
        ids = uploaded.json()["release_ids"]
        assert len(ids) == 3

        answer = http.post("/ask", json={"question": "Northwind Robotics is moving its headquarters where?"})
        assert answer.status_code == 200, answer.text
        data = answer.json()
        assert data["citations"] and data["citations"][0]["source"].startswith("en-c")
        assert "Raleigh" in data["citations"][0]["quote"]
        # the English release loaded spaCy's pipeline in the server, but not the torch thinc imports
        libraries = loaded_libraries(process.pid)
        assert "spacy" in libraries and "torch" not in libraries
        # `pressqa ask` with PRESSQA_URL asks this server instead of loading anything itself (in
        # this process: its home has no index; the `pressqa` script itself runs in the next test)
        remote = CliRunner().invoke(
            cli_app,
            ["ask", "Northwind Robotics is moving its headquarters where?", "--json"],
            env={"PRESSQA_URL": base, "PRESSQA_HOME": str(log.parent / "no-index")},
        )
        assert remote.exit_code == 0, remote.output
        assert json.loads(remote.stdout) == data

        first = http.post("/chat", json={"message": "가온테크는 본사를 어디로 이전해?"}).json()
        assert first["citations"][0]["source"].startswith("ko-b")
        follow = http.post(
            "/chat", json={"conversation_id": first["conversation_id"], "message": "몇 명이 일해?"}
        )
        assert follow.status_code == 200 and follow.json()["conversation_id"] == first["conversation_id"]
        assert http.post("/chat", json={"conversation_id": "gone", "message": "안녕"}).status_code == 404

        listed = http.get("/releases").json()
        assert listed["total"] == 3 and all(item["uploaded"] for item in listed["items"])
        assert http.get("/facts", params={"type": "relocation"}).status_code == 200
        page = http.get("/")
        assert page.status_code == 200 and 'lang="ko"' in page.text

        # the watched folder: a file written into it is indexed without any request
        (watched / "hydrogen.txt").write_text(WATCHED_RELEASE, encoding="utf-8")
        wait_until(lambda: http.get("/releases").json()["total"] == 4, what="the watched file to be indexed")

        assert http.delete(f"/releases/{ids[0]}").status_code == 401
        assert http.delete(f"/releases/{ids[0]}", headers=auth).json()["file_deleted"] is True
        synced = http.post("/index/sync", headers=auth).json()
        assert synced["added"] == 0 and http.get("/releases").json()["total"] == 3
        assert http.get("/releases/nope").status_code == 404
        assert http.post("/ask", json={"question": "x" * 1000}).status_code == 422

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    output = log.read_text()
    assert "Traceback" not in output, output
    assert "stopped watching" in output


def test_ask_with_an_unreachable_server_is_one_clear_line(tmp_path):
    env = {**os.environ, "PRESSQA_URL": f"http://127.0.0.1:{free_port()}", "PRESSQA_HOME": str(tmp_path)}
    done = subprocess.run(
        [*pressqa_command(), "ask", "어디서 열렸어?"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 7  # unavailable
    assert "cannot reach pressqa serve" in done.stderr and "Traceback" not in done.stderr


# --- a server killed in the middle of an upload -------------------------------------------------

UNICODE_KEY = "재시도-열쇠-ß"  # sent by the client as UTF-8 bytes, through a real HTTP stack
KILLED_UPLOAD = (
    "노을해운, 가람항에 물류창고 개장\n"
    "[가람=서하린기자] 해운 기업 노을해운은 14일 가람항 배후단지에서 물류창고 개장식을 열었다. "
    "개장식에는 직원과 화주 등 85명이 참석했다.\n"
)


def start_server(home: Path, log: Path, **env: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [*serve_command(), "--port", str(port), "--home", str(home), "--log-level", "info"]
    with open(log, "ab") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "HF_HUB_OFFLINE": "1", **env}
        )
    base = f"http://127.0.0.1:{port}"
    wait_for_health(base, process, log)
    return process, base


def test_killed_mid_upload_leaves_nothing_orphaned_and_a_retry_adds_no_duplicate(tmp_path):
    from conftest import write_corpus
    from fakes import FakeEmbedder

    from index.settings import Settings
    from index.store.lock import WriterLock
    from index.store.reader import Store
    from index.sync import Indexer

    home, log = tmp_path / "home", tmp_path / "server.log"
    # under the configured model's name, as the servers' fake embedder is
    embedder = FakeEmbedder(Settings(home=home).model)
    Indexer(Settings(home=home), embedder).sync([write_corpus(tmp_path / "releases", MINI_RELEASES)])
    uploads = home / "uploads"
    files = [("files", ("노을해운 창고.txt", KILLED_UPLOAD.encode(), "text/plain"))]
    env = {"PRESSQA_API_KEY": "", "PRESSQA_WRITE_WAIT_SECONDS": "120"}
    process, base = start_server(home, log, **env)
    outcome: list[object] = []
    try:
        with WriterLock(home, timeout=5):  # another process is writing: the upload waits inside its commit
            sender = threading.Thread(target=lambda: outcome.append(_post(base, files)))
            sender.start()
            wait_until(lambda: any(p.is_file() for p in uploads.iterdir()) if uploads.exists() else False,
                       timeout=60, what="the upload to be moved in")  # fmt: skip
            assert list(uploads.glob(".incoming-*"))  # and its staging folder is still there
            process.kill()  # kill -9: no clean-up code runs
            process.wait(timeout=30)
            sender.join(60)
        assert outcome and isinstance(outcome[0], httpx.TransportError)  # the client never got an answer
    finally:
        if process.poll() is None:
            process.kill()
    orphan = [p.name for p in uploads.iterdir() if p.is_file()]
    assert len(orphan) == 1 and Store.open(home).counts()["releases"] == 3  # moved in, never indexed

    process, base = start_server(home, log, PRESSQA_API_KEY=UNICODE_KEY)
    try:
        assert not list(uploads.glob(".incoming-*"))
        assert [p.name for p in uploads.iterdir() if p.is_file()] == orphan  # finished at start, not lost
        with httpx.Client(base_url=base, timeout=120.0) as http:
            listed = [r for r in http.get("/releases").json()["items"] if r["uploaded"]]
            assert [r["source"] for r in listed] == orphan
            assert (
                http.post("/releases", files=files, headers={"Authorization": b"Bearer wrong"}).status_code
                == 401
            )
            retry = http.post(
                "/releases", files=files, headers={"Authorization": f"Bearer {UNICODE_KEY}".encode()}
            )
            assert retry.status_code == 200, retry.text
            assert retry.json()["release_ids"] == retry.json()["existing"] == [listed[0]["id"]]
            assert len([r for r in http.get("/releases").json()["items"] if r["uploaded"]]) == 1
            answer = http.post(
                "/ask", json={"question": "노을해운 물류창고 개장식에는 몇 명이 참석했어?"}
            ).json()
            assert len({c["release_id"] for c in answer["citations"] if c["source"] in orphan}) == 1
        assert [p.name for p in uploads.iterdir() if p.is_file()] == orphan
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    assert "Traceback" not in log.read_text()


def _post(base: str, files: list) -> object:
    try:
        return httpx.post(f"{base}/releases", files=files, timeout=120.0)
    except httpx.TransportError as exc:
        return exc
