"""Build throughput: the raw embedder, the local build, and the Ray build on a local Ray instance.

    python benchmarks/bench_ray.py [--cpus 2] [--repeat 2] [--roots DIR …]

Each configuration runs in its own process, in a fresh temporary home (so the embedding cache
starts empty), one after another and in turn over `--repeat` rounds (the machine is shared: load
drifts, so compare medians and the rounds side by side):

- `local`: one process, the embedder with `--cpus` threads: a full build (`Indexer.sync(full=True)`),
  then the raw embedder alone on exactly the passage texts the build embedded.
- `ray`: `build_on_ray` on a local Ray instance with `--cpus` CPUs started beforehand (as a running
  cluster would be), `--cpus` actors of one thread each; its phases are reported.
- `ray-start`: the same with `--ray local`, i.e. Ray started and stopped inside the timed build.

Only counts and timings are written out (benchmarks/out/ray.json), never corpus text.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _common import OUT, ROOT, Clock, machine, print_table, run_child, write_json
from bench_index import default_roots, embed_inputs

from index.embed import load_embedder
from index.settings import Settings
from index.store.reader import Store
from index.sync import Indexer

CONFIGS = ("local", "ray", "ray-start")


def measure(config: str, roots: list[Path], cpus: int) -> dict:
    home = Path(tempfile.mkdtemp(prefix="pressqa-bench-ray-"))
    load = [round(os.getloadavg()[0], 2)]
    out: dict = {"config": config}
    try:
        if config == "local":
            settings = Settings(home=home, threads=cpus)
            embedder = load_embedder(settings.model, settings.threads)
            embedder.encode_passages(["warm-up passage"], settings.batch_size)  # page the weights in
            with Clock() as build:
                report = Indexer(settings, embedder).sync(roots, full=True)
            inputs = embed_inputs(roots, settings)
            with Clock() as raw:
                embedder.encode_passages(inputs, settings.batch_size)
            out["raw_s"] = round(raw.wall, 2)
        else:
            import ray

            from index.distributed import build_on_ray

            settings = Settings(home=home, ray_address="local", ray_cpus=cpus)
            if config == "ray":
                ray.init(address="local", num_cpus=cpus, include_dashboard=False, logging_level="WARNING")
            phases: dict[str, float] = {}
            with Clock() as build:
                report = build_on_ray(settings, roots, phases=phases)
            out["phases"] = phases
            if ray.is_initialized():
                ray.shutdown()
        store = Store.open(home)
        out["corpus"] = store.counts()
        store.close()
        out["passages_embedded"] = report.passages_embedded
        out["build_s"] = round(build.wall, 2)
        out["driver_cpu_s"] = round(build.cpu, 2)
        load.append(round(os.getloadavg()[0], 2))
        out["load_avg_1m"] = load
        return out
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--roots", nargs="+", type=Path, help="release folders (default: samples + shared eval)"
    )
    parser.add_argument("--cpus", type=int, default=2, help="embedder threads (local) = Ray CPUs and actors")
    parser.add_argument("--repeat", type=int, default=2, help="rounds over all configurations")
    parser.add_argument("--configs", nargs="+", choices=CONFIGS, default=list(CONFIGS))
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--child-result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    roots = [p.resolve() for p in (args.roots or default_roots())]

    if args.child_result:
        result = measure(args.config, roots, args.cpus)
        args.child_result.write_text(json.dumps(result), encoding="utf-8")
        return

    runs = []
    for round_ in range(args.repeat):
        for config in args.configs:
            print(f"bench_ray: round {round_ + 1}, {config} …", file=sys.stderr, flush=True)
            child = ["--roots", *map(str, roots), "--cpus", str(args.cpus), "--config", config]
            env = {"OMP_NUM_THREADS": str(args.cpus)} if config == "local" else {}
            runs.append(run_child(Path(__file__), child, env))

    passages = runs[0]["corpus"]["passages"]
    summary = {}
    for config in args.configs:
        mine = [r for r in runs if r["config"] == config]
        build = statistics.median(r["build_s"] for r in mine)
        summary[config] = {"build_s": build, "passages_per_s": round(passages / build, 2)}
        if config == "local":
            raw = statistics.median(r["raw_s"] for r in mine)
            summary["raw"] = {"build_s": raw, "passages_per_s": round(passages / raw, 2)}
    report = {
        "machine": machine(),
        "roots": [
            str(r.relative_to(ROOT.parent)) if r.is_relative_to(ROOT.parent) else r.name for r in roots
        ],
        "cpus": args.cpus,
        "note": "real releases and model; fresh home (empty embedding cache) per run; model load excluded "
        "from local, Ray start excluded from `ray` and included in `ray-start`",
        "runs": runs,
        "summary": summary,
    }
    path = write_json("ray.json", report)
    c = runs[0]["corpus"]
    print(f"\ncorpus: {c['releases']} releases, {passages} passages ({', '.join(report['roots'])})")
    print_table(
        ["round", "config", "build s", "passages/s", "raw embedder s", "phases s", "load 1m"],
        [[i // len(args.configs) + 1, r["config"], r["build_s"], round(passages / r["build_s"], 2),
          r.get("raw_s", ""), " ".join(f"{k} {v}" for k, v in r.get("phases", {}).items()),
          "→".join(map(str, r["load_avg_1m"]))] for i, r in enumerate(runs)],
    )  # fmt: skip
    print()
    print_table(
        ["config", "median s", "passages/s", "vs raw", "vs local"],
        [[k, v["build_s"], v["passages_per_s"],
          round(v["passages_per_s"] / summary["raw"]["passages_per_s"], 3) if "raw" in summary else "",
          round(v["passages_per_s"] / summary["local"]["passages_per_s"], 3) if "local" in summary else ""]
         for k, v in summary.items()],
    )  # fmt: skip
    print(f"\nwritten to {path.relative_to(ROOT)}; outputs in {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
