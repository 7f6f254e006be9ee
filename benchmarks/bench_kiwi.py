"""What Kiwi costs a fresh process under each start-up option: to the first analysis, and peak RSS.

    python benchmarks/bench_kiwi.py [--runs 5]

Each option set runs `--runs` times, each in a fresh interpreter: `Kiwi(**options)`, then the first
`tokenize` (where Kiwi builds its analyser). The medians are printed and written to
`benchmarks/out/kiwi.json`. What each option does to answer quality is measured separately: set
`index.tokens.KIWI_OPTIONS`, rebuild the index (`pressqa index build`) and run `make eval-shared`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

from _common import machine, print_table, write_json

OPTIONS = [
    {},
    {"model_type": "cong-global"},
    {"model_type": "cong", "load_multi_dict": False},
    {"model_type": "cong", "load_multi_dict": False, "load_typo_dict": False},
    {"model_type": "cong", "load_multi_dict": False, "load_default_dict": False},
]

CHILD = """
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
started = time.perf_counter()
from kiwipiepy import Kiwi
kiwi = Kiwi(**json.loads(sys.argv[1]))
created = time.perf_counter()
kiwi.tokenize("한빛경제자유구역청은 서울 누리엑스포에서 투자유치 설명회를 열었다.")
done = time.perf_counter()
print(json.dumps({"create": created - started, "first": done - created, "total": done - started,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(options: dict, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, json.dumps(options)], capture_output=True, text=True, check=True
        )
        samples.append(json.loads(out.stdout))
    return {key: round(statistics.median(s[key] for s in samples), 2) for key in samples[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = [(options, measure(options, args.runs)) for options in OPTIONS]
    write_json("kiwi.json", {"machine": machine(), "runs": args.runs,
                             "results": [{"options": o, **m} for o, m in rows]})  # fmt: skip
    print_table(
        ["options", "create s", "first analysis s", "total s", "peak RSS MiB"],
        [[json.dumps(o) or "{}", m["create"], m["first"], m["total"], round(m["rss_mb"])] for o, m in rows],
    )


if __name__ == "__main__":
    main()
