"""The model `pressqa train` writes: fitted on everything, calibrated on out-of-fold predictions."""

from __future__ import annotations

from collections.abc import Sequence

from qa.scorer import Scorer
from qa.training.calibration import calibrate
from qa.training.crossval import out_of_fold
from qa.training.examples import Example, data_hash
from qa.training.fitting import feature_list, fit


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
