"""The test suite's time as CI pays it: `pytest -q -n 2 --dist loadscope` in a fresh clone, first run.

    python benchmarks/bench_suite.py --against REF [--this REF] [--pairs 2] [--warm]

Each ref is cloned from this repository into a temporary folder (no `.pytest_cache`, so no kept
real-model vectors: `tests/kept.py`) and run by this interpreter, with the clone first on
PYTHONPATH. The two refs alternate (this, that, that, this, …) because the machine is shared and
both wall and CPU time move with its load; the load average is recorded around every run. `--warm`
adds, in the first pair, a second run of each ref that keeps its `.pytest_cache` (what every later
local run pays). Only committed changes are measured.

CPU is the whole process tree's: this process makes itself a child subreaper, so the processes
that outlive their parents (Ray's, Chromium's) are reparented here and reaped, and their CPU is
counted with the rest (`RUSAGE_CHILDREN`), not lost as it is for `/usr/bin/time`.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, machine, print_table, write_json

COMMAND = ["-m", "pytest", "-q", "-n", "2", "--dist", "loadscope"]
PR_SET_CHILD_SUBREAPER = 36


def clone(ref: str, into: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "--quiet", ref], check=True)
    return into


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def reap_orphans(timeout: float = 60.0) -> None:
    """Wait for the descendants reparented to this process (a child subreaper) until none is left."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.2)


def run_suite(checkout: Path, first: bool) -> dict[str, object]:
    if first:
        shutil.rmtree(checkout / ".pytest_cache", ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    load_before = os.getloadavg()[0]
    cpu_before, started = children_cpu(), time.monotonic()
    done = subprocess.run([sys.executable, *COMMAND], cwd=checkout, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    reap_orphans()
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    return {
        "run": "first" if first else "later",
        "wall_s": round(wall, 1),
        "cpu_s": round(children_cpu() - cpu_before, 1),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "passed": int(m.group(1)) if (m := re.search(r"(\d+) passed", summary)) else 0,
        "ok": done.returncode == 0,
        "summary": summary,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--this", default="HEAD", help="the ref measured (default HEAD)")
    parser.add_argument("--against", required=True, help="the ref compared with (e.g. main)")
    parser.add_argument("--pairs", type=int, default=2, help="runs of each ref, alternated")
    parser.add_argument("--warm", action="store_true", help="also a later run of each (first pair)")
    args = parser.parse_args()
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("cannot become a child subreaper (Linux only)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="pressqa-suite-") as tmp:
        checkouts = {
            ref: clone(ref, Path(tmp) / f"ref{i}") for i, ref in enumerate((args.this, args.against))
        }
        order = [args.this, args.against]
        for pair in range(args.pairs):
            for ref in order if pair % 2 == 0 else order[::-1]:
                for first in (True, False) if args.warm and pair == 0 else (True,):
                    row = {"ref": ref, **run_suite(checkouts[ref], first)}
                    rows.append(row)
                    print(row, file=sys.stderr, flush=True)
    columns = ["ref", "run", "wall_s", "cpu_s", "load_before", "load_after", "passed", "ok"]
    print_table(columns, [[row[c] for c in columns] for row in rows])
    write_json("bench_suite.json", {"machine": machine(), "command": " ".join(COMMAND[1:]), "runs": rows})


if __name__ == "__main__":
    main()
