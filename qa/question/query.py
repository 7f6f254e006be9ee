"""The result of question analysis: the question type and the analysed question."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QuestionType = Literal["who_spoke", "who_is", "where", "when", "which_firms", "how_many", "what"]
QUESTION_TYPES: tuple[QuestionType, ...] = (
    "who_spoke",
    "who_is",
    "where",
    "when",
    "which_firms",
    "how_many",
    "what",
)


@dataclass(frozen=True)
class Query:
    """An analysed question. Tuples keep it hashable, so answers can be cached by query."""

    text: str
    lang: Literal["ko", "en"]
    type: QuestionType
    terms: tuple[str, ...]
    entities: tuple[str, ...]
    focus: str | None = None
    unit_hint: str | None = None
    head: str | None = None  # the noun a wh-word stands for: `산업단지는 어디`, `which city`
