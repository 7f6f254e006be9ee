"""The training data: every labelled question's bundle, candidates, feature rows and labels."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qa.answer import featurize
from qa.bundle import EvidenceBundle
from qa.candidates import Candidate
from qa.evaluate import answer_ok


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


def save_examples(examples: Sequence[Example], path: Path) -> None:  # pragma: no cover - dev aid
    import pickle

    path.write_bytes(pickle.dumps(list(examples)))
