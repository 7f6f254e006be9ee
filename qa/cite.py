"""Citations: verbatim quotes of a release with character offsets and highlighted answer spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ReleaseInfo:
    """What a citation shows about its release."""

    release_id: str
    source: str
    title: str | None
    date: str | None
    text: str


@dataclass
class Citation:
    release_id: str
    source: str
    title: str | None
    date: str | None
    quote: str
    start: int
    end: int
    highlights: list[tuple[int, int]] = field(default_factory=list)  # absolute offsets inside the quote
    also_published_by: list[dict[str, Any]] = field(default_factory=list)  # copies of the story elsewhere

    def as_dict(self) -> dict[str, Any]:
        out = {
            "release_id": self.release_id,
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "highlights": [list(h) for h in self.highlights],
        }
        if self.also_published_by:
            out["also_published_by"] = self.also_published_by
        return out


def cite(
    release: ReleaseInfo, start: int, end: int, highlights: list[tuple[int, int]] | None = None
) -> Citation:
    """Quote `release.text[start:end]`; highlights outside the quote are dropped, not clipped."""
    kept = [(s, e) for s, e in (highlights or []) if start <= s < e <= end]
    return Citation(
        release.release_id,
        release.source,
        release.title,
        release.date,
        release.text[start:end],
        start,
        end,
        kept,
    )


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
