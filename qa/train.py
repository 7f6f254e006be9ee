"""Fitting the answer scorer on labelled questions, and measuring it honestly by grouped cross-validation.

One pass gathers every question's evidence bundle and candidate features from an index (the only
expensive step); fitting and cross-validation then work on those rows in memory:
- labels: a candidate is right when it comes from the gold release and the eval's answer rule
  accepts it (`qa.evaluate.answer_ok`), so the model learns exactly what is scored;
- folds are grouped by release, so no release's questions are on both sides of a fold;
- the confidence calibration and the abstain threshold are fitted on out-of-fold predictions only.
scikit-learn and LightGBM are needed here (the `train` extra), never on the answer path.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qa.answer import Scored, decide, eligible, featurize
from qa.bundle import EvidenceBundle
from qa.candidates import Candidate
from qa.evaluate import answer_ok, score, summarise
from qa.scorer import Scorer, Trees, _logit

TREE_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 8,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "num_threads": 2,
    "seed": 7,
}
TREE_ROUNDS = 300
MAX_FALSE_ABSTAIN = 0.10  # the threshold may decline at most this share of answerable questions


@dataclass
class Example:
    item: dict[str, Any]  # the labelled question
    group: str  # the release it is about (fold key)
    bundle: EvidenceBundle
    candidates: list[Candidate]
    rows: list[dict[str, float]]
    labels: list[int]
    matrix: np.ndarray | None = None  # rows as an array, in the order of the fitted feature list

    @property
    def answerable(self) -> bool:
        return self.item.get("type") != "unanswerable" and bool(self.item.get("gold_doc"))


def label(item: dict[str, Any], candidates: Sequence[Candidate]) -> list[int]:
    gold_doc, golds = item.get("gold_doc"), item.get("gold_answers") or []
    return [
        int(bool(gold_doc) and c.release.info.source == gold_doc and answer_ok(c.text, golds))
        for c in candidates
    ]


def collect(bundle_for: Callable[[str], EvidenceBundle], items: Iterable[dict[str, Any]]) -> list[Example]:
    """Bundle, candidates, features and labels of every single-turn question."""
    examples = []
    for item in items:
        if "question" not in item:
            continue  # two-turn items are evaluated as conversations, not fitted on
        bundle = bundle_for(item["question"])
        candidates, rows = featurize(bundle)
        top = bundle.hits[0].passage.source if bundle.hits else ""
        group = item.get("gold_doc") or top or str(item.get("id"))
        examples.append(Example(item, group, bundle, candidates, rows, label(item, candidates)))
    return examples


def data_hash(examples: Sequence[Example]) -> str:
    """Hash of the questions and of the release texts the candidates came from."""
    h = hashlib.sha256()
    for ex in sorted(examples, key=lambda e: str(e.item.get("id"))):
        h.update(json.dumps(ex.item, sort_keys=True, ensure_ascii=False).encode())
        for release in ex.bundle.releases:
            h.update(release.release_id.encode())
            h.update(hashlib.sha256(release.text.encode()).digest())
    return h.hexdigest()[:16]


# --- fitting -----------------------------------------------------------------------------------


def feature_list(examples: Sequence[Example]) -> list[str]:
    names: dict[str, None] = {}
    for ex in examples:
        for row in ex.rows[:1]:
            for key in row:
                names.setdefault(key, None)
    return list(names)


def _matrix(examples: Sequence[Example], features: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of all candidates; each example's matrix is built once and reused by
    every fold (turning dict rows into arrays costs more than a fit)."""
    probe = Scorer(features, "linear")
    blocks = []
    for ex in examples:
        if ex.matrix is None or ex.matrix.shape[1] != len(features):
            ex.matrix = probe.matrix(ex.rows) if ex.rows else np.zeros((0, len(features)))
        blocks.append(ex.matrix)
    labels = [y for ex in examples for y in ex.labels]
    x = np.concatenate(blocks) if blocks else np.zeros((0, len(features)))
    return x, np.asarray(labels, dtype=np.float64)


LISTWISE_L2 = 1.0  # ridge penalty on the standardised weights of the listwise model


def fit_listwise(examples: Sequence[Example], features: list[str], l2: float | None = None) -> Scorer:
    """A conditional logit: per question, softmax over its candidates plus a "none of these" option.

    The likelihood of a question is the probability mass on its right candidates (every variant the
    answer rule accepts), or on "none" when it has none, so only differences between candidates of
    the same question are learned, and unanswerable questions teach the "none" case directly.
    """
    from scipy import sparse
    from scipy.optimize import minimize

    l2 = LISTWISE_L2 if l2 is None else l2
    dense, _ = _matrix(examples, features)
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0)
    scale[scale == 0] = 1.0
    # Most features are 0 for most candidates: the standardised products are taken on the sparse
    # matrix, z @ w = x @ (w / scale) − mean · (w / scale), about ten times faster than dense.
    x = sparse.csr_matrix(dense)
    xt = x.T.tocsr()
    sizes = np.asarray([len(ex.rows) for ex in examples])
    keep = sizes > 0
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[keep]
    labels = np.asarray([y for ex in examples for y in ex.labels], dtype=np.float64)
    has_pos = np.add.reduceat(labels, starts) > 0
    answerable = np.asarray([ex.answerable for ex in examples])[keep]
    target_pos = has_pos & answerable
    log_n = np.log(sizes[keep])
    seg = np.repeat(np.arange(len(starts)), sizes[keep])
    d = x.shape[1]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b, c = theta[:d], theta[d], theta[d + 1]
        ws = w / scale
        scores = x @ ws - float(mean @ ws)
        null = b + c * log_n
        top = np.maximum(np.maximum.reduceat(scores, starts), null)
        e = np.exp(scores - top[seg])
        e_null = np.exp(null - top)
        total = np.add.reduceat(e, starts) + e_null
        log_z = np.log(total) + top
        e_pos = e * labels
        pos_total = np.add.reduceat(e_pos, starts)
        log_pos = np.where(target_pos, np.log(np.maximum(pos_total, 1e-300)) + top, null)
        nll = float(np.sum(log_z - log_pos)) / len(starts)
        p = e / total[seg]
        t = np.where(target_pos[seg], e_pos / np.maximum(pos_total[seg], 1e-300), 0.0)
        g_scores = (p - t) / len(starts)
        g_null = (e_null / total - (~target_pos)) / len(starts)
        grad = np.concatenate(
            [
                (xt @ g_scores - mean * g_scores.sum()) / scale + 2 * l2 * w / len(starts),
                [g_null.sum(), (g_null * log_n).sum()],
            ]
        )
        return nll + l2 * float(w @ w) / len(starts), grad

    theta0 = np.zeros(d + 2)
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 300, "ftol": 1e-7})
    w, b, c = result.x[:d], result.x[d], result.x[d + 1]
    linear = {
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": w.tolist(),
        "intercept": 0.0,
        "null": [float(b), float(c)],
    }
    return Scorer(features, "listwise", linear=linear)


def fit(examples: Sequence[Example], features: list[str], kind: str = "listwise") -> Scorer:
    """The candidate model alone (calibration and threshold are set by `calibrate`)."""
    if kind == "listwise":
        return fit_listwise(examples, features)
    x, y = _matrix(examples, features)
    if kind == "linear":
        from sklearn.linear_model import LogisticRegression

        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale == 0] = 1.0
        model = LogisticRegression(C=0.3, max_iter=2000, class_weight={0: 1.0, 1: 5.0})
        model.fit((x - mean) / scale, y)
        linear = {
            "mean": mean.tolist(),
            "scale": scale.tolist(),
            "coef": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0]),
        }
        return Scorer(features, "linear", linear=linear)
    import lightgbm as lgb

    booster = lgb.train(TREE_PARAMS, lgb.Dataset(x, y, feature_name=[f"f{i}" for i in range(len(features))]),
                        num_boost_round=TREE_ROUNDS)  # fmt: skip
    return Scorer(features, "trees", trees=trees_from_lightgbm(booster.dump_model()))


def trees_from_lightgbm(dump: dict[str, Any]) -> Trees:
    """LightGBM's JSON dump → flat arrays; leaves are stored as ~index in the child arrays."""
    feats, thrs, lefts, rights, leaves, dlefts = [], [], [], [], [], []
    for info in dump["tree_info"]:
        root = info["tree_structure"]
        if "leaf_value" in root:
            feats.append(np.zeros(0, dtype=np.int64))
            thrs.append(np.zeros(0))
            lefts.append(np.zeros(0, dtype=np.int64))
            rights.append(np.zeros(0, dtype=np.int64))
            leaves.append(np.asarray([root["leaf_value"]]))
            dlefts.append(np.zeros(0, dtype=bool))
            continue
        n_split = info["num_leaves"] - 1
        f = np.zeros(n_split, dtype=np.int64)
        t = np.zeros(n_split)
        left = np.zeros(n_split, dtype=np.int64)
        right = np.zeros(n_split, dtype=np.int64)
        dl = np.zeros(n_split, dtype=bool)
        leaf = np.zeros(info["num_leaves"])

        def child(node: dict[str, Any], leaf: np.ndarray = leaf) -> int:
            if "leaf_value" in node:
                leaf[node["leaf_index"]] = node["leaf_value"]
                return ~node["leaf_index"]
            return node["split_index"]

        stack = [root]
        while stack:
            node = stack.pop()
            i = node["split_index"]
            if node.get("decision_type", "<=") != "<=":
                raise ValueError("only numeric splits are supported")
            f[i] = node["split_feature"]
            t[i] = node["threshold"]
            dl[i] = bool(node.get("default_left", True))
            left[i] = child(node["left_child"])
            right[i] = child(node["right_child"])
            stack += [n for n in (node["left_child"], node["right_child"]) if "leaf_value" not in n]
        feats.append(f)
        thrs.append(t)
        lefts.append(left)
        rights.append(right)
        leaves.append(leaf)
        dlefts.append(dl)
    return Trees(feats, thrs, lefts, rights, leaves, dlefts)


# --- calibration and threshold --------------------------------------------------------------------


@dataclass
class OutOfFold:
    """One question's probabilities, for the candidates the decision's gates let through, from a
    model that never saw its release."""

    example: Example
    probabilities: list[float]  # of every candidate
    keep: list[int] = field(default_factory=list)  # indexes of the eligible candidates

    def __post_init__(self) -> None:
        if not self.keep:
            self.keep = [i for i, row in enumerate(self.example.rows) if eligible(row)]

    @property
    def kept(self) -> list[float]:
        return [self.probabilities[i] for i in self.keep]

    @property
    def top(self) -> tuple[float, float]:
        ranked = sorted(self.kept, reverse=True) or [0.0]
        top = _logit(ranked[0])
        margin = top - _logit(ranked[1]) if len(ranked) > 1 else 10.0
        return top, min(margin, 10.0)

    @property
    def right(self) -> bool:
        if not self.keep:
            return False
        best = max(self.keep, key=self.probabilities.__getitem__)
        return bool(self.example.labels[best])


def calibrate(scorer: Scorer, oof: Sequence[OutOfFold]) -> Scorer:
    """Fit confidence = P(top answer right) on out-of-fold tops; pick the abstain threshold."""
    from sklearn.linear_model import LogisticRegression

    x = np.asarray([o.top for o in oof])
    y = np.asarray([int(o.right) for o in oof])
    if len(set(y)) == 2:
        model = LogisticRegression(C=1.0).fit(x, y)
        scorer.calibration = (float(model.intercept_[0]), float(model.coef_[0][0]), float(model.coef_[0][1]))
    confidences = [scorer.confidence(o.kept) for o in oof]
    scorer.threshold = choose_threshold(oof, confidences)
    return scorer


def choose_threshold(oof: Sequence[OutOfFold], confidences: Sequence[float]) -> float:
    """The threshold that maximises answers right + unanswerable declined − wrong answers given,
    declining at most MAX_FALSE_ABSTAIN of the answerable questions."""
    answerable = [o.example.answerable for o in oof]
    n_ans = max(1, sum(answerable))
    n_un = max(1, len(oof) - sum(answerable))
    best = (-math.inf, 0.0)
    for threshold in sorted({0.0, *confidences}):
        right = declined_ok = false_abstain = wrong = 0
        for o, conf, ans in zip(oof, confidences, answerable, strict=True):
            answered = conf >= threshold
            if ans:
                right += answered and o.right
                wrong += answered and not o.right
                false_abstain += not answered
            else:
                declined_ok += not answered
                wrong += answered
        if false_abstain / n_ans > MAX_FALSE_ABSTAIN:
            continue
        utility = right / n_ans + declined_ok / n_un - 0.5 * wrong / len(oof)
        if utility > best[0]:
            best = (utility, threshold)
    return best[1]


# --- cross-validation -------------------------------------------------------------------------------


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


def train(examples: Sequence[Example], k: int = 5, seed: int = 0, kind: str = "listwise") -> Scorer:
    """The shipped model: fitted on everything, calibrated on k-fold out-of-fold predictions."""
    features = feature_list(examples)
    scorer = calibrate(fit(examples, features, kind), out_of_fold(examples, k, seed, kind, features))
    scorer.meta = {
        "data_hash": data_hash(examples),
        "questions": len(examples),
        "releases": len({ex.group for ex in examples}),
        "kind": kind,
        "folds": k,
        "seed": seed,
    }
    return scorer


def save_examples(examples: Sequence[Example], path: Path) -> None:  # pragma: no cover - dev aid
    import pickle

    path.write_bytes(pickle.dumps(list(examples)))
