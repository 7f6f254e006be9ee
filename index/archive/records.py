"""What an archive query is and what it returns: the filters, one matching fact, one entry per thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from index.models import Fact, Release
from index.store.rows import GroupMember

ROLES = ("relocate", "mou", "invest", "mention")


@dataclass(frozen=True)
class FactQuery:
    """Filters of `pressqa facts` / `GET /facts` / an archive question; None means any."""

    kind: str = "firm"
    role: str | None = None
    to: str | None = None
    origin: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    org: str | None = None
    name: str | None = None
    release_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class FactHit:
    """One fact that passed the filters, with what a citation and the grouping need."""

    fact: Fact
    release: Release
    group: str  # story group id (the release's own id when it has no copies)
    roles: frozenset[str]
    to: str | None  # destination as the release writes it in full (`충북 다올시`)
    origin: str | None
    name: str  # the fact's name, less a particle the extractor left on (`해윰로보틱스다`)

    @property
    def quote(self) -> str:
        return self.release.text[self.fact.start : self.fact.end]

    @property
    def span(self) -> str:
        return self.release.text[self.fact.span_start : self.fact.span_end]

    def as_dict(self) -> dict[str, Any]:
        r, f = self.release, self.fact
        return {
            "kind": f.kind,
            "fields": f.fields,
            "roles": sorted(self.roles),
            "to": self.to,
            "from": self.origin,
            "release_id": r.id,
            "source": r.source,
            "title": r.title,
            "date": r.date,
            "publisher": r.publisher,
            "quote": self.quote,
            "start": f.start,
            "end": f.end,
            "span": self.span,
            "span_start": f.span_start,
            "span_end": f.span_end,
        }


@dataclass
class Entry:
    """One firm (person, place…) across the archive: its spellings and one citation per story."""

    key: str
    name: str
    variants: list[str]
    hits: list[FactHit]  # one per story, earliest first
    also: dict[str, list[GroupMember]] = field(default_factory=dict)  # group → its other releases

    @property
    def first(self) -> FactHit:
        return self.hits[0]

    def as_dict(self) -> dict[str, Any]:
        first = self.first
        roles = sorted({r for h in self.hits for r in h.roles})
        return {
            "name": self.name,
            "variants": self.variants,
            "kind": first.fact.kind,
            "roles": roles,
            "to": next((h.to for h in self.hits if h.to), None),
            "from": next((h.origin for h in self.hits if h.origin), None),
            "amount": next(
                (h.fact.fields.get("amount") for h in self.hits if h.fact.fields.get("amount")), None
            ),
            "date": first.release.date,
            "stories": len(self.hits),
            "citations": [
                {
                    **{
                        k: v
                        for k, v in h.as_dict().items()
                        if k not in ("kind", "fields", "roles", "to", "from")
                    },
                    "also_published_by": [
                        m.as_dict() for m in self.also.get(h.group, []) if m.release_id != h.release.id
                    ],
                }
                for h in self.hits
            ],
        }
