"""HTTP load on loopback: concurrent /ask clients against a real `pressqa serve`, with and without syncs.

    python benchmarks/bench_load.py [--clients 4 16 50] [--duration 60] [--releases 12]

Indexes the sample releases (examples/releases) into a temporary home, starts `pressqa serve` on
127.0.0.1, then, for each client count, runs two phases of `--duration` seconds each with that many
threads (one httpx client each) posting the questions of examples/questions.jsonl round-robin:

- `ask`: questions only;
- `ask+sync`: the same while a writer loop adds a new (generated, fictional) release or edits one
  and calls POST /index/sync, back to back.

A client answered 503 (the service's back-pressure: too many questions running or waiting) waits
the `Retry-After` it was given, as a well-behaved client does, and goes on. Reports per phase:
throughput of answered questions, p50/p95/p99/max latency of answered questions, the 503 count
and every other error (any other non-200 or transport error), prints a table and writes
benchmarks/out/bench_load.json. Everything is bounded: loopback only, at most 64 clients, 300 s
per phase and 200 syncs per phase.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np
from _common import EXAMPLES, ROOT, machine, print_table, stop_server, write_json

HOST = "127.0.0.1"  # loopback only
MAX_CLIENTS, MAX_SECONDS, MAX_SYNCS = 64, 300.0, 200
QUESTIONS = ROOT / "examples" / "questions.jsonl"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def pressqa() -> list[str]:
    script = Path(sys.executable).parent / "pressqa"
    return [str(script)] if script.exists() else [sys.executable, "-m", "api.cli"]


def questions() -> list[str]:
    out = []
    for line in QUESTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line)["question"])
    return out


def generated_release(n: int) -> str:
    """A small fictional release, different each time, so each sync embeds something new."""
    return (
        f"가람{n}테크, 청림 산업단지에 {n + 2}번째 공장 착공\n"
        f"[청림=부하늘기자] 가람{n}테크는 {n % 28 + 1}일 청림 제{n % 5 + 1}산업단지에서 공장 착공식을 열었다. "
        f"착공식에는 임직원과 주민 {40 + n}명이 참석했다. 회사는 {n * 10 + 50}억원을 들여 "
        f"2027년까지 공장을 짓고 {20 + n}명을 새로 채용한다.\n"
        f"가람{n}테크 대표는 “청림에서 두 번째 도약을 하겠다”고 말했다.\n"
    )


def percentiles(seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {"p50_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "max_ms": 0.0, "mean_ms": 0.0}
    ms = np.asarray(seconds) * 1000.0
    pick = lambda q: round(float(np.percentile(ms, q)), 1)  # noqa: E731
    return {
        "p50_ms": pick(50),
        "p95_ms": pick(95),
        "p99_ms": pick(99),
        "max_ms": round(float(ms.max()), 1),
        "mean_ms": round(float(ms.mean()), 1),
    }


def run_clients(base: str, clients: int, duration: float, asked: list[str], writer=None) -> dict:
    """`clients` threads asking for `duration` s (and `writer(stop)` in another thread, if given)."""
    latencies: list[float] = []
    errors: list[str] = []
    refused = 0
    lock = threading.Lock()
    stop = threading.Event()

    def client(index: int) -> None:
        nonlocal refused
        with httpx.Client(base_url=base, timeout=60.0) as http:
            i = index
            while not stop.is_set():
                question = asked[i % len(asked)]
                i += clients
                started = time.perf_counter()
                wait = 0.0
                try:
                    response = http.post("/ask", json={"question": question})
                    ok = response.status_code == 200
                    problem = None if ok else f"{response.status_code}: {response.text[:200]}"
                    if response.status_code == 503 and response.headers.get("Retry-After", "").isdigit():
                        problem, wait = "503", float(response.headers["Retry-After"])
                except httpx.HTTPError as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - started
                with lock:
                    if problem is None:
                        latencies.append(elapsed)
                    elif problem == "503":
                        refused += 1
                    else:
                        errors.append(problem)
                if wait:
                    stop.wait(wait)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    writer_result: dict = {}
    if writer is not None:
        threads.append(threading.Thread(target=writer, args=(stop, writer_result)))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(duration)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies) + len(errors) + refused,
        "answered": len(latencies),
        "refused_503": refused,
        "errors": len(errors),
        "error_samples": errors[:5],
        "seconds": round(wall, 2),
        "throughput_rps": round(len(latencies) / wall, 2),
        **percentiles(latencies),
        **writer_result,
    }


def sync_writer(base: str, folder: Path, key: str):
    """Add a release or edit one, then POST /index/sync, until stopped (at most MAX_SYNCS times)."""

    def loop(stop: threading.Event, result: dict) -> None:
        durations, failures, n = [], 0, 0
        with httpx.Client(base_url=base, timeout=300.0, headers={"Authorization": f"Bearer {key}"}) as http:
            while not stop.is_set() and n < MAX_SYNCS:
                n += 1
                if n % 2:
                    (folder / f"gen-{n:04d}.txt").write_text(generated_release(n), encoding="utf-8")
                else:  # edit an earlier generated release: an update, not an add
                    target = folder / f"gen-{n - 1:04d}.txt"
                    target.write_text(generated_release(n - 1) + f"추가 문장 {n}.\n", encoding="utf-8")
                started = time.perf_counter()
                response = http.post("/index/sync")
                durations.append(time.perf_counter() - started)
                failures += response.status_code != 200
        result.update(
            syncs=len(durations),
            sync_failures=failures,
            sync_p50_ms=percentiles(durations)["p50_ms"],
            sync_max_ms=percentiles(durations)["max_ms"],
        )

    return loop


def wait_for_health(base: str, process: subprocess.Popen, timeout: float = 300.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with code {process.returncode}")
        try:
            response = httpx.get(f"{base}/health", timeout=2.0)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise SystemExit("server did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--clients",
        type=int,
        nargs="+",
        default=[4],
        help=f"concurrent clients, one run each (≤ {MAX_CLIENTS})",
    )
    parser.add_argument(
        "--duration", type=float, default=15.0, help=f"seconds per phase (≤ {MAX_SECONDS:.0f})"
    )
    parser.add_argument("--releases", type=int, default=12, help="how many sample releases to index first")
    parser.add_argument("--out", default="bench_load.json", help="file name under benchmarks/out/")
    args = parser.parse_args()
    client_counts = [max(1, min(c, MAX_CLIENTS)) for c in args.clients]
    duration = max(1.0, min(args.duration, MAX_SECONDS))

    tmp = Path(tempfile.mkdtemp(prefix="pressqa-load-"))
    folder, home, log = tmp / "releases", tmp / "home", tmp / "server.log"
    folder.mkdir()
    for path in sorted(EXAMPLES.iterdir())[: args.releases]:
        shutil.copy(path, folder / path.name)
    key = "bench-load-key"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PRESSQA_API_KEY": key, "PRESSQA_PROTECT_READS": "false"}
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    process = None
    try:
        t0 = time.perf_counter()
        subprocess.run([*pressqa(), "index", "sync", str(folder), "--home", str(home), "--quiet"], env=env,
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        index_seconds = time.perf_counter() - t0
        port = free_port()
        base = f"http://{HOST}:{port}"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [*pressqa(), "serve", "--host", HOST, "--port", str(port), "--home", str(home), "--log-level",
                 "warning"],
                stdout=out, stderr=subprocess.STDOUT, env=env,
            )  # fmt: skip
        health = wait_for_health(base, process)
        asked = questions()
        print(f"indexed {health['counts']['releases']} releases in {index_seconds:.1f} s; "
              f"{client_counts} clients × {duration:.0f} s per phase on {base}; limits {health['limits']}",
              file=sys.stderr)  # fmt: skip
        phases = {}
        for clients in client_counts:
            phases[f"{clients} ask"] = run_clients(base, clients, duration, asked)
            phases[f"{clients} ask+sync"] = run_clients(
                base, clients, duration, asked, writer=sync_writer(base, folder, key)
            )
            print(f"{clients} clients done", file=sys.stderr)
    finally:
        stop_server(process)
        server_log = log.read_text(errors="replace") if log.exists() else ""
        shutil.rmtree(tmp, ignore_errors=True)

    rows = [
        [name, r["requests"], r["answered"], r["refused_503"], r["errors"], r["throughput_rps"], r["p50_ms"],
         r["p95_ms"], r["p99_ms"], r["max_ms"], r.get("syncs", "-")]
        for name, r in phases.items()
    ]  # fmt: skip
    print_table(
        ["clients / phase", "requests", "answered", "503", "other errors", "answered/s", "p50 ms", "p95 ms",
         "p99 ms", "max ms", "syncs"],
        rows,
    )  # fmt: skip
    for name, s in phases.items():
        if s.get("syncs"):
            print(f"{name}: syncs {s['syncs']} ({s['sync_failures']} failed), p50 {s['sync_p50_ms']} ms, "
                  f"max {s['sync_max_ms']} ms")  # fmt: skip
    data = {
        "machine": machine(),
        "config": {"clients": client_counts, "duration_s": duration, "releases": args.releases, "host": HOST},
        "limits": health.get("limits"),
        "index_seconds": round(index_seconds, 1),
        "phases": phases,
        "server_tracebacks": server_log.count("Traceback"),
        "server_errors": [block[-1500:] for block in server_log.split("Traceback")[1:4]],
    }
    path = write_json(args.out, data)
    print(f"\nwrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
