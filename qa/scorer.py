"""The fitted answer scorer: candidate features → probability, plus calibrated confidence and threshold.

Weights live in `qa/answer_model.json`, written by `pressqa train` with the hash of the data they
were fitted on. Scoring needs only numpy: gradient-boosted trees are evaluated level by level over
all candidates at once, so neither LightGBM nor scikit-learn is imported on the answer path.

`confidence` is the probability that the chosen answer is right: the top candidate's score, its
margin over the runner-up and a few of its own features (`calibration_features`: is the question's
ask written near it, does its unit, role or kind conflict) pass through a logistic calibration
fitted on cross-validated predictions. The question is declined below `threshold`, chosen on the
same cross-validation.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).with_name("answer_model.json")
FORMAT_VERSION = 1


@dataclass
class Trees:
    """A boosted ensemble as flat arrays: node feature, threshold, children, leaf values."""

    feature: list[np.ndarray]
    threshold: list[np.ndarray]
    left: list[np.ndarray]  # child index; negative = leaf (~index)
    right: list[np.ndarray]
    leaf: list[np.ndarray]
    default_left: list[np.ndarray]
    init: float = 0.0

    def raw(self, x: np.ndarray) -> np.ndarray:
        out = np.full(x.shape[0], self.init, dtype=np.float64)
        rows = np.arange(x.shape[0])
        for feat, thr, left, right, leaf, dleft in zip(
            self.feature, self.threshold, self.left, self.right, self.leaf, self.default_left, strict=True
        ):
            if len(feat) == 0:  # a single-leaf tree
                out += leaf[0]
                continue
            node = np.zeros(x.shape[0], dtype=np.int64)
            active = np.ones(x.shape[0], dtype=bool)
            while active.any():
                idx = node[active]
                values = x[rows[active], feat[idx]]
                go_left = np.where(np.isnan(values), dleft[idx], values <= thr[idx])
                nxt = np.where(go_left, left[idx], right[idx])
                node[active] = nxt
                active[active] = nxt >= 0
            out += leaf[~node]
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "init": self.init,
            "trees": [
                {
                    "feature": f.tolist(),
                    "threshold": t.tolist(),
                    "left": lch.tolist(),
                    "right": r.tolist(),
                    "leaf": v.tolist(),
                    "default_left": d.astype(int).tolist(),
                }
                for f, t, lch, r, v, d in zip(
                    self.feature,
                    self.threshold,
                    self.left,
                    self.right,
                    self.leaf,
                    self.default_left,
                    strict=True,
                )
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Trees:
        trees = data["trees"]
        return cls(
            [np.asarray(t["feature"], dtype=np.int64) for t in trees],
            [np.asarray(t["threshold"], dtype=np.float64) for t in trees],
            [np.asarray(t["left"], dtype=np.int64) for t in trees],
            [np.asarray(t["right"], dtype=np.int64) for t in trees],
            [np.asarray(t["leaf"], dtype=np.float64) for t in trees],
            [np.asarray(t["default_left"], dtype=bool) for t in trees],
            float(data.get("init", 0.0)),
        )


@dataclass
class Scorer:
    features: list[str]
    kind: str  # "listwise" (conditional logit), "linear" (logistic regression) or "trees" (boosted)
    linear: dict[str, Any] | None = None  # mean, scale, coef, intercept
    trees: Trees | None = None
    # bias, weight of the top logit, of the margin, then of each of `calibration_features`
    calibration: tuple[float, ...] = (0.0, 1.0, 0.0)
    calibration_features: list[str] = field(default_factory=list)
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def matrix(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """Rows laid out in `self.features` order; unknown keys are dropped, missing ones are 0.
        A question's rows come in a few layouts (the key sequence depends on the candidate's label),
        so each layout's columns are looked up once and its rows copied in one block."""
        index = {name: i for i, name in enumerate(self.features)}
        x = np.zeros((len(rows), len(self.features)), dtype=np.float64)
        layouts: dict[tuple[str, ...], list[int]] = {}
        for r, row in enumerate(rows):
            layouts.setdefault(tuple(row), []).append(r)
        for keys, members in layouts.items():
            known = [(j, index[key]) for j, key in enumerate(keys) if key in index]
            values = np.fromiter(
                chain.from_iterable(rows[r].values() for r in members),
                dtype=np.float64,
                count=len(members) * len(keys),
            ).reshape(len(members), len(keys))
            x[np.ix_(members, [i for _, i in known])] = values[:, [j for j, _ in known]]
        return x

    def raw(self, x: np.ndarray) -> np.ndarray:
        if self.kind == "trees" and self.trees is not None:
            return self.trees.raw(x)
        assert self.linear is not None
        mean = np.asarray(self.linear["mean"])
        scale = np.asarray(self.linear["scale"])
        coef = np.asarray(self.linear["coef"])
        return ((x - mean) / scale) @ coef + float(self.linear["intercept"])

    def probabilities(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """Per candidate: the fitted probability that it is a right answer."""
        if not rows:
            return np.zeros(0)
        return self.probabilities_of(self.matrix(rows))

    def probabilities_of(self, x: np.ndarray) -> np.ndarray:
        """`probabilities` for rows already laid out in `self.features` order."""
        if x.shape[0] == 0:
            return np.zeros(0)
        raw = self.raw(x)
        if self.kind == "listwise":  # a softmax over the candidates and "none of these"
            assert self.linear is not None
            b, c = self.linear["null"]
            null = b + c * math.log(x.shape[0])
            top = max(float(raw.max()), null)
            e = np.exp(raw - top)
            return e / (e.sum() + math.exp(null - top))
        return 1.0 / (1.0 + np.exp(-raw))

    def confidence(self, probabilities: Sequence[float], best: Mapping[str, float] | None = None) -> float:
        """Probability that the best candidate is right, from its score, its lead and the
        `calibration_features` of its row (`best`)."""
        if len(probabilities) == 0:
            return 0.0
        z = float(np.dot(self.calibration[1:], self.calibration_inputs(probabilities, best)))
        return 1.0 / (1.0 + math.exp(-(self.calibration[0] + z)))

    def calibration_inputs(
        self, probabilities: Sequence[float], best: Mapping[str, float] | None
    ) -> list[float]:
        """What the calibration weighs: top logit, margin (capped), the best row's features."""
        ranked = sorted(probabilities, reverse=True)
        top = _logit(ranked[0])
        margin = top - _logit(ranked[1]) if len(ranked) > 1 else 10.0
        row = best or {}
        return [top, min(margin, 10.0), *(row.get(name, 0.0) for name in self.calibration_features)]

    # --- storage ------------------------------------------------------------------------------

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "kind": self.kind,
            "features": self.features,
            "linear": self.linear,
            "trees": self.trees.as_json() if self.trees else None,
            "calibration": list(self.calibration),
            "calibration_features": self.calibration_features,
            "threshold": self.threshold,
            "meta": self.meta,
        }

    def save(self, path: Path = MODEL_PATH) -> None:
        path.write_text(json.dumps(self.as_json(), ensure_ascii=False, separators=(",", ":")) + "\n")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorer:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"answer model format {data.get('format')} is not {FORMAT_VERSION}: retrain it")
        return cls(
            features=list(data["features"]),
            kind=data["kind"],
            linear=data.get("linear"),
            trees=Trees.from_json(data["trees"]) if data.get("trees") else None,
            calibration=tuple(data["calibration"]),
            calibration_features=list(data.get("calibration_features") or []),
            threshold=float(data["threshold"]),
            meta=dict(data.get("meta") or {}),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Scorer:
        return _load(str(path or MODEL_PATH))


@lru_cache(maxsize=4)
def _load(path: str) -> Scorer:
    file = Path(path)
    if not file.exists():
        raise FileNotFoundError(f"no answer model at {file}: run `pressqa train` to fit one")
    return Scorer.from_json(json.loads(file.read_text()))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
