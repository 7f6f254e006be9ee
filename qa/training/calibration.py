"""The confidence calibration and the abstain threshold, fitted on out-of-fold predictions only."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from qa.answer import eligible
from qa.scorer import Scorer, _logit
from qa.training.examples import Example

MAX_FALSE_ABSTAIN = 0.10  # the threshold may decline at most this share of answerable questions


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
