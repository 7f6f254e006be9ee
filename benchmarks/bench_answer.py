"""The question's own work after retrieval: CPU of `qa.answer.answer(bundle)`, as in a cold process.

    python benchmarks/bench_answer.py --home HOME [--questions FILE …] [--runs 3] [--against DIR]

What a cold `pressqa ask` spends once Kiwi is ready and the evidence is gathered: candidates, their
feature rows, the fitted scorer, the decision. Each question's bundle is gathered once; then, `--runs`
times, every cache the answer layer fills (the lru caches of `qa` and `index`, the `re` module's) is
emptied, as in a fresh process, and the CPU time of `answer(bundle)` is read. The minimum is kept:
other jobs on the machine only ever add to it.

Questions: the two of bench_cold.py and those of `--questions` (default: the shared evaluation
questions when this checkout has `../shared/eval` beside it). `--against DIR` measures another
checkout too, in child processes that import its `qa` and `index` (`PYTHONPATH=DIR`), this one and
that one in turn (this, that, that, this, …); each question keeps its minimum over the rounds.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, SHARED_EVAL, machine, print_table, write_json
from bench_cold import QUESTION_EN, QUESTION_KO

KO, EN = "bench_cold-ko", "bench_cold-en"  # the ids of bench_cold.py's two questions


def clear_caches() -> None:
    """Empty what a fresh process starts without: the answer layer's lru caches and re's patterns."""
    re.purge()
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper) and (obj.__module__ or "").startswith(
            ("qa.", "index.")
        ):
            obj.cache_clear()


def measure(home: Path, questions: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """Per question id: candidates and the least CPU seconds of `answer(bundle)` over `runs`."""
    from qa.answer import answer, featurize
    from qa.commands.common import make_assistant

    assistant = make_assistant(home, None)
    assistant.generation()
    bundles = {q: assistant.bundle(text) for q, text in questions.items()}
    out = {q: {"candidates": len(featurize(b)[0]), "cpu": float("inf")} for q, b in bundles.items()}
    for _ in range(runs):
        for q, bundle in bundles.items():
            clear_caches()
            started = time.process_time()
            answer(bundle, assistant.scorer)
            out[q]["cpu"] = min(out[q]["cpu"], time.process_time() - started)
    return out


def in_child(checkout: Path, home: Path, questions: dict[str, str], runs: int) -> dict[str, dict[str, float]]:
    """`measure` in a fresh interpreter importing `checkout`'s code."""
    with tempfile.TemporaryDirectory(prefix="pressqa-answer-") as tmp:
        spec, result = Path(tmp) / "spec.json", Path(tmp) / "result.json"
        spec.write_text(json.dumps({"home": str(home), "questions": questions, "runs": runs}))
        env = {**os.environ, "PYTHONPATH": str(checkout), "HF_HUB_OFFLINE": "1"}
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(spec), str(result)]
        subprocess.run(cmd, check=True, env=env, cwd=Path(__file__).parent)
        return json.loads(result.read_text())


def load_questions(paths: list[Path]) -> dict[str, str]:
    """Id → question (results are kept by id: the figures carry no text of the questions)."""
    out = {KO: QUESTION_KO, EN: QUESTION_EN}
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                item = json.loads(line)
                out[str(item.get("id") or f"{path.stem}-{n}")] = item["question"]
    return out


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        spec = json.loads(Path(sys.argv[2]).read_text())
        result = measure(Path(spec["home"]), spec["questions"], spec["runs"])
        Path(sys.argv[3]).write_text(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="An index home (bench_cold.py --home).")
    parser.add_argument("--questions", type=Path, nargs="*", default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2, help="With --against: rounds of both sides.")
    parser.add_argument("--against", type=Path, default=None, help="Another checkout to compare.")
    parser.add_argument("--out", default="answer.json", help="File name under benchmarks/out/.")
    args = parser.parse_args()

    default = [SHARED_EVAL / "questions.jsonl"] if (SHARED_EVAL / "questions.jsonl").exists() else []
    questions = load_questions(args.questions if args.questions is not None else default)
    sides = {"this": ROOT, **({"that": args.against.resolve()} if args.against else {})}
    best: dict[str, dict[str, dict[str, float]]] = {}
    load = [round(os.getloadavg()[0], 2)]
    for i in range(args.rounds if args.against else 1):
        for side in sides if i % 2 == 0 else reversed(list(sides)):
            got = in_child(sides[side], args.home.resolve(), questions, args.runs)
            mine = best.setdefault(side, got)
            for q, fig in got.items():
                mine[q]["cpu"] = min(mine[q]["cpu"], fig["cpu"])
    load.append(round(os.getloadavg()[0], 2))
    results = {"machine": machine(), "runs": args.runs, "load": load, "figures": best}
    write_json(args.out, results)

    korean = [q for q, text in questions.items() if re.search(r"[가-힣]", text)]
    heaviest = sorted(questions, key=lambda q: -best["this"][q]["candidates"])[:5]
    rows = []
    for side, figs in best.items():
        total = lambda qs: sum(figs[q]["cpu"] for q in qs) * 1000  # noqa: B023, E731
        rows.append([side, f"{figs[KO]['cpu'] * 1000:.0f}", f"{figs[EN]['cpu'] * 1000:.0f}",
                     f"{total(heaviest):.0f}", f"{total(korean):.0f}", f"{total(questions):.0f}"])  # fmt: skip
    if "that" in best:
        ratio = lambda qs: sum(best["this"][q]["cpu"] for q in qs) / sum(best["that"][q]["cpu"] for q in qs)  # noqa: E731
        rows.append(["this/that", f"{ratio([KO]):.3f}", f"{ratio([EN]):.3f}",
                     f"{ratio(heaviest):.3f}", f"{ratio(korean):.3f}", f"{ratio(questions):.3f}"])  # fmt: skip
    print_table(
        [
            "checkout",
            f"Korean question ms ({best['this'][KO]['candidates']:.0f} candidates)",
            "English question ms",
            "5 with most candidates, ms",
            f"{len(korean)} Korean questions, ms",
            f"all {len(questions)}, ms",
        ],
        rows,
    )
    print(f"load {load[0]} → {load[1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
