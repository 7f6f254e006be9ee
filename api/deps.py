"""Shared state of one HTTP process (assistant, indexer, conversations, write lock) and auth checks."""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from fastapi import HTTPException, Request

from api.conversations import ConversationStore
from index.settings import Settings
from index.sync import Indexer, SyncReport
from qa.service import Assistant

T = TypeVar("T")

QUERY_SLICE = 8  # passages embedded per hold of the model lock during a sync, so questions interleave


class InterleavedEmbedder:
    """The assistant's embedder, seen by the indexer: passages are encoded a few at a time.

    `Embedder` serialises calls with a lock; encoding a sync's passages in one call would hold
    that lock for the whole batch and stall every question behind it. Encoding in small slices
    lets a question's single query encoding slip in between.
    """

    def __init__(self, embedder: Any, slice_size: int = QUERY_SLICE) -> None:
        self._embedder = embedder
        self.slice_size = slice_size
        self.model_id = embedder.model_id
        self.dim = embedder.dim

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embedder.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        step = max(1, min(batch_size, self.slice_size))
        parts = []
        for i in range(0, len(texts), step):
            parts.append(self._embedder.encode_passages(texts[i : i + step], batch_size=step))
            time.sleep(0)  # let a waiting question take the model lock
        return np.concatenate(parts, axis=0)


@dataclass
class AppState:
    """Everything a request needs; one per process, created by `create_app`."""

    settings: Settings
    assistant: Assistant
    conversations: ConversationStore
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    _indexer: Indexer | None = None
    _indexer_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def indexer(self) -> Indexer:
        """The one indexer, sharing the assistant's embedder (the model is loaded once)."""
        if self._indexer is None:
            with self._indexer_lock:
                if self._indexer is None:
                    self._indexer = Indexer(self.settings, InterleavedEmbedder(self.assistant.embedder))
        return self._indexer

    def write(self, action: Callable[[Indexer], T]) -> T:
        """Run one index write; writes in this process take turns, `WriterLock` guards other processes."""
        with self.write_lock:
            return action(self.indexer)

    def sync(self, roots: Sequence[Path], only: Sequence[Path] | None = None) -> SyncReport:
        return self.write(lambda indexer: indexer.sync(roots, only=only))


def get_state(request: Request) -> AppState:
    return request.app.state.pressqa


def _check_key(request: Request, settings: Settings) -> None:
    expected = settings.api_key
    if not expected:
        return
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise HTTPException(
            status_code=401,
            detail="an API key is required: send 'Authorization: Bearer <key>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_write(request: Request) -> None:
    """Writes need the key whenever one is configured."""
    _check_key(request, get_state(request).settings)


def require_read(request: Request) -> None:
    """Reads need the key only when `protect_reads` is on."""
    settings = get_state(request).settings
    if settings.protect_reads:
        _check_key(request, settings)
