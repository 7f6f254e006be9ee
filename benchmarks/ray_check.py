"""Does the Ray build answer the shared evaluation set as the local build does? (`make ray-check`)

    python benchmarks/ray_check.py [--cpus 2] [--releases DIR …] [--questions FILE …]

Builds the releases twice, each by a fresh `pressqa index build` process into a fresh temporary
home: locally, and with `--ray local --ray-cpus N`. (Fresh processes matter: Kiwi keeps the names
it was taught for the life of a process, so a second build in the same process tokenises, and finds
mentions, differently.) Then compares release ids, passage ids, facts and vectors, and answers
every question and follow-up conversation on both indexes. Exit status 1 on any difference.
Prints counts, timings and the ids of questions whose answers differ; never corpus text.
Too slow for the test suite (two builds of the shared set); tests/test_ray_build.py checks the
same on fictional releases.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from _common import SHARED_EVAL, Clock, write_json

from index.embed import load_embedder
from index.settings import Settings
from index.store.reader import Store
from qa.evaluate import run_eval
from qa.service import Assistant

ATOL = 1e-5


def compare_indexes(local: Store, distributed: Store) -> dict:
    """Differences between two generations' releases, passages and vectors (empty lists: none)."""
    ids = {rid: local.release_passage_ids(rid) for rid in local.release_ids()}
    other = {rid: distributed.release_passage_ids(rid) for rid in distributed.release_ids()}
    flat = [pid for pids in ids.values() for pid in pids]
    same_passages = ids == other
    diff = 0.0
    if same_passages and flat:
        a = np.stack([local.dense.reconstruct(pid) for pid in flat])
        b = np.stack([distributed.dense.reconstruct(pid) for pid in flat])
        diff = float(np.abs(a - b).max())
    return {
        "counts": [local.counts(), distributed.counts()],
        "facts_passages_tokens_equal": tables(local) == tables(distributed),
        "release_ids_equal": local.release_ids() == distributed.release_ids(),
        "passage_ids_equal": same_passages,
        "max_abs_vector_diff": diff,
    }


def tables(store: Store) -> list[list[tuple]]:
    """Facts, passages with their BM25 tokens, and the names taught to Kiwi, as stored."""
    conn = sqlite3.connect(f"file:{store.path / 'meta.sqlite'}?mode=ro", uri=True)
    try:
        return [
            conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("facts", "passages", "user_words")
        ]
    finally:
        conn.close()


def build(home: Path, releases: list[Path], *extra: str) -> float:
    """Seconds a whole `pressqa index build` process took."""
    cmd = [str(Path(sys.executable).parent / "pressqa"), "index", "build", *map(str, releases)]
    with Clock() as clock:
        subprocess.run([*cmd, "--home", str(home), "--quiet", *extra], check=True, stdout=subprocess.DEVNULL)
    return clock.wall


def compare_answers(local: dict, distributed: dict) -> dict:
    """Question ids whose answer or scores differ, and the two summaries."""
    rows = {r["id"]: r for r in distributed["rows"]}
    differ = [
        r["id"]
        for r in local["rows"]
        if r["id"] not in rows
        or (r["answer"], r["scores"]) != (rows[r["id"]]["answer"], rows[r["id"]]["scores"])
    ]
    return {
        "questions": len(local["rows"]),
        "answers_differ": differ,
        "summary_equal": (local["summary"], local["followups"])
        == (distributed["summary"], distributed["followups"]),
        "overall": local["summary"]["overall"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray instance")
    parser.add_argument(
        "--releases",
        nargs="+",
        type=Path,
        default=[SHARED_EVAL / "releases", SHARED_EVAL / "distractors"],
    )
    parser.add_argument(
        "--questions",
        nargs="+",
        type=Path,
        default=[SHARED_EVAL / "questions.jsonl", SHARED_EVAL / "followups.jsonl"],
    )
    args = parser.parse_args()
    for path in [*args.releases, *args.questions]:
        if not path.exists():
            sys.exit(f"ray_check: {path} not found (the shared evaluation set lives in ../shared/eval)")
    tmp = Path(tempfile.mkdtemp(prefix="pressqa-ray-check-"))
    try:
        local, distributed = Settings(home=tmp / "local"), Settings(home=tmp / "ray")
        seconds = {
            "local_build": round(build(local.home, args.releases), 1),
            "ray_build": round(
                build(distributed.home, args.releases, "--ray", "local", "--ray-cpus", str(args.cpus)), 1
            ),
        }
        embedder = load_embedder()

        stores = Store.open(local.home), Store.open(distributed.home)
        result = {"index": compare_indexes(*stores), "answers": {}}
        for store in stores:
            store.close()
        assistants = Assistant(local, embedder), Assistant(distributed, embedder)
        for path in args.questions:
            evals = [run_eval(a, path) for a in assistants]
            result["answers"][path.name] = compare_answers(*evals)
        result["seconds"] = seconds
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    write_json("ray_check.json", result)
    index = result["index"]
    print(f"index: {index['counts'][0]} (local) vs {index['counts'][1]} (ray)")
    print(
        f"release ids equal: {index['release_ids_equal']}, passage ids equal: {index['passage_ids_equal']}, "
        f"max |vector difference|: {index['max_abs_vector_diff']:.2e}"
    )
    print(f"facts, passage rows with BM25 tokens, Kiwi names equal: {index['facts_passages_tokens_equal']}")
    ok = index["release_ids_equal"] and index["passage_ids_equal"] and index["facts_passages_tokens_equal"]
    ok = ok and index["counts"][0] == index["counts"][1] and index["max_abs_vector_diff"] <= ATOL
    for name, answers in result["answers"].items():
        print(
            f"{name}: {answers['questions']} questions, {len(answers['answers_differ'])} answers differ "
            f"{answers['answers_differ']}, same summary: {answers['summary_equal']}"
        )
        ok = ok and not answers["answers_differ"] and answers["summary_equal"]
    print(f"builds: local {result['seconds']['local_build']} s, ray {result['seconds']['ray_build']} s")
    print("ray-check:", "same" if ok else "DIFFERENT")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
