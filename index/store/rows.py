"""What reads of a generation return (rows joined for citations and story groups), and page bounds."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from index.errors import UserError
from index.models import Fact, Release

MAX_PAGE = 10_000  # rows one list query may return
MAX_OFFSET = 10_000_000  # beyond any real index; keeps offsets far inside SQLite's 64-bit integers


def check_page(limit: int | None, offset: int) -> None:
    """Bounds for list queries, so no caller can hand SQLite an out-of-range integer."""
    if limit is not None and not 0 <= limit <= MAX_PAGE:
        raise UserError(f"limit must be between 0 and {MAX_PAGE}")
    if not 0 <= offset <= MAX_OFFSET:
        raise UserError(f"offset must be between 0 and {MAX_OFFSET}")


@dataclass(frozen=True)
class GroupMember:
    """One release of a story group (the canonical one first when listed)."""

    release_id: str
    source: str
    title: str | None
    date: str | None
    publisher: str | None
    canonical: bool

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PassageRow:
    """A stored passage joined with what a citation needs from its release."""

    id: int
    release_id: str
    start: int
    end: int
    text: str
    source: str
    title: str | None
    date: str | None
    publisher: str | None
    lang: str


def row_to_release(row: sqlite3.Row, with_text: bool = True) -> Release:
    return Release(
        id=row["id"],
        root=row["root"],
        source=row["source"],
        content_hash=row["content_hash"],
        text=row["text"] if with_text else "",
        title=row["title"],
        subtitles=json.loads(row["subtitles"]),
        date=row["date"],
        dateline=row["dateline"],
        reporter=row["reporter"],
        publisher=row["publisher"],
        url=row["url"],
        lang=row["lang"],
    )


def row_to_fact(row: sqlite3.Row) -> Fact:
    return Fact(
        kind=row["kind"],
        fields=json.loads(row["fields"]),
        start=row["start"],
        end=row["end"],
        span_start=row["span_start"],
        span_end=row["span_end"],
        release_id=row["release_id"],
    )
