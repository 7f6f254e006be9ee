"""Property-based test of the whole HTTP API: schemathesis over /openapi.json, against real servers.

Generated requests, valid and invalid per the OpenAPI document, go to every operation of two real
uvicorn servers on 127.0.0.1 over one tiny fictional index (the hash embedder of `tests/fakes.py`):
one without a key (keyless loopback writes), one with a key and protected reads. Their documents
differ only by the keyed one's security declarations (asserted), so each case is generated once,
from the keyless document, and sent three times: to the keyless server as generated, and to the
keyed one with the key and then with no key or a wrong one (every check on every request).
Generating the cases took a third of the test's CPU when each server had its own; one generation
for both saves about a fifth (38 → 31 s). It fails on any 5xx, on a status, header or body the
document does not describe, on invalid input accepted, and on any response that names a server
path, shows a traceback or names a library. Each server counts what it answered; a test per server
asserts it.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import write_corpus
from fakes import FakeEmbedder

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.transport.requests import ManagedCookiesSession  # noqa: E402

from api.app import create_app  # noqa: E402
from index.settings import Settings  # noqa: E402
from index.sync import Indexer  # noqa: E402
from qa.service import Assistant  # noqa: E402

KEY = "fuzz-키-0123"  # non-ASCII on purpose: sent and compared as UTF-8 bytes
EXAMPLES = 700  # generated cases: 700 requests to the keyless server, 1,400 to the keyed one
# Seconds a request may take (schemathesis' default is 10): what is tested is each answer, not its
# speed, and on a loaded machine an upload that starts Kiwi took longer (a timeout, then a 503 for
# the next write while the first was still running). Latency is measured in benchmarks/.
REQUEST_TIMEOUT = 120
LIBRARIES = (
    "sqlite3", "faiss", "numpy", "pydantic", "starlette", "fastapi", "uvicorn", "bm25s", "kiwipiepy",
    "hypothesis", "Traceback", 'File "', "site-packages", "RecursionError", "OperationalError",
)  # fmt: skip
ABSOLUTE_PATH = re.compile(r"(?<![\w:/.])(?:/[\w.@~+-]+){2,}")
FUZZ_RELEASES = {
    "ko-fuzz-1.txt": (
        "솔빛소재, 청림 산업단지에 연구소 개소\n"
        "[청림=하윤슬기자] 소재 기업 솔빛소재는 3일 청림 제2산업단지에서 연구소 개소식을 열었다. "
        "개소식에는 임직원 등 55명이 참석했다.\n"
        "솔빛소재 서다온 대표는 “연구 인력을 두 배로 늘리겠다”고 말했다.\n"
    ),
    "ko-fuzz-2.txt": (
        "마루로봇, 본사를 해솔시로 이전\n"
        "경기 안양에 본사를 둔 마루로봇은 본사와 공장을 해솔시 첨단산업단지로 옮긴다고 12일 밝혔다.\n"
    ),
}


class Counting:
    """ASGI wrapper that counts responses by status (what the server really answered)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.statuses: Counter[int] = Counter()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        async def counted(message: dict) -> None:
            if message["type"] == "http.response.start":
                self.statuses[message["status"]] += 1
            await send(message)

        await self.app(scope, receive, counted if scope["type"] == "http" else send)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(app: Any) -> Iterator[str]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise AssertionError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


@pytest.fixture(scope="module")
def fuzz_home(tmp_path_factory) -> Iterator[Path]:
    # in memory where the machine has it: every accepted upload writes (and fsyncs) a generation,
    # and durability is not what this test is about
    shm = Path("/dev/shm")
    root = (
        Path(tempfile.mkdtemp(prefix="pressqa-fuzz-", dir=shm))
        if shm.is_dir()
        else tmp_path_factory.mktemp("fuzz")
    )
    home = root / "home"
    corpus = write_corpus(root / "releases", FUZZ_RELEASES)
    Indexer(Settings(home=home), FakeEmbedder()).sync([corpus])
    yield home
    shutil.rmtree(root, ignore_errors=True)


def no_leak(home: Path):
    """A schemathesis check: no server path anywhere; no trace or library name in an error."""

    def check(ctx: Any, response: Any, case: Any) -> None:
        text = response.text if hasattr(response, "text") else response.content.decode(errors="replace")
        assert str(home.parent) not in text, f"server path in a {response.status_code} response"
        if response.status_code < 400:
            return
        sent = repr((case.path_parameters, case.query, case.body, case.headers))
        for word in LIBRARIES:
            assert word not in text or word in sent, f"{word!r} in a {response.status_code}: {text[:300]}"
        for path in ABSOLUTE_PATH.findall(text):
            assert path in sent, f"path {path!r} in a {response.status_code}: {text[:300]}"

    check.__name__ = "no_leak"
    return check


# What a client without the key may send instead: nothing, or another scheme or token (header-safe
# bytes; never the key itself).
WRONG_KEYS = st.one_of(
    st.none(),
    st.builds(
        bytes.__add__,
        st.sampled_from([b"Bearer ", b"bearer ", b"Basic ", b""]),
        st.binary(min_size=1, max_size=24).filter(lambda t: all(0x21 <= c != 0x7F for c in t)),
    ).filter(lambda header: header.split()[-1] != KEY.encode()),
)


def without_security(document: dict) -> dict:
    """The document less its security scheme and each operation's security requirement."""
    document = json.loads(json.dumps(document))
    document.get("components", {}).pop("securitySchemes", None)
    for operations in document["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    return document


def run_generated(keyless: str, keyed: str, home: Path) -> None:
    """Every case generated from the keyless document to both servers: as generated to the keyless
    one, then to the keyed one with the key, and with no key or a wrong one (401 where needed)."""
    schema = schemathesis.openapi.from_url(f"{keyless}/openapi.json")
    schema.config.update(request_timeout=REQUEST_TIMEOUT)
    checks = [
        not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
        response_schema_conformance, negative_data_rejection, no_leak(home),
    ]  # fmt: skip
    with_key = {"Authorization": b"Bearer " + KEY.encode()}
    cases = st.one_of(
        schema.as_strategy(generation_mode=GenerationMode.POSITIVE),
        schema.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
        phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(case=cases, wrong_key=WRONG_KEYS)
    def one(case: Any, wrong_key: bytes | None) -> None:
        case.call_and_validate(base_url=keyless, session=session, checks=checks)
        case.call_and_validate(base_url=keyed, session=session, headers=with_key, checks=checks)
        wrong = {} if wrong_key is None else {"Authorization": wrong_key}
        case.call_and_validate(base_url=keyed, session=session, headers=wrong, checks=checks)

    # One session for every request (cookies are still dropped after each): without one, requests
    # read the proxy and .netrc settings from the environment and opened a connection per request,
    # a tenth of the test's CPU
    with ManagedCookiesSession() as session:
        session.trust_env = False
        one()


@pytest.fixture(scope="module")
def answered(fuzz_home) -> dict[bool, Counter[int]]:
    """The statuses each server answered (keyed: True), after the generated requests; a failed
    check fails here, with the falsifying case, for both tests."""
    servers = {}
    for keyed in (False, True):
        key = KEY if keyed else None
        settings_ = Settings(home=fuzz_home, api_key=key, protect_reads=keyed, host="127.0.0.1")
        servers[keyed] = Counting(create_app(settings_, Assistant(settings_, FakeEmbedder())))
    with serve(servers[False]) as keyless, serve(servers[True]) as keyed_base:
        documents = [httpx.get(f"{base}/openapi.json").json() for base in (keyless, keyed_base)]
        # so a case generated from the keyless document fits the keyed server too
        assert documents[0] == without_security(documents[1]) != documents[1]
        run_generated(keyless, keyed_base, fuzz_home)
    return {keyed: server.statuses for keyed, server in servers.items()}


@pytest.mark.parametrize("keyed", [False, True], ids=["no-key", "key+protected-reads"])
def test_generated_requests_never_fail_or_leak(answered, keyed):
    statuses = answered[keyed]
    total = sum(statuses.values())
    print(f"\n{'key' if keyed else 'no key'}: {total} requests, by status {sorted(statuses.items())}")
    assert total >= EXAMPLES * (2 if keyed else 1)
    assert not [s for s in statuses if s >= 500]
    assert any(200 <= s < 300 for s in statuses) and any(400 <= s < 500 for s in statuses)
    if keyed:
        assert statuses[401] > 0  # requests without the key were refused
