"""The HTTP service under hostile or heavy use: who may write, keys, limits, busy writers, back-pressure.

Plumbing only, so the index is tiny and embedded by the hash embedder of `tests/fakes.py`.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

import pytest
from conftest import write_corpus
from fakes import FakeEmbedder
from fastapi.testclient import TestClient

from api.app import create_app
from api.gate import AnswerGate
from index.errors import Busy, UserError
from index.settings import Settings
from index.store.lock import WriterLock
from index.store.reader import Store
from index.sync import Indexer
from qa.service import Assistant

KEY = "열쇠-key-ü"  # non-ASCII: a header can carry it only as UTF-8 bytes
LOCAL = "http://127.0.0.1:8000"
RELEASES = {
    "ko-h1.txt": (
        "다온물산, 새벽시장에 물류센터 준공\n"
        "[새벽=윤가람기자] 다온물산은 8일 새벽시장 물류단지에서 물류센터 준공식을 열었다. "
        "준공식에는 주민 등 70여명이 참석했다.\n"
    ),
    "ko-h2.txt": "한솔바이오, 본사를 누리시로 이전\n한솔바이오는 본사를 누리시 바이오단지로 옮긴다고 4일 밝혔다.\n",
}
NEW_RELEASE = {"title": "별샘식품, 소스 공장 증설", "body": "별샘식품은 소스 공장을 증설한다고 2일 밝혔다."}


@pytest.fixture(scope="module")
def hash_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def home(tmp_path, hash_embedder) -> Path:
    home = tmp_path / "home"
    Indexer(Settings(home=home), hash_embedder).sync([write_corpus(tmp_path / "releases", RELEASES)])
    return home


def client_for(
    home: Path, embedder, *, peer: str = "127.0.0.1", base: str = LOCAL, **overrides
) -> TestClient:
    settings = Settings(home=home, **{"api_key": None, "protect_reads": False, **overrides})
    app = create_app(settings, Assistant(settings, embedder))
    return TestClient(app, base_url=base, client=(peer, 50000))


def detail(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= {"detail", "kind"} and "Traceback" not in body["detail"]
    return body["detail"]


# --- keyless writes: this machine, this origin ----------------------------------------------


def test_cross_origin_and_foreign_host_writes_are_refused_without_a_key(home, hash_embedder):
    with client_for(home, hash_embedder) as c:
        foreign = {"Origin": "https://evil.example"}
        assert "cross-origin" in detail(c.post("/releases", json=NEW_RELEASE, headers=foreign), 403)
        assert "cross-origin" in detail(c.post("/index/sync", headers=foreign), 403)
        assert "cross-origin" in detail(c.delete("/releases/abc", headers=foreign), 403)
        assert "cross-origin" in detail(c.post("/index/sync", headers={"Origin": "null"}), 403)
        # another port on this machine is another origin too
        other_port = {"Origin": "http://127.0.0.1:9999"}
        assert "cross-origin" in detail(c.post("/releases", json=NEW_RELEASE, headers=other_port), 403)
        cross_site = {"Sec-Fetch-Site": "cross-site"}
        assert "cross-site" in detail(c.post("/index/sync", headers=cross_site), 403)
        # a simple cross-site post (no preflight) is refused for its content type alone
        plain = {"Content-Type": "text/plain"}
        assert "text/plain" in detail(c.post("/index/sync", content=b"x", headers=plain), 415)
        form = c.post("/releases", data={"title": "t"})  # application/x-www-form-urlencoded
        detail(form, 415)
        # DNS rebinding: the page's own name in Host, resolved to 127.0.0.1
        rebound = c.post("/index/sync", headers={"Host": "evil.example:8000"})
        assert "localhost" in detail(rebound, 403)
        assert c.get("/releases", headers={"Host": "evil.example"}).status_code == 403
        assert Store.open(home).counts()["releases"] == 2  # nothing was written
        # the same request from this page's own origin, or from curl (no Origin), goes through
        same = c.post(
            "/releases", json=NEW_RELEASE, headers={"Origin": LOCAL, "Sec-Fetch-Site": "same-origin"}
        )
        assert same.status_code == 201, same.text
        assert c.post("/index/sync").status_code == 200
        assert c.post("/index/sync", headers={"Host": "localhost:8000"}).status_code == 200


def test_keyless_writes_from_another_machine_or_on_a_public_address_are_refused(home, hash_embedder):
    with client_for(home, hash_embedder, peer="203.0.113.9") as c:
        assert "this machine" in detail(c.post("/index/sync"), 403)
        assert c.get("/releases").status_code == 200  # reads stay open
    public = "http://203.0.113.7:8000"
    with client_for(home, hash_embedder, host="0.0.0.0", base=public, peer="203.0.113.9") as c:
        assert "read-only" in detail(c.post("/releases", json=NEW_RELEASE), 403)
        assert c.get("/releases").status_code == 200 and c.get("/health").json()["auth"]["write"] is False
    with client_for(home, hash_embedder, host="0.0.0.0") as c:  # even from loopback
        assert "PRESSQA_API_KEY" in detail(c.post("/index/sync"), 403)
    with client_for(home, hash_embedder, host="0.0.0.0", api_key=KEY, base=public, peer="203.0.113.9") as c:
        auth = {"Authorization": f"Bearer {KEY}".encode()}
        assert c.post("/index/sync", headers=auth).status_code == 200  # a key opens writes anywhere


# --- keys ------------------------------------------------------------------------------------


def test_a_non_ascii_key_compares_as_utf8_bytes(home, hash_embedder):
    with client_for(home, hash_embedder, api_key=KEY, protect_reads=True) as c:
        good = {"Authorization": f"Bearer {KEY}".encode()}
        assert c.post("/index/sync", headers=good).status_code == 200
        assert c.get("/releases", headers=good).status_code == 200
        latin1 = {
            "Authorization": f"Bearer {KEY}".encode().decode("latin-1").encode("utf-8")
        }  # double-encoded
        for headers in (
            {},
            latin1,
            {"Authorization": b"Bearer "},
            {"Authorization": f"Bearer {KEY}x".encode()},
            {"Authorization": f"Bearer x{KEY}".encode()},
            {"Authorization": f"Basic {KEY}".encode()},
            {"Authorization": KEY.encode()},
        ):
            response = c.post("/index/sync", headers=headers)
            assert "API key" in detail(response, 401) and response.headers["WWW-Authenticate"] == "Bearer"
            detail(c.get("/releases", headers=headers), 401)
        assert c.get("/health").status_code == 200  # health stays open


# --- limits ----------------------------------------------------------------------------------


def test_bodies_nesting_and_numbers_are_bounded(home, hash_embedder):
    with client_for(home, hash_embedder, max_request_bytes=2048) as c:
        assert "too large" in detail(c.post("/ask", json={"question": "가" * 1500}), 413)
        chunked = (b'{"question": "' + b"a" * 500 for _ in range(6))  # no Content-Length
        ask = c.post("/ask", content=chunked, headers={"Content-Type": "application/json"})
        assert "too large" in detail(ask, 413)
        deep = '{"question": "q", "filters": ' + "[" * 200 + "]" * 200 + "}"
        response = c.post("/ask", content=deep, headers={"Content-Type": "application/json"})
        assert "nested deeper than 32" in detail(response, 422)
        huge = '{"question": "q", "k": ' + "9" * 1500 + "}"
        response = c.post("/ask", content=huge, headers={"Content-Type": "application/json"})
        assert "number longer than" in detail(response, 422)
        assert "k" in detail(c.post("/ask", json={"question": "q", "k": True}), 422)  # strict types
        for path in ("/releases", "/facts"):
            for offset in (2**63, 2**64, 10**30, -1):
                detail(c.get(path, params={"offset": offset}), 422)
            assert c.get(path, params={"offset": 10_000_000, "limit": 500}).json()["items"] == []
        detail(c.get("/releases/" + "a" * 65), 422)
        detail(c.get("/releases/a%2F..%2Fb"), 404)  # no such route: still the JSON error shape
        detail(c.get("/releases/a.b"), 422)
        detail(c.get("/releases", params={"limt": 5}), 422)  # a typo is an error, not ignored
        detail(c.post("/chat", json={"message": "q", "conversation_id": "../x"}), 422)


def test_store_binds_pages_and_refuses_out_of_range_ones(home):
    store = Store.open(home)
    with pytest.raises(UserError):
        store.list_releases(offset=2**63)
    with pytest.raises(UserError):
        store.facts(limit=10, offset=-5)
    assert store.facts(limit=None, offset=0) == store.facts()
    everything = store.facts()
    assert store.facts(limit=None, offset=1) == everything[1:]  # an offset without a limit binds too


def test_uploads_are_whole_per_file_bounded_and_idempotent(home, hash_embedder):
    with client_for(home, hash_embedder, max_upload_records=3) as c:
        good = (
            "files",
            (
                "좋은 보도자료.txt",
                "가람전자, 공장 착공\n가람전자는 공장을 착공했다.\n".encode(),
                "text/plain",
            ),
        )
        deep = ("files", ("deep.json", ("[" * 5000 + "]" * 5000).encode(), "application/json"))
        huge = (
            "files",
            (
                "huge.json",
                ('{"title": "t", "body": "b", "n": ' + "7" * 5000 + "}").encode(),
                "application/json",
            ),
        )
        lines = "\n".join(
            json.dumps({"title": f"제목 {i}", "body": f"본문 {i}입니다."}, ensure_ascii=False)
            for i in range(4)
        )
        many = ("files", ("many.jsonl", lines.encode(), "application/json"))
        response = c.post("/releases", files=[deep, good, huge, many])
        assert response.status_code == 201, response.text
        body = response.json()
        assert len(body["release_ids"]) == 1 and body["releases"][0]["source"].endswith(".txt")
        reasons = {s["file"]: s["reason"] for s in body["skipped"]}
        assert "nested deeper" in reasons["deep.json"] and "longer than" in reasons["huge.json"]
        assert "4 releases" in reasons["many.jsonl"] and "3" in reasons["many.jsonl"]
        uploads = home / "uploads"
        assert len([p for p in uploads.iterdir() if p.is_file()]) == 1
        assert not list(uploads.glob(".incoming-*"))
        # a retry (here under another name) is not a duplicate
        again = c.post("/releases", files=[("files", ("다른 이름.txt", good[1][1], "text/plain"))])
        assert again.status_code == 200 and again.json()["existing"] == body["release_ids"]
        first = c.post("/releases", json=NEW_RELEASE)
        retry = c.post("/releases", json=NEW_RELEASE)
        assert (first.status_code, retry.status_code) == (201, 200)
        assert retry.json()["release_ids"] == first.json()["release_ids"] == retry.json()["existing"]
        assert len([p for p in uploads.iterdir() if p.is_file()]) == 2
        assert Store.open(home).counts()["releases"] == 4


# --- busy writers and back-pressure ----------------------------------------------------------


def test_a_busy_writer_is_a_quick_503_with_retry_after_and_no_path(home, hash_embedder):
    with client_for(home, hash_embedder, write_wait_seconds=0.5) as c, WriterLock(home, timeout=1):
        started = time.monotonic()
        response = c.post("/releases", json=NEW_RELEASE)
        assert time.monotonic() - started < 5
        text = detail(response, 503)
        assert (
            int(response.headers["Retry-After"]) >= 1 and str(home) not in response.text and "/" not in text
        )
        assert not [p for p in (home / "uploads").iterdir() if p.is_file()]  # nothing half-written
        detail(c.post("/index/sync"), 503)
        assert c.post("/ask", json={"question": "다온물산 준공식에는 몇 명이 참석했어?"}).status_code == 200
    with client_for(home, hash_embedder, write_wait_seconds=0.3) as c:
        service = c.app.state.pressqa
        with service._write_lock:  # another upload or sync of this process
            response = c.post("/index/sync")
        assert detail(response, 503).startswith("another upload or sync") and response.headers["Retry-After"]


def test_answer_gate_bounds_running_and_waiting_work():
    async def scenario() -> None:
        gate = AnswerGate(workers=1, queue=1, wait_seconds=0.3)
        release = threading.Event()
        running = asyncio.ensure_future(gate.run(lambda: release.wait(5)))
        await asyncio.sleep(0.05)
        waiting = asyncio.ensure_future(gate.run(lambda: "second"))
        await asyncio.sleep(0.05)
        with pytest.raises(Busy) as refused:  # one running, one waiting: the queue is full
            await gate.run(lambda: "third")
        assert refused.value.retry_after >= 1
        with pytest.raises(Busy):  # the waiting one gave up after wait_seconds
            await waiting
        release.set()
        assert await running is True
        assert await gate.run(lambda: "free again") == "free again" and gate.pending == 0

    asyncio.run(scenario())


def test_questions_past_the_queue_get_503_not_unbounded_latency(home, hash_embedder):
    gate_open = threading.Event()
    with client_for(home, hash_embedder, answer_workers=1, answer_queue=0) as c:
        assistant = c.app.state.pressqa.assistant
        real_ask = assistant.ask
        assistant.ask = lambda *a, **k: (gate_open.wait(10), real_ask(*a, **k))[1]
        results: list[int] = []
        first = threading.Thread(
            target=lambda: results.append(c.post("/ask", json={"question": "누구?"}).status_code)
        )
        first.start()
        deadline = time.monotonic() + 5
        while c.app.state.pressqa.gate.pending == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        response = c.post("/chat", json={"message": "어디?"})
        gate_open.set()
        first.join(10)
        assert "busy" in detail(response, 503) and int(response.headers["Retry-After"]) >= 1
        assert results == [200]
        assert c.get("/health").json()["answering"]["refused"] == 1


# --- errors and the OpenAPI document ---------------------------------------------------------


def test_unexpected_errors_are_500_with_an_id_and_nothing_else(home, hash_embedder, caplog):
    with client_for(home, hash_embedder) as c:

        def explode(*args, **kwargs):
            raise ValueError(f"secret detail at {home}/meta.sqlite")  # a bug, not a user error

        c.app.state.pressqa.assistant.ask = explode
        response = c.post("/ask", json={"question": "무엇?"})
        assert response.status_code == 500
        body = response.json()
        assert body["kind"] == "internal" and body["error_id"] in body["detail"]
        assert (
            "secret" not in response.text
            and str(home) not in response.text
            and "ValueError" not in response.text
        )
    assert any(body["error_id"] in r.getMessage() for r in caplog.records)


def test_openapi_describes_every_error_with_the_error_model(home, hash_embedder):
    with client_for(home, hash_embedder, api_key=KEY) as c:
        spec = c.get("/openapi.json").json()
    assert "HTTPValidationError" not in json.dumps(spec)
    assert spec["components"]["schemas"]["AskIn"]["properties"]["question"]["maxLength"] == 500
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            assert {"403", "500"} <= codes, (method, path)
            for code in codes - {"200", "201"}:
                ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorOut"), (method, path, code)
            if method in ("post", "delete") and path not in ("/ask", "/chat"):
                assert operation["security"] == [{"bearer": []}] and "401" in codes
    for path in ("/ask", "/chat", "/releases", "/index/sync"):
        assert "503" in spec["paths"][path]["post"]["responses"]
        assert "Retry-After" in spec["paths"][path]["post"]["responses"]["503"]["headers"]


def test_a_question_whose_generation_is_replaced_midway_is_answered_from_the_new_one(
    home, hash_embedder, tmp_path
):
    with client_for(home, hash_embedder) as c:
        service = c.app.state.pressqa
        real_ask = service.assistant.ask
        calls = []

        def ask_during_syncs(*args, **kwargs):
            calls.append(service.store().generation)
            if len(calls) == 1:  # two syncs commit meanwhile: this question's files are pruned
                for n in range(2):
                    (tmp_path / "releases" / f"new-{n}.txt").write_text(
                        f"새 보도자료 {n}\n본문 {n}.\n", encoding="utf-8"
                    )
                    service.sync([tmp_path / "releases"])
                raise FileNotFoundError("a pruned generation's file")
            return real_ask(*args, **kwargs)

        service.assistant.ask = ask_during_syncs
        response = c.post("/ask", json={"question": "다온물산 준공식에는 몇 명이 참석했어?"})
        assert response.status_code == 200, response.text
        assert calls[1] == calls[0] + 2
        service.assistant.ask = lambda *a, **k: (_ for _ in ()).throw(FileNotFoundError("gone"))
        assert c.post("/ask", json={"question": "다온물산?"}).status_code == 500  # same generation: a bug


def test_questions_go_before_the_next_slice_of_a_large_upload():
    from index.embed import Embedder

    class Slow(Embedder):
        def _encode(self, texts, is_query, batch_size):
            time.sleep(0.02)
            return FakeEmbedder(dim=8)._encode(texts, is_query, batch_size)

    model = Slow("slow", 8)
    indexing = threading.Thread(
        target=model.encode_passages, args=(["passage"] * 8 * 100,)
    )  # 100 slices, ~2 s
    indexing.start()
    time.sleep(0.1)
    waits = []
    for _ in range(5):
        started = time.monotonic()
        model.encode_queries(["question"])
        waits.append(time.monotonic() - started)
    still_indexing = indexing.is_alive()
    indexing.join()
    assert still_indexing and max(waits) < 0.5, waits  # one slice at most, not the whole upload
