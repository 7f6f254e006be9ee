"""What a terminal user waits: whole fresh `pressqa` processes, several runs each, min/median/max.

    python benchmarks/bench_cold.py [--runs 5] [--roots DIR …] [--home DIR] [--many 1000]

Each figure is one complete process, from exec to exit, as a user starts it: interpreter start,
imports, loading whatever the command loads, the work, printing. Every command runs once to warm
the page cache, then `--runs` times; wall time is read around the child, CPU time and peak RSS come
from the kernel's accounting of the reaped child (`os.wait4`). Quote medians: the machine is shared.

Cases, on an index of `--roots` (default: the shared evaluation releases, distractors and training
releases when this checkout has `../shared/eval` beside it, else `examples/releases`):
  sync-noop   `pressqa index sync ROOTS…` with nothing changed
  search      `pressqa search QUERY`
  ask         `pressqa ask QUESTION` (Korean) and `ask-en` (English)
and `sync-noop-many`: a no-op sync of `--many` small fictional releases (`make_releases.py`).
The indexes are built first in temporary homes (real embedding, minutes); `--home`, `--many-dir`
and `--many-home` keep them for the next call. To measure another checkout with the same venv, run this script with
`PYTHONPATH=/path/to/that/checkout` (its `index`, `qa`, `api` then shadow this one's).

`--against DIR` compares this checkout with another, run by this interpreter in turn (this, that,
that, this, …), each through its own console entry (`api.main:main`, or `api.cli:app` before it):
medians of both and the median of the per-pair ratios (this / that), which hold when the load moves.
Peak RSS is the larger of the command and its Kiwi child when it has one (`os.wait4` reports the
reaped process and its reaped children); the load average is recorded around every case.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _common import EXAMPLES, ROOT, SHARED_EVAL, machine, print_table, write_json
from make_releases import write_releases

QUERY = "판교 기업 본사 이전 투자 협약"
QUESTION_KO = "투자유치 네트워킹데이는 어디서 열렸어?"
QUESTION_EN = "Who spoke at the investment forum?"


def default_roots() -> list[Path]:
    shared = [SHARED_EVAL / "releases", SHARED_EVAL / "distractors", SHARED_EVAL / "train" / "releases"]
    found = [p for p in shared if p.is_dir()]
    return found or [EXAMPLES]


def pressqa() -> list[str]:
    """The installed console script beside this interpreter (what a user types), else `-m api.cli`."""
    script = Path(sys.executable).parent / "pressqa"
    return [str(script)] if script.exists() else [sys.executable, "-m", "api.cli"]


def run_once(cmd: Sequence[str], env: dict[str, str]) -> dict[str, float]:
    """One fresh process: wall seconds, user+sys CPU seconds and peak RSS (MiB) of the reaped child."""
    with tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.read().decode()[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def measure(cmd: Sequence[str], env: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """One warm-up, then `runs` counted runs: min/median/max of each figure."""
    run_once(cmd, env)
    return summary([run_once(cmd, env) for _ in range(runs)])


def summary(samples: Sequence[dict[str, float]]) -> dict[str, dict[str, float]]:
    return {
        key: {
            "min": round(min(s[key] for s in samples), 3),
            "median": round(statistics.median(s[key] for s in samples), 3),
            "max": round(max(s[key] for s in samples), 3),
        }
        for key in ("wall", "cpu", "rss_mb")
    }


def entry(checkout: Path) -> list[str]:
    """A checkout's `pressqa` as its console script starts it, run by this interpreter."""
    code = (
        "from api.main import main; main()"
        if (checkout / "api" / "main.py").exists()
        else "from api.cli import app; app()"
    )
    return [sys.executable, "-P", "-c", code]  # -P: not the current folder first on the path, as a script


def measure_against(
    args: Sequence[str], env: dict[str, str], other: Path, runs: int
) -> dict[str, dict[str, dict[str, float]] | dict[str, float]]:
    """This checkout and `other` in turn (one warm-up each): both summaries and the paired ratios."""
    sides = {"this": ROOT, "that": other}
    cmds = {side: [*entry(path), *args] for side, path in sides.items()}
    envs = {side: {**env, "PYTHONPATH": str(path)} for side, path in sides.items()}
    for side in sides:
        run_once(cmds[side], envs[side])
    samples: dict[str, list[dict[str, float]]] = {side: [] for side in sides}
    for i in range(runs):
        for side in ("this", "that") if i % 2 == 0 else ("that", "this"):
            samples[side].append(run_once(cmds[side], envs[side]))
    ratio = {
        key: round(
            statistics.median(a[key] / b[key] for a, b in zip(samples["this"], samples["that"], strict=True)),
            3,
        )
        for key in ("wall", "cpu")
    }
    return {"this": summary(samples["this"]), "that": summary(samples["that"]), "ratio": ratio}


def build(home: Path, roots: Sequence[Path], env: dict[str, str]) -> float:
    """Index `roots` into `home` (only what is missing there); returns the seconds it took."""
    started = time.monotonic()
    cmd = [*pressqa(), "index", "sync", *map(str, roots), "--home", str(home), "--quiet"]
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--roots", type=Path, nargs="+", default=None)
    parser.add_argument("--home", type=Path, default=None, help="Reuse (or fill) this index home.")
    parser.add_argument("--many", type=int, default=1000, help="Releases for the large no-op sync (0: skip).")
    parser.add_argument("--many-dir", type=Path, default=None, help="Write (or reuse) those releases here.")
    parser.add_argument("--many-home", type=Path, default=None, help="Reuse (or fill) this home for them.")
    parser.add_argument(
        "--cases", nargs="+", default=["sync-noop", "search", "ask", "ask-en", "sync-noop-many"]
    )
    parser.add_argument("--out", default="cold.json", help="File name under benchmarks/out/.")
    parser.add_argument("--against", type=Path, default=None, help="Another checkout to compare, paired.")
    args = parser.parse_args()

    roots = [p.resolve() for p in (args.roots or default_roots())]
    tmp = Path(tempfile.mkdtemp(prefix="pressqa-cold-"))
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    env.pop("PRESSQA_URL", None)  # the cold path itself, not a running server
    results: dict[str, object] = {"machine": machine(), "runs": args.runs, "roots": [str(r) for r in roots]}
    figures: dict[str, dict] = {}
    try:
        home = args.home or tmp / "home"
        results["build_s"] = round(build(home, roots, env), 1)
        home_env = {**env, "PRESSQA_HOME": str(home)}
        cases = {
            "sync-noop": [*pressqa(), "index", "sync", *map(str, roots), "--quiet"],
            "search": [*pressqa(), "search", QUERY],
            "ask": [*pressqa(), "ask", QUESTION_KO],
            "ask-en": [*pressqa(), "ask", QUESTION_EN],
        }
        for name, cmd in cases.items():
            if name in args.cases:
                load = os.getloadavg()[0]
                if args.against:
                    cmd_args = cmd[len(pressqa()) :]
                    figures[name] = measure_against(cmd_args, home_env, args.against.resolve(), args.runs)
                else:
                    figures[name] = measure(cmd, home_env, args.runs)
                figures[name]["load"] = [round(load, 2), round(os.getloadavg()[0], 2)]
                print(f"{name}: {figures[name]}", file=sys.stderr)
        if args.many and "sync-noop-many" in args.cases:
            many_root = (args.many_dir or tmp / "many").resolve()
            write_releases(many_root, args.many)  # the same files again: unchanged for a reused home
            many_home = args.many_home or tmp / "many-home"
            results["many_build_s"] = round(build(many_home, [many_root], env), 1)
            cmd = [*pressqa(), "index", "sync", str(many_root), "--quiet"]
            load = os.getloadavg()[0]
            figures["sync-noop-many"] = measure(cmd, {**env, "PRESSQA_HOME": str(many_home)}, args.runs)
            figures["sync-noop-many"]["load"] = [round(load, 2), round(os.getloadavg()[0], 2)]
            print(f"sync-noop-many: {figures['sync-noop-many']}", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    results["figures"] = figures
    write_json(args.out, results)
    fmt = lambda f, d=2: f"{f['median']:.{d}f} ({f['min']:.{d}f}–{f['max']:.{d}f})"  # noqa: E731
    rows = []
    for name, f in figures.items():
        for side in ("this", "that") if "ratio" in f else (None,):
            g = f[side] if side else f
            rows.append(
                [
                    f"{name} {side or ''}".strip(),
                    fmt(g["wall"]),
                    fmt(g["cpu"]),
                    fmt(g["rss_mb"], 0),
                    f["load"],
                ]
            )
        if "ratio" in f:
            rows.append(
                [f"{name} this/that", f"{f['ratio']['wall']:.3f}", f"{f['ratio']['cpu']:.3f}", "", ""]
            )
    print_table(
        [
            "case",
            "wall s median (min–max)",
            "cpu s median (min–max)",
            "peak RSS MiB median (min–max)",
            "load",
        ],
        rows,
    )


if __name__ == "__main__":
    main()
