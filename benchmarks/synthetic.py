"""Seeded synthetic passage and query vectors shaped like e5-small's, for the scale benchmark.

Uniform random unit vectors are the worst case for any approximate index (no neighbourhoods, every
point nearly orthogonal to every other) and nothing like real embeddings. e5 vectors are strongly
anisotropic and clustered: on the sample releases (`examples/`, bundled model) passage-passage
cosine averages 0.81 and question-passage cosine 0.79 with sd 0.05. These vectors mimic that: a
shared direction, then topics, subtopics and per-passage noise drawn in a 128-d subspace (which
gives the spread), normalised. Queries are fresh points from the same mixture, not passages.
Measured on 100k of them: passage-passage cosine 0.78, query-passage 0.78 (sd 0.03).
"""

from __future__ import annotations

import numpy as np

# squared weights of the components (they sum to 1 before normalising)
COMMON, TOPIC, SUBTOPIC, NOISE = 0.78, 0.08, 0.06, 0.08
EFFECTIVE_DIM = 128
PASSAGES_PER_TOPIC = 2000
SUBTOPICS_PER_TOPIC = 40


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.standard_normal((n, dim), dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x


class Mixture:
    """The topic structure for a corpus of `n` passages; draw passages and queries from it."""

    def __init__(self, n: int, dim: int, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.dim = dim
        topics = max(8, n // PASSAGES_PER_TOPIC)
        self.basis = np.linalg.qr(rng.standard_normal((dim, EFFECTIVE_DIM)))[0].T.astype(np.float32)
        self.common = _unit(rng, 1, dim)[0]
        self.topic_dirs = _unit(rng, topics, EFFECTIVE_DIM) @ self.basis
        self.sub_dirs = _unit(rng, topics * SUBTOPICS_PER_TOPIC, EFFECTIVE_DIM) @ self.basis

    def sample(self, n: int, seed: int, chunk: int = 100_000) -> np.ndarray:
        """`n` unit vectors (float32), generated in chunks to bound temporary memory."""
        rng = np.random.default_rng(seed)
        out = np.empty((n, self.dim), dtype=np.float32)
        for start in range(0, n, chunk):
            m = min(chunk, n - start)
            sub = rng.integers(0, len(self.sub_dirs), m)
            x = np.sqrt(COMMON) * self.common + np.sqrt(TOPIC) * self.topic_dirs[sub // SUBTOPICS_PER_TOPIC]
            x += np.sqrt(SUBTOPIC) * self.sub_dirs[sub]
            x += np.sqrt(NOISE) * (_unit(rng, m, EFFECTIVE_DIM) @ self.basis)
            x /= np.linalg.norm(x, axis=1, keepdims=True)
            out[start : start + m] = x
        return out
