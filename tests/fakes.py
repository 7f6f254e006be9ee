"""Test doubles for plumbing tests: a deterministic embedder that needs no model.

`HashEmbedder` turns each word of a text into a bucket by a stable hash (blake2b), so the same
text always gets the same unit vector and texts sharing words are close: retrieval still behaves
like retrieval, in microseconds, with no model file, thread pool or warm-up. Use the real model
only where quality or the model itself is under test.
"""

from __future__ import annotations

import hashlib

import numpy as np

from index.embed import Embedder, _normalised


class HashEmbedder(Embedder):
    def __init__(self, dim: int = 64, model_id: str = "test/hash-embedder") -> None:
        super().__init__(model_id, dim)

    def _encode(self, texts: list[str], is_query: bool, batch_size: int) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, bucket % self.dim] += 1.0
        return _normalised(out)
