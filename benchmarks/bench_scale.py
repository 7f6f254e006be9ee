"""The index at 100k and 1M passages: build, open, search latency, recall, memory, disk.

Synthetic data (embedding a million passages would take days here): vectors from
`benchmarks/synthetic.py` (e5-shaped, clustered), passage tokens drawn from a Zipf vocabulary at
the length the real tokenizer gives (~135 tokens a passage), nine passages a release. Everything
else is the real code: `GenerationWriter` writes a generation (SQLite, BM25, FAISS), and a fresh
process opens it with `Store.open` and runs `dense_search` (k = fetch_k = 50), `bm25_search` and
`passages` as a query does; the query embedding is not included (~10 ms, see bench_search.py).

    python benchmarks/bench_scale.py --passages 100000 1000000   # the generation, as configured
    python benchmarks/bench_scale.py --passages 100000 --compare flat ivfpq hnsw   # index kinds
    python benchmarks/bench_scale.py --passages 100000 --before-src DIR   # code at DIR (git archive)
    python benchmarks/bench_scale.py --passages 1000000 --keep   # keep the build, then:
    python benchmarks/bench_scale.py --serve benchmarks/out/scale/auto-1000000 [--before-src DIR]
    python benchmarks/bench_scale.py --resync benchmarks/out/scale/auto-1000000   # IVF-PQ carried over or not

Each build, each serving process and each compared kind runs in its own process, so open time,
RSS and peak RSS are its own. Files go to benchmarks/out/scale/ (removed after each size unless
--keep). The page cache is warm (the files were just written): open times are not cold-disk times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, machine, print_table, run_child, write_json  # noqa: E402
from synthetic import Mixture  # noqa: E402

DIM = 384  # multilingual-e5-small
PASSAGES_PER_RELEASE = 9
TOKENS_MEAN, TOKENS_SD = 135, 50  # measured on examples/releases with the "both" tokenisation
VOCAB = 2_000_000
ZIPF = 1.1
QUERIES = 300
QUERY_TOKENS = 25
K, FETCH_K = 10, 50
SCRIPT = Path(__file__).resolve()
WORK = OUT / "scale"
SYLLABLES = [chr(0xAC00 + i) for i in range(0, 11172, 7)]  # 1,596 Hangul syllables


def vocabulary() -> np.ndarray:
    """Token strings (Hangul, 1–4 syllables), seeded; frequent tokens are the short ones, as in Korean."""
    rng = np.random.default_rng(7)
    lengths = np.minimum(
        4, 1 + (np.arange(VOCAB) > 2000) + (np.arange(VOCAB) > 200_000) + (rng.random(VOCAB) > 0.7)
    )
    picks = rng.integers(0, len(SYLLABLES), (VOCAB, 4))
    syl = np.array(SYLLABLES)
    return np.array(["".join(syl[picks[i, : lengths[i]]]) for i in range(VOCAB)], dtype=object)


def token_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.minimum(rng.zipf(ZIPF, n), VOCAB) - 1


def rss_parts() -> dict[str, float]:
    """Resident memory now: anonymous (heap) and file-backed (mapped index pages), and the
    process's peak (VmHWM: ru_maxrss would carry the parent's peak across exec), MB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def mapped_mb(under: Path) -> dict[str, float]:
    """Resident pages of each file mapped from `under` (from /proc/self/smaps), MB: what RssFile is made of."""
    sizes: dict[str, float] = {}
    name = None
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if fields and ":" not in fields[0]:  # a mapping's header: address range, perms, ..., path
            name = fields[5] if len(fields) > 5 and fields[5].startswith(str(under)) else None
        elif name and fields[0] == "Rss:":
            key = str(Path(name).relative_to(under))
            sizes[key] = sizes.get(key, 0) + int(fields[1]) / 1024
    return {k: round(v, 1) for k, v in sorted(sizes.items(), key=lambda kv: -kv[1]) if v >= 0.1}


def disk_mb(path: Path) -> dict[str, float]:
    sizes: dict[str, float] = {}
    for f in path.rglob("*"):
        if f.is_file():
            part = f.relative_to(path).parts[0]
            sizes[part] = sizes.get(part, 0) + f.stat().st_size / 1e6
    sizes = {k: round(v, 1) for k, v in sizes.items()}
    sizes["total"] = round(sum(sizes.values()), 1)
    return sizes


# --- children ------------------------------------------------------------------------------


def child_build(n: int, home: Path, dense_index: str | None) -> dict:
    """Write one generation of `n` synthetic passages; save queries and exact ground truth."""
    import faiss

    from index.models import Passage, Release, Sentence
    from index.store.reader import Store
    from index.store.writer import GenerationWriter

    kwargs = {}
    if dense_index is not None:  # the code under test has index types (not the "before" code)
        from index.dense import DenseConfig

        kwargs["dense"] = DenseConfig(index=dense_index)
    mixture = Mixture(n, DIM)
    t0 = time.perf_counter()
    vectors = mixture.sample(n, seed=1)
    queries = mixture.sample(QUERIES, seed=2)
    words = vocabulary()
    t_data = time.perf_counter() - t0
    rng = np.random.default_rng(3)
    lengths = np.clip(rng.normal(TOKENS_MEAN, TOKENS_SD, n), 10, 300).astype(int)
    ids = token_ids(rng, int(lengths.sum()))
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    t0 = time.perf_counter()
    writer = GenerationWriter(home, "synthetic-e5", DIM, None, fresh=True, **kwargs)
    t_rows = 0.0
    for r, first in enumerate(range(0, n, PASSAGES_PER_RELEASE)):
        last = min(n, first + PASSAGES_PER_RELEASE)
        tokens = [list(words[ids[offsets[i] : offsets[i + 1]]]) for i in range(first, last)]
        texts = [" ".join(t) for t in tokens]
        text = "\n".join(texts)
        rid = f"r{r:07d}"
        release = Release(
            id=rid, root="/synthetic", source=f"{rid}.txt", content_hash=rid, text=text, lang="ko"
        )
        passages, sentences, start = [], [], 0
        for j, t in enumerate(texts):
            sentences.append(Sentence(j, start, start + len(t)))
            passages.append(Passage(rid, j, j, start, start + len(t), t))
            start += len(t) + 1
        writer.add_release(release, sentences, passages, tokens, vectors[first:last], [])
    t_rows = time.perf_counter() - t0
    t0 = time.perf_counter()
    writer.commit()
    t_commit = time.perf_counter() - t0
    store = Store.open(home)
    exact = faiss.IndexFlatIP(DIM)
    exact.add(vectors)
    _, truth = exact.search(queries, K)
    np.save(home / "queries.npy", queries)
    np.save(home / "truth.npy", truth + 1)  # passage ids are assigned from 1 in order
    qrng = np.random.default_rng(4)
    lexical_queries = [list(words[token_ids(qrng, QUERY_TOKENS)]) for _ in range(QUERIES)]
    (home / "lexical_queries.json").write_text(json.dumps(lexical_queries, ensure_ascii=False))
    return {
        "passages": n,
        "releases": store.counts()["releases"],
        "data_s": round(t_data, 1),
        "rows_s": round(t_rows, 1),
        "commit_s": round(t_commit, 1),
        "build_s": round(t_rows + t_commit, 1),
        "disk_mb": disk_mb(store.path),
        "build_peak_rss_mb": rss_parts()["VmHWM"],
    }


def percentiles(seconds: list[float]) -> dict[str, float]:
    ms = np.asarray(seconds) * 1000
    return {f"p{p}_ms": round(float(np.percentile(ms, p)), 2) for p in (50, 95, 99)}


def concurrent_search(store, queries, lexical_queries, clients: int) -> dict:
    """Every query once more, `clients` threads at a time (as a server's workers): latency of
    the whole search and queries per second."""
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> float:
        t = time.perf_counter()
        dense = store.dense_search(queries[i], FETCH_K)
        lexical = store.bm25_search(lexical_queries[i], FETCH_K)
        store.passages([p for p, _ in dense[:K]] + [p for p, _ in lexical[:K]])
        return time.perf_counter() - t

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = list(pool.map(one, range(len(queries))))
    wall = time.perf_counter() - t0
    return {"clients": clients, "per_s": round(len(times) / wall, 1), **percentiles(times)}


def child_serve(home: Path, clients: int = 0) -> dict:
    """A fresh process serving search: open, then every query once (dense, BM25, both + rows);
    with `clients`, once more from that many threads at a time."""
    import bm25s  # noqa: F401 - imports are not the generation's open time
    import faiss  # noqa: F401

    from index.store.reader import Store

    queries = np.load(home / "queries.npy")
    truth = np.load(home / "truth.npy")
    lexical_queries = json.loads((home / "lexical_queries.json").read_text())
    rss_before = rss_parts()
    t0 = time.perf_counter()
    store = Store.open(home)
    store.dense_search(queries[0], FETCH_K)
    store.bm25_search(lexical_queries[0], FETCH_K)
    t_open = time.perf_counter() - t0
    rss_open = rss_parts()
    dense_t, bm25_t, both_t, recall = [], [], [], []
    for q, tokens, gt in zip(queries, lexical_queries, truth, strict=True):
        t = time.perf_counter()
        dense = store.dense_search(q, FETCH_K)
        dense_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        lexical = store.bm25_search(tokens, FETCH_K)
        bm25_t.append(time.perf_counter() - t)
        recall.append(len({i for i, _ in dense[:K]} & set(gt.tolist())) / K)
        t = time.perf_counter()
        store.dense_search(q, FETCH_K)
        store.bm25_search(tokens, FETCH_K)
        store.passages([i for i, _ in dense[:K]] + [i for i, _ in lexical[:K]])
        both_t.append(time.perf_counter() - t)
    kind = getattr(getattr(store, "vectors", None), "kind", "flat (before)")
    return {
        "kind": kind,
        "open_s": round(t_open, 3),
        "recall@10": round(float(np.mean(recall)), 4),
        "dense": percentiles(dense_t),
        "bm25": percentiles(bm25_t),
        "search": percentiles(both_t),
        "rss_before_open_mb": rss_before,
        "rss_after_open_mb": rss_open,
        "rss_after_queries_mb": rss_parts(),
        "mapped_after_queries_mb": mapped_mb(store.path),
        "peak_rss_mb": rss_parts()["VmHWM"],
        "cpu_s": round(time.process_time(), 1),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS", "default"),
        "concurrent": concurrent_search(store, queries, lexical_queries, clients) if clients else None,
    }


def child_resync(home: Path, carry: bool) -> dict:
    """The vector part of a small re-sync of a kept build: one release (9 passages) out, one in,
    written with the base generation's IVF-PQ index carried over, or trained afresh; then the
    recall of the result against the build's exact ground truth."""
    import faiss

    from index import dense
    from index.dense import DenseConfig, DenseIndex
    from index.store.reader import Store

    store = Store.open(home)
    exact = dense.read_exact_copy(store.path)
    ids = faiss.vector_to_array(exact.id_map)
    exact.remove_ids(ids[:PASSAGES_PER_RELEASE])
    newcomers = Mixture(exact.ntotal, DIM).sample(PASSAGES_PER_RELEASE, seed=5)
    exact.add_with_ids(newcomers, np.arange(ids.max() + 1, ids.max() + 1 + PASSAGES_PER_RELEASE))
    out = home / f"resync-{'carry' if carry else 'train'}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    t0, c0 = time.perf_counter(), time.process_time()
    kind = dense.write(out, exact, DenseConfig(), store.path if carry else None)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    del exact
    index = DenseIndex.open(out)
    queries, truth = np.load(home / "queries.npy"), np.load(home / "truth.npy")
    recall = [len({i for i, _ in index.search(q, FETCH_K)[:K]} & set(gt.tolist())) / K
              for q, gt in zip(queries, truth, strict=True)]  # fmt: skip
    params = json.loads((out / dense.PARAMS_FILE).read_text())
    shutil.rmtree(out, ignore_errors=True)
    return {"carry": carry, "kind": kind, "params": params, "dense_write_s": round(wall, 1),
            "dense_write_cpu_s": round(cpu, 1), "recall@10": round(float(np.mean(recall)), 4),
            "load_avg_1m": round(os.getloadavg()[0], 2)}  # fmt: skip


def child_compare(n: int, kind: str, home: Path) -> dict:
    """Build one dense index kind over the synthetic vectors (no SQLite, no BM25)."""
    from index import dense
    from index.dense import DenseConfig

    vectors = Mixture(n, DIM).sample(n, seed=1)
    exact = dense.empty_exact(DIM)
    exact.add_with_ids(vectors, np.arange(1, n + 1, dtype=np.int64))
    del vectors
    home.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    dense.write(home, exact, DenseConfig(index=kind, flat_max=0))  # type: ignore[arg-type]
    t_build = time.perf_counter() - t0
    ann = home / dense.ANN_FILE
    return {
        "kind": kind,
        "build_s": round(t_build, 1),
        "ann_mb": round(ann.stat().st_size / 1e6, 1) if ann.exists() else 0.0,
        "exact_mb": round((home / dense.EXACT_FILE).stat().st_size / 1e6, 1),
    }


def child_compare_serve(home: Path, truth_home: Path, mmap: bool) -> dict:
    import faiss  # noqa: F401

    from index.dense import DenseIndex

    queries = np.load(truth_home / "queries.npy")
    truth = np.load(truth_home / "truth.npy")
    t0 = time.perf_counter()
    index = DenseIndex.open(home, mmap=mmap)
    index.search(queries[0], FETCH_K)
    t_open = time.perf_counter() - t0
    times, recall = [], []
    for q, gt in zip(queries, truth, strict=True):
        t = time.perf_counter()
        hits = index.search(q, FETCH_K)
        times.append(time.perf_counter() - t)
        recall.append(len({i for i, _ in hits[:K]} & set(gt.tolist())) / K)
    return {
        "open_s": round(t_open, 3),
        "recall@10": round(float(np.mean(recall)), 4),
        **percentiles(times),
        "rss_after_queries_mb": rss_parts(),
        "peak_rss_mb": rss_parts()["VmHWM"],
    }


# --- parent --------------------------------------------------------------------------------


def run(args: list[str], src: str | None = None) -> dict:
    env = {"PYTHONPATH": src} if src else {}
    return run_child(SCRIPT, args, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--passages", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dense-index", default="auto", choices=["auto", "flat", "hnsw", "ivfpq"])
    parser.add_argument("--compare", nargs="*", default=None, help="index kinds to compare instead")
    parser.add_argument("--before-src", help="run the build and serve children on the code in this folder")
    parser.add_argument("--keep", action="store_true", help="keep the generated indexes")
    parser.add_argument(
        "--serve", type=Path, help="only serve queries on a home built with --keep (repeat runs)"
    )
    parser.add_argument("--clients", type=int, default=0, help="with --serve: a concurrent pass too")
    parser.add_argument(
        "--faiss-threads", type=int, help="with --serve: OMP_NUM_THREADS of the serving process"
    )
    parser.add_argument(
        "--resync", type=Path, help="time the vector part of a small re-sync of a home built with --keep"
    )
    parser.add_argument("--child-result", help=argparse.SUPPRESS)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, *rest = args.child
        if what == "build":
            result = child_build(int(rest[0]), Path(rest[1]), None if rest[2] == "-" else rest[2])
        elif what == "serve":
            result = child_serve(Path(rest[0]), int(rest[1]) if len(rest) > 1 else 0)
        elif what == "resync":
            result = child_resync(Path(rest[0]), rest[1] == "carry")
        elif what == "compare":
            result = child_compare(int(rest[0]), rest[1], Path(rest[2]))
        else:
            result = child_compare_serve(Path(rest[0]), Path(rest[1]), rest[2] == "mmap")
        Path(args.child_result).write_text(json.dumps(result))
        return

    results = {"machine": machine(), "runs": []}
    label = "before" if args.before_src else ("compare" if args.compare is not None else args.dense_index)
    if args.resync:
        runs = [run(["--child", "resync", str(args.resync.resolve()), mode]) for mode in ("carry", "train")]
        print("\n".join(json.dumps(r) for r in runs), flush=True)
        write_json("scale-resync.json", {**results, "runs": runs})
        return
    if args.serve:
        env = {"PYTHONPATH": args.before_src} if args.before_src else {}
        if args.faiss_threads:
            env["OMP_NUM_THREADS"] = str(args.faiss_threads)
        served = run_child(
            SCRIPT, ["--child", "serve", str(args.serve.resolve()), str(args.clients)], env=env
        )
        print(json.dumps(served), flush=True)
        write_json(f"scale-serve-{label}.json", {**results, "runs": [served]})
        return
    for n in args.passages:
        home = WORK / f"{label}-{n}"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        if args.compare is not None:
            truth = WORK / f"truth-{n}"
            if not (truth / "truth.npy").exists():
                import faiss

                truth.mkdir(parents=True, exist_ok=True)
                mixture = Mixture(n, DIM)
                queries = mixture.sample(QUERIES, seed=2)
                exact = faiss.IndexFlatIP(DIM)
                exact.add(mixture.sample(n, seed=1))
                np.save(truth / "queries.npy", queries)
                np.save(truth / "truth.npy", exact.search(queries, K)[1] + 1)
                del exact
            for kind in args.compare or ["flat", "ivfpq", "hnsw"]:
                built = run(["--child", "compare", str(n), kind, str(home / kind)])
                for mode in ("mmap", "memory") if kind == "flat" else ("mmap",):
                    served = run(["--child", "compare-serve", str(home / kind), str(truth), mode])
                    row = {"passages": n, **built, "mmap": mode == "mmap", **served}
                    results["runs"].append(row)
                    print(json.dumps(row), flush=True)
        else:
            index_arg = "-" if args.before_src else args.dense_index
            built = run(["--child", "build", str(n), str(home), index_arg], args.before_src)
            print(json.dumps(built), flush=True)
            served = run(["--child", "serve", str(home)], args.before_src)
            print(json.dumps(served), flush=True)
            results["runs"].append({**built, **served})
        if not args.keep:
            shutil.rmtree(home, ignore_errors=True)
    path = write_json(f"scale-{label}.json", results)
    if args.compare is None:
        rows = [
            [r["passages"], r["kind"], r["build_s"], r["open_s"], r["search"]["p50_ms"], r["search"]["p95_ms"],
             r["search"]["p99_ms"], r["dense"]["p50_ms"], r["bm25"]["p50_ms"], r["recall@10"],
             r["rss_after_queries_mb"]["VmRSS"], r["peak_rss_mb"], r["disk_mb"]["total"]]
            for r in results["runs"]
        ]  # fmt: skip
        print_table(["passages", "dense", "build s", "open s", "search p50", "p95", "p99", "dense p50",
                     "bm25 p50", "recall@10", "RSS MB", "peak RSS MB", "disk MB"], rows)  # fmt: skip
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    main()
