"""Conversation state for follow-up questions ("그 행사는 어디서 열렸어?", "Who else spoke there?").

A follow-up borrows the previous turn's names and key terms for retrieval and prefers the releases
the previous answer came from; a question that names its own subject starts afresh.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa.question.followup import is_followup
from qa.question.query import Query

if TYPE_CHECKING:
    from qa.answer import Answer


@dataclass
class Conversation:
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    turns: list[tuple[str, str | None]] = field(default_factory=list)  # (question, answer)
    release_ids: list[str] = field(default_factory=list)
    context_terms: list[str] = field(default_factory=list)
    updated_at: float = field(default_factory=time.time)

    def is_followup(self, query: Query) -> bool:
        return bool(self.turns) and (is_followup(query.text) or not query.entities)

    def contextualise(self, query: Query) -> tuple[str, list[str]]:
        """The text to search with and the releases to prefer for this turn."""
        if not self.is_followup(query):
            return query.text, []
        extra = [t for t in self.context_terms if t not in query.text]
        return f"{query.text} {' '.join(extra)}".strip(), list(self.release_ids)

    def record(self, query: Query, answer: Answer) -> None:
        """Remember what this turn was about; an answered turn also pins its releases."""
        followup = self.is_followup(query)
        self.turns.append((query.text, answer.answer))
        names = list(query.entities) or list(query.terms[:4])
        if followup and self.context_terms:
            self.context_terms = list(dict.fromkeys([*self.context_terms, *names]))[:8]
        else:
            self.context_terms = names[:6]
        if answer.answerable and answer.release_ids:
            self.release_ids = answer.release_ids
        elif answer.citations:
            self.release_ids = [answer.citations[0].release_id]
        self.updated_at = time.time()
