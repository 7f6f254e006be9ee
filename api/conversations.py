"""In-memory chat conversations with a time-to-live, shared by the request threads of one process.

A conversation expires `ttl` seconds after its last use; expired ones are dropped lazily (on lookup)
and in bulk whenever a new one is created. Each entry carries its own lock so two requests on the
same conversation take turns instead of interleaving their follow-up state.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from qa.chat import Conversation

MAX_CONVERSATIONS = 10_000  # oldest are dropped beyond this, so memory stays bounded


@dataclass
class ConversationEntry:
    conversation: Conversation
    last_used: float
    lock: threading.Lock = field(default_factory=threading.Lock)


class ConversationStore:
    def __init__(
        self,
        ttl_seconds: float,
        clock: Callable[[], float] = time.monotonic,
        max_conversations: int = MAX_CONVERSATIONS,
    ) -> None:
        self.ttl = ttl_seconds
        self.clock = clock
        self.max_conversations = max_conversations
        self._entries: dict[str, ConversationEntry] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _expired(self, entry: ConversationEntry, now: float) -> bool:
        return now - entry.last_used > self.ttl

    def create(self) -> ConversationEntry:
        now = self.clock()
        entry = ConversationEntry(Conversation(), now)
        with self._lock:
            self._purge(now)
            while len(self._entries) >= self.max_conversations:
                oldest = min(self._entries, key=lambda k: self._entries[k].last_used)
                del self._entries[oldest]
            self._entries[entry.conversation.id] = entry
        return entry

    def get(self, conversation_id: str) -> ConversationEntry | None:
        """The live conversation with this id (its clock restarted), or None if unknown or expired."""
        now = self.clock()
        with self._lock:
            entry = self._entries.get(conversation_id)
            if entry is None:
                return None
            if self._expired(entry, now):
                del self._entries[conversation_id]
                return None
            entry.last_used = now
            return entry

    def touch(self, entry: ConversationEntry) -> None:
        with self._lock:
            entry.last_used = self.clock()

    def purge(self) -> int:
        with self._lock:
            return self._purge(self.clock())

    def _purge(self, now: float) -> int:
        stale = [k for k, e in self._entries.items() if self._expired(e, now)]
        for key in stale:
            del self._entries[key]
        return len(stale)
