"""Shared state of one HTTP process (assistant, indexer, conversations, write lock) and auth checks."""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from fastapi import HTTPException, Request

from api.conversations import ConversationStore
from index.settings import Settings
from index.sync import Indexer, SyncReport
from qa.service import Assistant

T = TypeVar("T")


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
                    self._indexer = Indexer(self.settings, self.assistant.embedder)
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
