"""Fitting the answer scorer on labelled questions, and measuring it honestly by grouped cross-validation.

One pass gathers every question's evidence bundle and candidate features from an index (the only
expensive step); fitting and cross-validation then work on those rows in memory:
- labels: a candidate is right when it comes from the gold release and the eval's answer rule
  accepts it (`qa.evaluate.answer_ok`), so the model learns exactly what is scored;
- folds are grouped by release, so no release's questions are on both sides of a fold;
- the confidence calibration and the abstain threshold are fitted on out-of-fold predictions only.
scikit-learn and LightGBM are needed here (the `train` extra), never on the answer path.

`examples` collects the labelled rows, `fitting` fits the candidate model, `calibration` sets the
confidence and the abstain threshold, `crossval` runs the grouped folds, and `shipped` fits the
model that `pressqa train` writes.
"""
