"""What near-duplicate story groups cost, and whether they hold at scale.

    python benchmarks/bench_groups.py [--count 1000] [--runs 3] [--queries 3]

1. Scale, no model: N fictional releases from `make_releases.py` (one template, names and numbers
   varied: every pair is a different story) plus one edited copy of every tenth (other byline and
   boilerplate, a sentence dropped) go through the real cleaning and `groups.regroup` on a fresh
   SQLite: ms per release, and pair precision/recall against the known copies.
2. Build time: `pressqa index build` of the real corpus (examples, examples/archive and
   ../shared/eval releases + distractors when present) as whole fresh processes, grouping on and off
   (PRESSQA_DEDUP), alternating, each home seeded with the same warm embedding cache so the model
   work is the same small part of both; the grouping step's own seconds come from the report.
3. Query latency: `search` and `ask` p50 in one process per setting, over the bundled questions,
   on the index built with and without groups; and, since two processes under shared load differ
   by more than the effect, a paired run in one process (`--paired HOME` alone does just this).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import latency_summary, machine, print_table, write_json  # noqa: E402

BIN = Path(sys.executable).parent


def scale(count: int) -> dict:
    from make_releases import write_releases

    from index import groups
    from index.clean import clean_release
    from index.dedup import DedupConfig
    from index.sources import iter_raw_docs
    from index.store.schema import migrate

    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "r"
        write_releases(folder, count)
        copies = {}
        for path in sorted(folder.iterdir())[::10]:
            lines = path.read_text(encoding="utf-8").splitlines()
            drop = rng.randrange(2, len(lines)) if len(lines) > 3 else None
            kept = [ln for i, ln in enumerate(lines) if i != drop]
            copy = path.with_name(path.stem + "-copy.txt")
            copy.write_text(
                "\n".join([kept[0] + " (종합)", *kept[1:], "", "ⓒ 다른신문 무단전재 금지"]), encoding="utf-8"
            )
            copies[copy.name] = path.name
        releases = [clean_release(raw) for raw in iter_raw_docs(folder, 5_000_000)]
        conn = sqlite3.connect(":memory:")
        migrate(conn)
        for r in releases:
            conn.execute(
                "INSERT INTO releases (id, root, source, content_hash, date, lang, text, added_at)"
                " VALUES (?, 'r', ?, 'h', ?, ?, ?, 0)",
                (r.source, r.source, r.date, r.lang, r.text),
            )
        started = time.perf_counter()
        report = groups.regroup(conn, DedupConfig())
        seconds = time.perf_counter() - started
        pairs = {tuple(sorted(p)) for p in conn.execute("SELECT a, b FROM dup_pairs")}
        gold = {tuple(sorted(p)) for p in copies.items()}
    tp = len(pairs & gold)
    return {
        "releases": len(releases),
        "copies": len(gold),
        "candidates": report.candidates,
        "verified": report.verified,
        "predicted_pairs": len(pairs),
        "pair_p": round(tp / len(pairs), 4) if pairs else None,
        "pair_r": round(tp / len(gold), 4) if gold else None,
        "seconds": round(seconds, 3),
        "ms_per_release": round(1000 * seconds / len(releases), 3),
    }


def corpus() -> list[Path]:
    roots = [ROOT / "examples" / "releases", ROOT / "examples" / "archive" / "releases"]
    shared = ROOT.parent / "shared" / "eval"
    roots += [p for p in (shared / "releases", shared / "distractors") if p.is_dir()]
    return roots


def build(runs: int, work: Path) -> tuple[dict, dict[str, Path]]:
    roots = [str(p) for p in corpus()]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    warm = work / "warm"
    subprocess.run([BIN / "pressqa", "index", "build", *roots, "--home", str(warm), "-q", "--json"],
                   check=True, env=env, capture_output=True)  # fmt: skip
    out: dict[str, list[dict]] = {"on": [], "off": []}
    homes = {}
    for _ in range(runs):
        for setting in ("on", "off"):
            home = work / f"home-{setting}"
            shutil.rmtree(home, ignore_errors=True)
            home.mkdir()
            shutil.copy(warm / "embeddings.sqlite", home / "embeddings.sqlite")
            started = time.perf_counter()
            proc = subprocess.run(
                [BIN / "pressqa", "index", "build", *roots, "--home", str(home), "-q", "--json"],
                check=True, env={**env, "PRESSQA_DEDUP": "true" if setting == "on" else "false"},
                capture_output=True, text=True,
            )  # fmt: skip
            wall = time.perf_counter() - started
            report = json.loads(proc.stdout)
            out[setting].append({"wall": wall, "sync": report["seconds"], "group": report["group_seconds"],
                                 "groups": report["groups"]})  # fmt: skip
            homes[setting] = home
    summary = {}
    for setting, rows in out.items():
        summary[setting] = {
            "wall_median": round(statistics.median(r["wall"] for r in rows), 2),
            "sync_median": round(statistics.median(r["sync"] for r in rows), 2),
            "group_median": round(statistics.median(r["group"] for r in rows), 3),
            "groups": rows[-1]["groups"],
        }
    on, off = summary["on"], summary["off"]
    summary["group_share_of_build"] = round(on["group_median"] / on["sync_median"], 4)
    summary["wall_ratio_on_off"] = round(on["wall_median"] / off["wall_median"], 3)
    return summary, homes


QUERY_CHILD = """
import json, sys, time
from pathlib import Path
from index.settings import Settings
from qa.evaluate import load_questions
from qa.service import Assistant
home, reps = Path(sys.argv[1]), int(sys.argv[2])
questions = [q["question"] for path in sys.argv[3:] for q in load_questions(Path(path)) if "question" in q]
assistant = Assistant(Settings(home=home))
retriever = assistant.generation().retriever
for q in questions[:3]:
    assistant.ask(q)
search, ask = [], []
for _ in range(reps):
    for q in questions:
        t = time.perf_counter(); retriever.search(q, k=5); search.append(time.perf_counter() - t)
        t = time.perf_counter(); assistant.ask(q); ask.append(time.perf_counter() - t)
print(json.dumps({"search": search, "ask": ask}))
"""


PAIRED_CHILD = 'import sys, time, statistics, json\nfrom pathlib import Path\nfrom index.settings import Settings\nfrom index.store.reader import Store\nfrom qa.evaluate import load_questions\nfrom qa.service import Assistant\nhome = Path(sys.argv[1])\nroot = Path(sys.argv[2])\nqs = [q["question"] for f in ("examples/questions.jsonl", "examples/archive/questions.jsonl") for q in load_questions(root / f)]\na = Assistant(Settings(home=home))\nstore = a.generation().store\nspent = {"t": 0.0}\norig = {name: getattr(Store, name) for name in ("group_ids", "group_members")}\ndef timed(name):\n    def f(self, *args, **kw):\n        t = time.perf_counter(); r = orig[name](self, *args, **kw); spent["t"] += time.perf_counter() - t; return r\n    return f\ndef off(name):\n    return lambda self, *a, **k: {}\nfor q in qs[:3]: a.ask(q)\nper_ask, on_t, off_t, per_search = [], [], [], []\nfor rep in range(3):\n    for q in qs:\n        for mode in (("on", "off") if rep % 2 == 0 else ("off", "on")):\n            for name in orig: setattr(Store, name, timed(name) if mode == "on" else off(name))\n            spent["t"] = 0.0\n            t = time.perf_counter(); a.ask(q); dt = time.perf_counter() - t\n            (on_t if mode == "on" else off_t).append(dt)\n            if mode == "on": per_ask.append(spent["t"])\n            spent["t"] = 0.0\n            if mode == "on":\n                t = time.perf_counter(); a.generation().retriever.search(q, k=5); per_search.append(spent["t"])\nms = lambda xs: round(1000 * statistics.median(xs), 2)\nprint(json.dumps({"questions": len(qs), "asks": len(on_t), "ask_p50_on_ms": ms(on_t), "ask_p50_off_ms": ms(off_t),\n  "paired_diff_p50_ms": ms([x - y for x, y in zip(on_t, off_t)]), "group_calls_per_ask_p50_ms": ms(per_ask),\n  "group_calls_per_ask_max_ms": round(1000 * max(per_ask), 2), "group_calls_per_search_p50_ms": ms(per_search)}))\n'


def paired(home: Path) -> dict:
    """One process, one index: each question asked with the story-group reads on and stubbed out, in
    alternating order, so load swings hit both; plus the time spent in those reads themselves."""
    proc = subprocess.run(
        [sys.executable, "-c", PAIRED_CHILD, str(home), str(ROOT)],
        check=True, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )  # fmt: skip
    return json.loads(proc.stdout.strip().splitlines()[-1])


def queries(homes: dict[str, Path], reps: int) -> dict:
    files = [
        str(ROOT / "examples" / "questions.jsonl"),
        str(ROOT / "examples" / "archive" / "questions.jsonl"),
    ]
    out = {}
    for setting, home in homes.items():
        proc = subprocess.run(
            [sys.executable, "-c", QUERY_CHILD, str(home), str(reps), *files],
            check=True, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )  # fmt: skip
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        out[setting] = {k: latency_summary(v) for k, v in data.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=3, help="Passes over the questions per setting.")
    parser.add_argument("--paired", type=Path, help="Only the paired query measurement on this index home.")
    args = parser.parse_args()
    if args.paired:
        print(json.dumps(paired(args.paired)))
        return
    result: dict = {"machine": machine(), "scale": scale(args.count)}
    print_table(["releases", "copies", "candidates", "predicted", "pair_p", "pair_r", "ms/release"],
                [[result["scale"][k] for k in ("releases", "copies", "candidates", "predicted_pairs", "pair_p",
                                                 "pair_r", "ms_per_release")]])  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        result["build"], homes = build(args.runs, Path(tmp))
        b = result["build"]
        print_table(["groups", "build s (on)", "build s (off)", "grouping s", "share", "wall on/off"],
                    [[b["on"]["groups"], b["on"]["sync_median"], b["off"]["sync_median"], b["on"]["group_median"],
                      b["group_share_of_build"], b["wall_ratio_on_off"]]])  # fmt: skip
        result["queries"] = queries(homes, args.queries)
        result["paired"] = paired(homes["on"])
        print(json.dumps(result["paired"]))
    q = result["queries"]
    print_table(["", "search p50 ms", "search p95 ms", "ask p50 ms", "ask p95 ms"],
                [[s, q[s]["search"]["p50_ms"], q[s]["search"]["p95_ms"], q[s]["ask"]["p50_ms"], q[s]["ask"]["p95_ms"]]
                 for s in ("on", "off")])  # fmt: skip
    print(f"wrote {write_json('groups', result)}")


if __name__ == "__main__":
    main()
