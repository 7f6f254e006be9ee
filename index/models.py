"""The records that flow one way through the pipeline: files → releases → sentences/passages → facts.

Every span (`start`, `end`) is a character offset into `Release.text`, the cleaned text, so that
`release.text[start:end]` is always the verbatim quote.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class RawDoc:
    """One release as read from disk, before cleaning.

    `text` is the decoded visible text (HTML stripped, JSON body with its title on top);
    `fields` holds structured metadata the format carried (title, date, publisher, url, subtitle).
    """

    root: Path
    source: str  # path relative to the synced folder, POSIX style; `file.jsonl#3` for JSONL lines
    text: str
    format: str  # txt | md | html | json
    encoding: str
    content_hash: str
    fields: dict[str, str] = field(default_factory=dict)
    warning: str | None = None  # indexed, but not exactly as on disk (e.g. invalid bytes replaced)


@dataclass(frozen=True)
class SkippedFile:
    """A file that could not be read; reported and left out, never fatal.

    A `source` ending in `/` is a folder that could not be listed: what the index holds from it is
    kept, like the last good version of a file that broke.
    """

    source: str
    reason: str

    @property
    def is_folder(self) -> bool:
        return self.source.endswith("/")


@dataclass
class Release:
    """A cleaned press release: article text plus the metadata found in or around it."""

    id: str
    root: str
    source: str
    content_hash: str
    text: str
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    date: str | None = None  # ISO yyyy-mm-dd when known
    dateline: str | None = None  # place in `[대구=…기자]` or `LARGO, Fla. —`
    reporter: str | None = None
    publisher: str | None = None
    url: str | None = None
    lang: str = "ko"


@dataclass(frozen=True)
class Sentence:
    idx: int
    start: int
    end: int


@dataclass
class Passage:
    """A window of consecutive sentences; `id` is the stable FAISS id once stored."""

    release_id: str
    first_sentence: int
    last_sentence: int
    start: int
    end: int
    text: str
    id: int | None = None

    @property
    def text_hash(self) -> str:
        return sha256_hex(self.text)


# The typed fact kinds the extractors write (mentions aside). Here rather than in `index.facts`, so
# that naming them does not import the extractors and their patterns (the CLI's cold start).
FACT_KINDS = ("speaker", "role", "venue", "time", "count", "firm")


@dataclass
class Fact:
    """A typed fact extracted at index time, pointing at the sentence that supports it.

    kind: speaker | venue | time | count | firm | role
    fields: kind-specific values, e.g. speaker {name, title, org, quote}, count {value, unit, text},
    firm {name, role, from, to}, time {text, iso}, venue {place}, role {name, role, org}.
    `span_start/span_end` locate the key answer span itself (e.g. the name) inside the release text.
    """

    kind: str
    fields: dict[str, Any]
    start: int
    end: int
    span_start: int
    span_end: int
    release_id: str = ""


def release_id(root: Path | str, source: str) -> str:
    """Stable id from the folder's name and the file's relative path, so it survives edits and clones."""
    return hashlib.sha1(f"{Path(root).name}/{source}".encode()).hexdigest()[:16]
