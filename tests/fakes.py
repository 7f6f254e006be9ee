"""Test doubles: an embedder that needs no model, for every test that checks plumbing, not quality.

Vectors are built from hashes of the text's words and character bigrams (blake2b, so they are the
same in every process and run), summed and L2-normalised: deterministic unit vectors where texts
sharing words are closer than unrelated ones, so lexical search assertions still mean something.
Tests of answer quality or of the model itself keep the real bundled model (`real_embedder`).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

from index.distributed import PassageEncoder
from index.embed import Embedder

FAKE_MODEL_ID = "fake/hash-embedder"
FAKE_DIM = 64
_FEATURES = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def _feature_vector(feature: str, dim: int) -> np.ndarray:
    seed = int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "little")
    return np.random.default_rng(seed).standard_normal(dim).astype(np.float32)


def fake_vector(text: str, dim: int = FAKE_DIM) -> np.ndarray:
    """A unit vector from the text's lower-cased words and their character bigrams."""
    words = _FEATURES.findall(text.lower())
    features = words + [w[i : i + 2] for w in words for i in range(len(w) - 1)]
    if not features:
        features = [text]
    vector = np.sum([_feature_vector(f, dim) for f in features], axis=0)
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).astype(np.float32)


class FakeEmbedder(Embedder):
    """Same interface as `index.embed.Embedder`; counts what it encodes so tests can check reuse."""

    def __init__(self, model_id: str = FAKE_MODEL_ID, dim: int = FAKE_DIM) -> None:
        super().__init__(model_id, dim)
        self.encoded = 0

    def _encode(self, texts: list[str], is_query: bool, batch_size: int) -> np.ndarray:
        self.encoded += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([fake_vector(t, self.dim) for t in texts])


class FakePassageEncoder(PassageEncoder):
    """A Ray build's actor model (`index.distributed.PassageEncoder`), fake. Ray's workers import it
    by name, so `tests/` must be on their PYTHONPATH."""

    def __init__(self, model: str, threads: int | None) -> None:
        self.embedder = FakeEmbedder(model)


def install(monkeypatch=None, only: set[str] | None = None) -> None:
    """Make `load_embedder` return the fake (for the models in `only`, or all): in a test (undone
    by `monkeypatch`) or for the rest of a process (a CLI run in a subprocess)."""
    import index.embed
    import index.sync
    import qa.service

    real = index.embed.load_embedder

    def load(model: str = FAKE_MODEL_ID, threads: int | None = None) -> Embedder:
        if only is not None and model not in only:
            return real(model, threads)
        return FakeEmbedder(model)  # under the configured id, so the index looks like a real one

    for module in (index.embed, index.sync, qa.service):
        if monkeypatch is None:
            module.load_embedder = load
        else:
            monkeypatch.setattr(module, "load_embedder", load)
