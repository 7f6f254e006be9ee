"""Grouped cross-validation: folds by release, out-of-fold predictions, and the report of what a
model scores on releases it never saw."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from qa.answer import Scored, decide
from qa.evaluate import score, summarise
from qa.scorer import Scorer
from qa.training.calibration import OutOfFold, calibrate
from qa.training.examples import Example
from qa.training.fitting import feature_list, fit


def folds(examples: Sequence[Example], k: int, seed: int) -> list[list[int]]:
    """k folds of example indexes, grouped by release, groups shuffled by `seed`."""
    groups = sorted({ex.group for ex in examples})
    random.Random(seed).shuffle(groups)
    fold_of = {g: i % k for i, g in enumerate(groups)}
    out: list[list[int]] = [[] for _ in range(k)]
    for i, ex in enumerate(examples):
        out[fold_of[ex.group]].append(i)
    return out


def out_of_fold(
    examples: Sequence[Example], k: int, seed: int, kind: str, features: list[str]
) -> list[OutOfFold]:
    result: list[OutOfFold | None] = [None] * len(examples)
    for held in folds(examples, k, seed):
        held_set = set(held)
        train = [ex for i, ex in enumerate(examples) if i not in held_set]
        scorer = fit(train, features, kind)
        for i in held:
            ex = examples[i]
            probs = _probabilities(scorer, ex)
            result[i] = OutOfFold(ex, probs)
    return [r for r in result if r is not None]


def cross_validate(
    examples: Sequence[Example], k: int = 5, seed: int = 0, kind: str = "listwise", inner_k: int = 3
) -> dict[str, Any]:
    """Grouped k-fold: each fold is answered by a model (with its own calibration and threshold,
    fitted by an inner grouped CV on the other folds) that never saw the fold's releases."""
    features = feature_list(examples)
    results: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for held in folds(examples, k, seed):
        held_set = set(held)
        train = [ex for i, ex in enumerate(examples) if i not in held_set]
        scorer = calibrate(fit(train, features, kind), out_of_fold(train, inner_k, seed, kind, features))
        for i in held:
            ex = examples[i]
            results.append((ex.item, judged(ex, scorer)))
    return report(results)


def _probabilities(scorer: Scorer, ex: Example) -> list[float]:
    if ex.matrix is not None and ex.matrix.shape[1] == len(scorer.features):
        return list(scorer.probabilities_of(ex.matrix))
    return list(scorer.probabilities(ex.rows)) if ex.rows else []


def judged(ex: Example, scorer: Scorer) -> dict[str, Any]:
    """The answer the scorer gives for one example, as `pressqa ask --json` would print it."""
    probs = _probabilities(scorer, ex)
    result = decide(ex.bundle, Scored(ex.candidates, ex.rows, probs), scorer).as_dict()
    result["search_top"] = ex.bundle.hits[0].passage.source if ex.bundle.hits else None
    result["cand_recall"] = int(any(ex.labels)) if ex.answerable else None
    return result


def report(results: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    rows = [(item, score(item, result)) for item, result in results]
    return {"summary": summarise(rows), "misses": _misses(results)}


def _misses(results: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for item, result in results:
        s = score(item, result)
        if s.get("answer") == 0 or s.get("abstain_ok") == 0:
            out.append({"id": item.get("id"), "question": item["question"], "answer": result.get("answer"),
                        "gold": (item.get("gold_answers") or [])[:2], "confidence": result.get("confidence")})  # fmt: skip
    return out
