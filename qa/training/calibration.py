"""The confidence calibration and the abstain threshold, fitted on out-of-fold predictions only."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from qa.answer import eligible
from qa.scorer import Scorer
from qa.training.examples import Example

MAX_FALSE_ABSTAIN = 0.10  # the threshold may decline at most this share of answerable questions
# Features of the chosen answer that the confidence weighs besides its score and lead: whether the
# question's own ask (its words other than names) is written near it, whether a title the question
# names is (`X사 대표이사는 누구` answered with a county head), whether its unit, role, kind or list
# size conflicts with the one asked, and how directly its release answers the question. An
# unanswerable question still has a best candidate, often of the right type near the right names;
# what gives it away is the ask missing or a slot that does not fit. Hand-picked (eleven of the
# scorer's features): 17 unanswerable questions are too few to choose among all of them.
CALIBRATION_FEATURES = (
    "a_ask_share", "a_ask_none", "p_asked_title_miss", "n_unit_conflict", "pl_conflict",
    "h_kind_conflict", "l_count_miss", "q_cross", "r_rank", "r_entities", "s_overlap",
)  # fmt: skip


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

    @cached_property
    def best(self) -> int | None:
        """The eligible candidate the decision would answer with."""
        return max(self.keep, key=self.probabilities.__getitem__) if self.keep else None

    @property
    def best_row(self) -> dict[str, float] | None:
        return None if self.best is None else self.example.rows[self.best]

    @property
    def right(self) -> bool:
        return self.best is not None and bool(self.example.labels[self.best])


def calibrate(scorer: Scorer, oof: Sequence[OutOfFold], repeats: int = 1) -> Scorer:
    """Fit confidence = P(top answer right) on out-of-fold tops; pick the abstain threshold.

    `oof` may hold each question `repeats` times (several fold assignments pooled): each then
    weighs 1/repeats, so the calibration is as sure as one pass over the questions makes it, not
    `repeats` times surer."""
    from sklearn.linear_model import LogisticRegression

    scorer.calibration_features = list(CALIBRATION_FEATURES)
    x = np.asarray([scorer.calibration_inputs(o.kept or [0.0], o.best_row) for o in oof])
    y = np.asarray([int(o.right) for o in oof])
    if len(set(y)) == 2:
        weight = np.full(len(y), 1.0 / repeats)
        model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y, sample_weight=weight)
        scorer.calibration = (float(model.intercept_[0]), *map(float, model.coef_[0]))
    confidences = [scorer.confidence(o.kept, o.best_row) for o in oof]
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
