"""Fitting the candidate model on the collected rows: a listwise conditional logit (the default),
a per-candidate logistic regression, or LightGBM trees turned into the scorer's flat arrays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from qa.scorer import Scorer, Trees
from qa.training.examples import Example

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
