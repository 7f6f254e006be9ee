"""The fitted answer scorer (`qa.scorer`) and its fitting (`qa.training`), on hand-made numbers.

No index and no release: scoring is arithmetic over feature rows, so these tests build the rows,
the trees and the weights themselves and check the arithmetic, the storage and the fitting.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from qa.scorer import Scorer, Trees
from qa.training.calibration import MAX_FALSE_ABSTAIN, OutOfFold, calibrate, choose_threshold
from qa.training.crossval import folds
from qa.training.examples import Example
from qa.training.fitting import fit_listwise, trees_from_lightgbm

FEATURES = ["a", "b"]


def listwise(null: tuple[float, float] = (0.5, 0.2)) -> Scorer:
    """A conditional logit with raw score a − 0.5·b and a "none of these" score b0 + b1·log(n)."""
    linear = {"mean": [0.0, 0.0], "scale": [1.0, 1.0], "coef": [1.0, -0.5], "intercept": 0.0,
              "null": list(null)}  # fmt: skip
    return Scorer(FEATURES, "listwise", linear=linear, calibration=(0.0, 1.0, 1.0), threshold=0.3)


def two_split_tree(init: float = 0.5) -> Trees:
    """x0 ≤ 0.5 → leaf 0 (1.0); else x1 ≤ 2 → leaf 1 (2.0), else leaf 2 (3.0); NaN goes left at the
    root and right below it. A second, single-leaf tree adds 0.25 to every row."""
    return Trees(
        feature=[np.array([0, 1]), np.zeros(0, dtype=np.int64)],
        threshold=[np.array([0.5, 2.0]), np.zeros(0)],
        left=[np.array([~0, ~1]), np.zeros(0, dtype=np.int64)],
        right=[np.array([1, ~2]), np.zeros(0, dtype=np.int64)],
        leaf=[np.array([1.0, 2.0, 3.0]), np.array([0.25])],
        default_left=[np.array([True, False]), np.zeros(0, dtype=bool)],
        init=init,
    )


def example(rows: list[dict[str, float]], labels: list[int], group: str, answerable: bool = True) -> Example:
    """A training example without a bundle: fitting and thresholds read only rows, labels and item."""
    item = {"id": f"{group}-{len(rows)}", "type": "what" if answerable else "unanswerable",
            "gold_doc": f"{group}.txt" if answerable else None}  # fmt: skip
    return Example(item, group, None, [], rows, labels)  # type: ignore[arg-type]


# -- the listwise model --------------------------------------------------------------------------


def test_listwise_probabilities_keep_mass_for_none_and_rank_by_score() -> None:
    scorer = listwise()
    rows = [{"a": 2.0, "b": 0.0}, {"a": 1.0, "b": 1.0}, {"a": -1.0}]
    p = scorer.probabilities(rows)
    raw = np.array([2.0, 0.5, -1.0])
    null = 0.5 + 0.2 * math.log(3)
    assert p.sum() < 1.0
    assert 1.0 - p.sum() == pytest.approx(math.exp(null) / (np.exp(raw).sum() + math.exp(null)))
    assert list(np.argsort(-p)) == [0, 1, 2]
    assert p == pytest.approx(np.exp(raw) / (np.exp(raw).sum() + math.exp(null)))


def test_unknown_features_are_ignored_and_missing_ones_are_zero() -> None:
    scorer = listwise()
    x = scorer.matrix([{"a": 1.0, "zzz": 5.0}, {"b": 2.0}])
    assert x.tolist() == [[1.0, 0.0], [0.0, 2.0]]


def test_rows_of_several_layouts_keep_their_own_values_and_places() -> None:
    """Rows are copied layout by layout (the same keys in the same order): rows of different
    layouts interleaved, keys in another order, an empty row and an unknown key all land right."""
    scorer = Scorer(["a", "b", "c"], "linear")
    rows = [
        {"a": 1.0, "b": 2.0},
        {"c": 3.0},
        {"b": 4.0, "a": 5.0},
        {"a": 6.0, "b": 7.0},
        {},
        {"z": 8.0, "c": 9.0},
    ]
    expected = [
        [1.0, 2.0, 0.0],
        [0.0, 0.0, 3.0],
        [5.0, 4.0, 0.0],
        [6.0, 7.0, 0.0],
        [0.0, 0.0, 0.0],
        [0.0, 0.0, 9.0],
    ]
    assert scorer.matrix(rows).tolist() == expected


def test_no_rows_give_no_probabilities_and_no_confidence() -> None:
    scorer = listwise()
    assert len(scorer.probabilities([])) == 0
    assert scorer.confidence([]) == 0.0


def test_confidence_grows_with_the_lead_of_the_top_candidate() -> None:
    scorer = listwise()
    close = scorer.confidence([0.45, 0.40, 0.05])
    clear = scorer.confidence([0.45, 0.10, 0.05])
    assert 0.0 < close < clear < 1.0
    assert scorer.confidence([0.8, 0.1]) > scorer.confidence([0.5, 0.1])  # and with the top itself


def test_confidence_weighs_the_chosen_answers_own_features() -> None:
    """A best candidate whose sentence lacks the question's ask is less likely right, at the same
    score and lead, and the weights survive storage."""
    scorer = listwise()
    scorer.calibration, scorer.calibration_features = (0.0, 1.0, 1.0, -2.0), ["a_ask_none"]
    probabilities = [0.6, 0.2]
    asked = scorer.confidence(probabilities, {"a_ask_none": 0.0})
    missing = scorer.confidence(probabilities, {"a_ask_none": 1.0})
    assert missing < asked
    assert asked == pytest.approx(listwise().confidence(probabilities))
    loaded = Scorer.from_json(scorer.as_json())
    assert loaded.confidence(probabilities, {"a_ask_none": 1.0}) == pytest.approx(missing)


def test_json_round_trip_keeps_every_score(tmp_path: Path) -> None:
    scorer = listwise()
    scorer.meta = {"data_hash": "abc", "questions": 3}
    path = tmp_path / "model.json"
    scorer.save(path)
    loaded = Scorer.load(path)
    rows = [{"a": 0.3, "b": 1.0}, {"a": 1.5, "b": -2.0}]
    assert loaded.probabilities(rows) == pytest.approx(scorer.probabilities(rows))
    assert (loaded.kind, loaded.features, loaded.threshold) == ("listwise", FEATURES, 0.3)
    assert loaded.calibration == (0.0, 1.0, 1.0) and loaded.meta == scorer.meta


def test_loading_a_missing_model_tells_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="pressqa train"):
        Scorer.load(tmp_path / "absent.json")


def test_a_model_of_another_format_is_refused() -> None:
    data = listwise().as_json() | {"format": 0}
    with pytest.raises(ValueError, match="retrain"):
        Scorer.from_json(data)


# -- trees ---------------------------------------------------------------------------------------


def test_hand_made_tree_is_evaluated_leaf_by_leaf() -> None:
    x = np.array(
        [
            [0.0, 9.0],  # root left → leaf 0
            [1.0, 2.0],  # root right, then ≤ 2 → leaf 1
            [1.0, 3.0],  # root right, then > 2 → leaf 2
            [np.nan, 3.0],  # missing at the root: default left → leaf 0
            [1.0, np.nan],  # missing below: default right → leaf 2
        ]
    )
    assert two_split_tree().raw(x).tolist() == [1.75, 2.75, 3.75, 1.75, 3.75]


def test_tree_scorer_round_trip_and_sigmoid() -> None:
    scorer = Scorer(["x0", "x1"], "trees", trees=two_split_tree(init=0.0))
    loaded = Scorer.from_json(scorer.as_json())
    p = loaded.probabilities([{"x0": 1.0, "x1": 3.0}])
    assert p[0] == pytest.approx(1 / (1 + math.exp(-3.25)))


def test_lightgbm_trees_give_lightgbm_raw_scores() -> None:
    lgb = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 4))
    y = (x[:, 0] + 0.5 * x[:, 1] - 0.3 * x[:, 2] + rng.normal(scale=0.3, size=200) > 0).astype(float)
    x[rng.random(200) < 0.1, 3] = np.nan  # missing values take each split's default direction
    params = {"objective": "binary", "num_leaves": 6, "min_data_in_leaf": 5, "learning_rate": 0.2,
              "verbose": -1, "num_threads": 1, "seed": 7}  # fmt: skip
    booster = lgb.train(params, lgb.Dataset(x, y), num_boost_round=15)
    trees = trees_from_lightgbm(booster.dump_model())
    test = rng.normal(size=(50, 4))
    test[::7, 3] = np.nan
    assert trees.raw(test) == pytest.approx(booster.predict(test, raw_score=True), abs=1e-9)
    assert trees.raw(x) == pytest.approx(booster.predict(x, raw_score=True), abs=1e-9)


# -- folds and threshold -------------------------------------------------------------------------


def test_folds_never_split_a_release_and_cover_every_example() -> None:
    examples = [example([{"a": 1.0}], [1], f"release-{i % 11}") for i in range(40)]
    for seed in (0, 1, 2):
        parts = folds(examples, k=5, seed=seed)
        assert len(parts) == 5 and all(parts)
        assert sorted(i for part in parts for i in part) == list(range(40))
        fold_of_group: dict[str, int] = {}
        for f, part in enumerate(parts):
            for i in part:
                assert fold_of_group.setdefault(examples[i].group, f) == f
    assert folds(examples, 5, 3) == folds(examples, 5, 3)  # a seed gives the same folds


def _oof(right: bool, answerable: bool = True) -> OutOfFold:
    """One question whose top candidate is right or wrong."""
    labels = [1, 0] if right else [0, 1]
    return OutOfFold(example([{"a": 1.0}, {"a": 0.0}], labels, "g", answerable), [0.7, 0.2])


def test_threshold_declines_at_most_the_allowed_share_of_answerable_questions() -> None:
    """Every answerable question is answered wrongly, so declining all would score best; the
    threshold may still decline only MAX_FALSE_ABSTAIN of them, the least confident first."""
    oof = [_oof(right=False) for _ in range(10)] + [_oof(right=False, answerable=False) for _ in range(3)]
    confidences = [0.1 * (i + 1) for i in range(10)] + [0.95, 0.97, 0.99]
    threshold = choose_threshold(oof, confidences)
    declined = sum(c < threshold for c, o in zip(confidences, oof, strict=True) if o.example.answerable)
    assert declined / 10 <= MAX_FALSE_ABSTAIN
    assert declined == int(MAX_FALSE_ABSTAIN * 10)  # and uses the whole allowance


def test_threshold_declines_unanswerable_questions_it_can_tell_apart() -> None:
    oof = [_oof(right=True) for _ in range(8)] + [_oof(right=False, answerable=False) for _ in range(4)]
    confidences = [0.6, 0.7, 0.8, 0.9, 0.65, 0.75, 0.85, 0.95] + [0.1, 0.2, 0.3, 0.4]
    threshold = choose_threshold(oof, confidences)
    assert 0.4 < threshold <= 0.6


# -- fitting the listwise model ------------------------------------------------------------------


def test_fit_listwise_learns_the_marking_feature_and_the_none_option() -> None:
    """One feature marks the right candidate; unanswerable questions have no marked candidate and
    must end with most of their mass on "none of these"."""
    rng = np.random.default_rng(0)
    examples = []
    for q in range(40):
        n = int(rng.integers(3, 7))
        right = int(rng.integers(n))
        rows = [{"marked": float(i == right), "noise": float(rng.normal())} for i in range(n)]
        examples.append(example(rows, [int(i == right) for i in range(n)], f"r{q}"))
    for q in range(15):
        n = int(rng.integers(3, 7))
        rows = [{"marked": 0.0, "noise": float(rng.normal())} for _ in range(n)]
        examples.append(example(rows, [0] * n, f"u{q}", answerable=False))
    scorer = fit_listwise(examples, ["marked", "noise"])
    assert scorer.kind == "listwise"
    for ex in examples[:40]:
        p = scorer.probabilities(ex.rows)
        assert ex.labels[int(np.argmax(p))] == 1
        assert p.max() > 0.5
    for ex in examples[40:]:
        assert 1.0 - scorer.probabilities(ex.rows).sum() > 0.5
    coef = dict(zip(scorer.features, scorer.linear["coef"], strict=True))  # type: ignore[index]
    assert coef["marked"] > abs(coef["noise"])


def test_the_shipped_calibration_pools_every_repeat_of_the_folds(monkeypatch: pytest.MonkeyPatch) -> None:
    """`pressqa train` calibrates on the out-of-fold predictions of several fold assignments, each
    question once per assignment, so the threshold does not hang on one draw of the folds."""
    import qa.training.shipped as shipped

    rng = np.random.default_rng(1)
    examples = []
    for q in range(18):
        right = int(rng.integers(4))
        rows = [{"marked": float(i == right and q % 3 > 0), "noise": float(rng.normal())} for i in range(4)]
        ex = example(rows, [int(i == right) for i in range(4)], f"r{q}", answerable=q % 6 > 0)
        ex.bundle = SimpleNamespace(releases=[])  # type: ignore[assignment]  # data_hash reads it
        examples.append(ex)
    pooled: list[OutOfFold] = []
    real = shipped.calibrate
    monkeypatch.setattr(
        shipped, "calibrate", lambda scorer, oof, n: real(scorer, pooled.extend(oof) or oof, n)
    )
    scorer = shipped.train(examples, k=3, seed=4, repeats=3)
    assert Counter(id(o.example) for o in pooled) == {id(ex): 3 for ex in examples}
    assert len({tuple(map(tuple, folds(examples, 3, s))) for s in (4, 5, 6)}) > 1  # three different splits
    assert scorer.meta is not None and scorer.meta["repeats"] == 3
    assert 0.0 <= scorer.threshold <= 1.0


def test_a_question_pooled_from_several_fold_assignments_counts_once_in_the_calibration() -> None:
    oof = [
        OutOfFold(
            example([{"a": 1.0}, {"a": 0.0}], [1, 0] if i % 3 else [0, 1], f"g{i}"), [0.3 + 0.05 * i, 0.2]
        )
        for i in range(12)
    ]
    once = calibrate(listwise(), oof).calibration
    pooled = calibrate(listwise(), oof * 3, repeats=3).calibration
    np.testing.assert_allclose(pooled, once, atol=1e-3)
    # unweighted, three copies would read as three times the evidence: a sharper calibration
    sharper = calibrate(listwise(), oof * 3).calibration
    assert abs(sharper[1]) > 1.1 * abs(once[1])


def test_the_assistant_loads_the_answer_model_the_settings_name(tmp_path: Path) -> None:
    """`PRESSQA_ANSWER_MODEL` (or the settings field) swaps the packaged weights for one's own."""
    from index.settings import Settings
    from qa.service import Assistant

    own = Scorer(
        ["only_feature"], "linear", linear={"mean": [0.0], "scale": [1.0], "coef": [2.0], "intercept": 0.0}
    )
    own.threshold = 0.42
    path = tmp_path / "own.json"
    own.save(path)
    scorer = Assistant(Settings(home=tmp_path / "home", answer_model=path)).scorer
    assert scorer.features == ["only_feature"] and scorer.threshold == 0.42
    assert Assistant(Settings(home=tmp_path / "home")).scorer.features != ["only_feature"]
