"""Helpers shared by the benchmarks: paths, peak RSS, percentiles, child processes, JSON and tables.

Every measured configuration runs in its own child process so that its peak RSS (a high-water mark
that never goes down) belongs to that configuration alone, and so that environment read once at
load time (OMP_NUM_THREADS) really differs between runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
EXAMPLES = ROOT / "examples" / "releases"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Clock:
    """Wall and process CPU time of a block: CPU time stays meaningful when other jobs share the cores."""

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/mean/max in milliseconds over per-call wall times."""
    ms = np.asarray(seconds) * 1000.0
    return {
        "n": len(ms),
        "p50_ms": round(float(np.percentile(ms, 50)), 1),
        "p95_ms": round(float(np.percentile(ms, 95)), 1),
        "mean_ms": round(float(ms.mean()), 1),
        "max_ms": round(float(ms.max()), 1),
    }


def machine() -> dict[str, object]:
    """Enough about the host to compare figures across machines."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    return {
        "date": dt.date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "load_avg_1m": round(os.getloadavg()[0], 2),  # other jobs on the box inflate wall times
    }


def run_child(script: Path, args: Sequence[str], env: dict[str, str] | None = None) -> dict:
    """Run `script --child-result FILE args…` in a fresh interpreter and return the JSON it wrote."""
    with tempfile.TemporaryDirectory(prefix="pressqa-bench-") as tmp:
        result = Path(tmp) / "result.json"
        cmd = [sys.executable, str(script), "--child-result", str(result), *args]
        subprocess.run(cmd, check=True, env={**os.environ, **(env or {})}, cwd=ROOT)
        return json.loads(result.read_text(encoding="utf-8"))


def write_json(name: str, data: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain aligned text table (also valid Markdown) on stdout."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    print(line(cells[0]))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells[1:]:
        print(line(row))


def stop_server(process: subprocess.Popen[bytes] | None) -> None:
    """Ctrl-C a benchmark's `pressqa serve` (so it shuts down as a user's would), kill it if it hangs."""
    import signal

    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
