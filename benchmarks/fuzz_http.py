"""Hand fuzzer: hostile HTTP requests against a real `pressqa serve` on 127.0.0.1, counted by status.

    python benchmarks/fuzz_http.py [--requests 10000] [--seed 1] [--clients 4] [--key KEY]

Indexes the sample releases into a temporary home, starts the server (optionally with an API key),
then sends `--requests` requests drawn from hand-written generators of bad input: out-of-range and
mistyped query values, path traversal and odd ids, JSON that is deeply nested, has 5,000-digit
numbers, wrong types or invalid UTF-8, wrong or missing content types, chunked and oversized
bodies, uploads of broken files (deep JSON, huge numbers, binary, invalid UTF-8, CP949, UTF-16,
empty, too many records, bad names and extensions), foreign Host and Origin headers, odd
Authorization headers and unknown methods. Reports counts by status, 5xx, transport errors and
leaks (a server path, a traceback or a library name in a response), and writes
benchmarks/out/fuzz_http.json. Loopback only; bounded in count (≤ 50,000) and time (≤ 30 min).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from _common import EXAMPLES, ROOT, machine, print_table, stop_server, write_json
from bench_load import free_port, pressqa, wait_for_health

HOST = "127.0.0.1"
MAX_REQUESTS, MAX_SECONDS = 50_000, 1800.0
LIBRARIES = ("sqlite3", "faiss", "numpy", "pydantic", "starlette", "fastapi", "uvicorn", "bm25s", "kiwipiepy",
             "Traceback", 'File "', "site-packages", "RecursionError", "OperationalError", "OverflowError")  # fmt: skip
NUMBERS = ["0", "-1", "1", "500", "501", str(2**31), str(2**63), str(2**64), "9" * 30, "1e309", "NaN", "-0",
           "1.5", "abc", "", "０", "٣", "0x10", " 7", "%00", "null", "[]", "9" * 5000]  # fmt: skip
STRINGS = ["", " ", "가" * 600, "x" * 20_000, "../../etc/passwd", "\u0000", "\ud800", "'; DROP TABLE releases; --",
           "%s%s%n", "${jndi:x}", "<script>alert(1)</script>", "NaN", "🦀" * 50, "\n\r\t", "a" * 64, "A" * 65]  # fmt: skip
IDS = ["0" * 16, "../../../etc/passwd", "..%2F..%2Fmeta.sqlite", "%00", "a" * 200, "가나다", "x y", "-", "_",
       "%2e%2e", "ffffffffffffffff", "1;select", "'", "%ff%fe"]  # fmt: skip
QUESTIONS = [
    "별무리소프트는 본사를 어디로 옮겨?",
    "Who spoke at the networking day?",
    "네트워킹데이는 어디서 열렸어?",
]


def deep(n: int) -> str:
    return "[" * n + "]" * n


def json_bodies(rng: random.Random) -> tuple[bytes, str]:
    """(body, content type) for /ask and /chat."""
    choice = rng.randrange(14)
    question = rng.choice(QUESTIONS + STRINGS)
    if choice == 0:
        return json.dumps({"question": rng.choice(QUESTIONS)}).encode(), "application/json"
    if choice == 1:
        return (
            '{"question": "q", "filters": ' + deep(rng.choice([40, 1000, 50_000])) + "}"
        ).encode(), "application/json"
    if choice == 2:
        return (
            '{"question": "q", "k": ' + "9" * rng.choice([20, 5000, 100_000]) + "}"
        ).encode(), "application/json"
    if choice == 3:
        value = rng.choice([True, "5", 5.5, None, [], {}, -1, 0, 101, 2**70])
        return json.dumps({"question": question, "k": value}).encode(), "application/json"
    if choice == 4:
        return b'{"question": "\xff\xfe\xfa"}', "application/json"
    if choice == 5:
        return json.dumps({"question": question}).encode(), rng.choice(["text/plain", "", "application/xml",
                                                                        "application/x-www-form-urlencoded"])  # fmt: skip
    if choice == 6:
        filters = {rng.choice(["date_from", "date_to", "publisher", "evil"]): rng.choice(STRINGS + NUMBERS)}
        return json.dumps({"question": question, "filters": filters}).encode(), "application/json"
    if choice == 7:
        return b'{"question": "q", "question": "r", "k": NaN}', "application/json"
    if choice == 8:
        return b"", "application/json"
    if choice == 9:
        return b"x" * rng.choice([10_000, 100_000, 2_000_000]), "application/json"
    if choice == 10:
        return json.dumps([{"question": question}] * 3).encode(), "application/json"
    if choice == 11:
        ids = ["", "gone", "../x", "a" * 65, "가", None, 5]
        return json.dumps(
            {"message": question, "conversation_id": rng.choice(ids)}
        ).encode(), "application/json"
    if choice == 12:
        return json.dumps({"message": question}).encode(), "application/json"
    return json.dumps({"question": question}).encode(), "application/json; charset=utf-8"


def upload_files(rng: random.Random) -> list[tuple[str, tuple[str, bytes, str]]]:
    names = ["a.txt", "../../x.txt", "가 나.md", "new\nline.json", "x.jsonl", "a.pdf", "noext", ".hidden.txt",
             "a" * 300 + ".txt", "CON.html", "x.JSON", "x.htm"]  # fmt: skip
    bodies = [
        deep(rng.choice([50, 5000, 100_000])).encode(),
        ('{"title": "t", "body": "b", "n": ' + "7" * 5000 + "}").encode(),
        os.urandom(rng.choice([10, 1000])),
        b"\xff\xfe\xfd invalid utf-8 \x80\x81",
        "판교 기업 본사 이전 보도자료 본문입니다.".encode("cp949"),
        "UTF-16 본문".encode("utf-16"),
        b"",
        b"\xef\xbb\xbf" + "BOM 있는 보도자료 제목\n본문 문장입니다.".encode(),
        "\n".join(
            json.dumps({"title": f"t{i}", "body": f"b{i}"}) for i in range(rng.choice([2, 150]))
        ).encode(),
        b'{"title": "x", "body": NaN}',
        b'[{"title": "x"}, 5, "y", null]',
        f"퍼징 {rng.randrange(10**9)} 보도자료\n퍼징시 {rng.randrange(1000)}번 산업단지 착공식이 열렸다.\n".encode(),
    ]
    count = 25 if rng.random() < 0.02 else rng.choice([1, 1, 2, 3])
    return [
        ("files", (rng.choice(names), rng.choice(bodies), "application/octet-stream")) for _ in range(count)
    ]


def make_request(rng: random.Random, key: str | None) -> dict:
    """One hostile request as httpx keyword arguments."""
    kind = rng.randrange(12)
    headers: dict[str, object] = {}
    if key and rng.random() < 0.6:
        headers["Authorization"] = rng.choice([f"Bearer {key}".encode(), b"Bearer wrong", b"Bearer ", key.encode(),
                                               f"Bearer {key} ".encode(), "Bearer 키".encode()])  # fmt: skip
    if rng.random() < 0.1:
        headers["Origin"] = rng.choice(["https://evil.example", "null", f"http://{HOST}:1"])
    if rng.random() < 0.05:
        headers["Host"] = rng.choice(["evil.example", "localhost.evil.example", "[::1", ""])
    if kind in (0, 1):
        path = rng.choice(["/releases", "/facts"])
        params = {rng.choice(["offset", "limit", "date_from", "date_to", "publisher", "type", "release_id", "x"]):
                  rng.choice(NUMBERS + STRINGS) for _ in range(rng.randrange(1, 4))}  # fmt: skip
        return {"method": "GET", "url": path, "params": params, "headers": headers}
    if kind == 2:
        method = rng.choice(["GET", "DELETE"])
        return {"method": method, "url": "/releases/" + rng.choice(IDS), "headers": headers}
    if kind in (3, 4, 5):
        body, content_type = json_bodies(rng)
        if content_type:
            headers["Content-Type"] = content_type
        return {"method": "POST", "url": rng.choice(["/ask", "/chat"]), "content": body, "headers": headers}
    if kind in (6, 7):
        return {"method": "POST", "url": "/releases", "files": upload_files(rng), "headers": headers}
    if kind == 8:
        body, content_type = rng.choice([(b'{"title": "t", "body": "' + b"x" * 10 + b'"}', "application/json"),
                                         (b'{"title": "", "body": 5}', "application/json"),
                                         (b"title=t&body=b", "application/x-www-form-urlencoded"),
                                         (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
                                         (b'{"title": "t"}', "text/plain")])  # fmt: skip
        headers["Content-Type"] = content_type
        return {"method": "POST", "url": "/releases", "content": body, "headers": headers}
    if kind == 9:
        if rng.random() < 0.5:
            headers["Content-Type"] = rng.choice(["text/plain", "application/json", "multipart/form-data"])
        return {
            "method": "POST",
            "url": "/index/sync",
            "content": rng.choice([b"", b"{}", b"x"]),
            "headers": headers,
        }
    if kind == 10:
        method = rng.choice(["PUT", "PATCH", "OPTIONS", "TRACE", "HEAD"])
        return {"method": method, "url": rng.choice(["/ask", "/releases", "/health", "/nope", "/static/../x"]),
                "headers": headers}  # fmt: skip
    return {"method": "GET", "url": rng.choice(["/health", "/openapi.json", "/", "/static/app.js", "/x" * 50]),
            "headers": headers}  # fmt: skip


def leaks(text: str, sent: str, home: Path) -> list[str]:
    found = [w for w in LIBRARIES if w in text and w not in sent]
    if str(home.parent) in text:
        found.append("server path")
    return found


def run(base: str, home: Path, total: int, clients: int, seed: int, key: str | None, deadline: float) -> dict:
    statuses: Counter[str] = Counter()
    leaked: list[dict] = []
    server_errors: list[str] = []
    slow: list[tuple[float, str]] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def worker(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        with httpx.Client(base_url=base, timeout=120.0) as http:
            while time.monotonic() < deadline:
                with lock:
                    if next(counter, None) is None:
                        return
                request = make_request(rng, key)
                began = time.monotonic()
                try:
                    response = http.request(**request)
                    status, text = str(response.status_code), response.text
                except (httpx.HTTPError, httpx.InvalidURL, UnicodeError, ValueError) as exc:
                    status, text = f"client:{type(exc).__name__}", ""
                sent = repr(request)[:200_000]
                found = leaks(text, sent, home) if status.isdigit() and int(status) >= 400 else []
                if status.isdigit() and str(home.parent) in text:
                    found.append("server path")
                took = time.monotonic() - began
                with lock:
                    statuses[status] += 1
                    if took > 5:
                        slow.append(
                            (
                                round(took, 1),
                                f"{status} {request['method']} {request['url']} {repr(request)[:160]}",
                            )
                        )
                    if found:
                        leaked.append(
                            {"status": status, "found": found, "text": text[:300], "url": request["url"]}
                        )
                    if status.startswith("5") and status != "503":
                        server_errors.append(f"{request['method']} {request['url']}: {text[:200]}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"statuses": dict(sorted(statuses.items())), "leaks": leaked[:20], "leak_count": len(leaked),
            "server_errors": server_errors[:20], "server_error_count": len(server_errors),
            "slowest": sorted(slow, reverse=True)[:10]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--key", default=None, help="serve with this API key (and send it on some requests)")
    parser.add_argument("--max-seconds", type=float, default=MAX_SECONDS, help="stop sending after this long")
    parser.add_argument("--out", default="fuzz_http.json")
    args = parser.parse_args()
    total = max(1, min(args.requests, MAX_REQUESTS))
    tmp = Path(tempfile.mkdtemp(prefix="pressqa-fuzz-"))
    folder, home, log = tmp / "releases", tmp / "home", tmp / "server.log"
    shutil.copytree(EXAMPLES, folder)
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "PRESSQA_API_KEY": args.key or "",
        "OMP_WAIT_POLICY": "PASSIVE",
    }
    process = None
    started = time.monotonic()
    try:
        subprocess.run([*pressqa(), "index", "sync", str(folder), "--home", str(home), "--quiet"], env=env,
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        port = free_port()
        base = f"http://{HOST}:{port}"
        with open(log, "wb") as out:
            process = subprocess.Popen([*pressqa(), "serve", "--host", HOST, "--port", str(port), "--home", str(home),
                                        "--log-level", "warning"], stdout=out, stderr=subprocess.STDOUT, env=env)  # fmt: skip
        wait_for_health(base, process)
        deadline = time.monotonic() + max(1.0, min(args.max_seconds, MAX_SECONDS))
        result = run(base, home, total, args.clients, args.seed, args.key, deadline)
        alive = httpx.get(f"{base}/health", timeout=10).status_code == 200
    finally:
        stop_server(process)
        server_log = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(tmp, ignore_errors=True)
    seconds = time.monotonic() - started
    rows = [[status, count] for status, count in result["statuses"].items()]
    print_table(["status", "count"], rows)
    print(f"\n{sum(result['statuses'].values())} requests in {seconds:.0f} s; 5xx other than 503: "
          f"{result['server_error_count']}; leaks: {result['leak_count']}; server alive after: {alive}; "
          f"tracebacks in the server log: {server_log.count('Traceback')}")  # fmt: skip
    for took, what in result["slowest"][:5]:
        print(f"   slow: {took} s {what}")
    for sample in result["server_errors"][:5] + [
        json.dumps(x, ensure_ascii=False) for x in result["leaks"][:5]
    ]:
        print("  ", sample)
    data = {"machine": machine(), "config": vars(args), "seconds": round(seconds, 1), **result,
            "server_alive_after": alive, "server_log_tracebacks": server_log.count("Traceback")}  # fmt: skip
    print(f"wrote {write_json(args.out, data).relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
