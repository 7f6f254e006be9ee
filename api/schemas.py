"""Request and response models of the HTTP API (they drive validation and the OpenAPI docs at /docs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from index.models import Fact, Release
from qa.retrieve import Filters

DATE = r"^\d{4}-\d{2}-\d{2}$"
ID = r"^[0-9A-Za-z_-]+$"  # release ids are hex digests, conversation ids uuid hex
FactType = Literal["relocation", "speaker", "venue", "time", "count", "firm", "role"]


# --- requests ---------------------------------------------------------------------------------


class FiltersIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    date_from: str | None = Field(
        default=None, pattern=DATE, description="Earliest release date, YYYY-MM-DD."
    )
    date_to: str | None = Field(default=None, pattern=DATE, description="Latest release date, YYYY-MM-DD.")
    publisher: str | None = Field(default=None, max_length=200, description="Exact publisher name.")

    def to_filters(self) -> Filters:
        return Filters(self.date_from, self.date_to, self.publisher)


class AskIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,  # a JSON true is not the integer 1, "5" is not 5
        json_schema_extra={"examples": [{"question": "남해안경자청 네트워킹데이는 어디서 열렸어?"}]},
    )

    question: str = Field(max_length=100_000, description="The question, in Korean or English.")
    k: int | None = Field(default=None, ge=1, le=100, description="Passages to retrieve.")
    filters: FiltersIn | None = None


class ChatIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,  # a JSON true is not the integer 1, "5" is not 5
        json_schema_extra={"examples": [{"message": "별무리소프트는 본사를 어디로 옮겨?"}]},
    )

    conversation_id: str | None = Field(
        default=None,
        max_length=64,
        pattern=ID,
        description="Omit to start a conversation; send it back for follow-ups.",
    )
    message: str = Field(max_length=100_000, description="The next question.")
    k: int | None = Field(default=None, ge=1, le=100)
    filters: FiltersIn | None = None


class ReleaseIn(BaseModel):
    """A release posted as JSON; saved as a .json file in the uploads folder and indexed."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,  # a JSON true is not the integer 1, "5" is not 5
        json_schema_extra={
            "examples": [
                {
                    "title": "Harbor Robotics opens service center",
                    "body": "Harbor Robotics opened a service center in Mokpo on March 4, 2025...",
                    "date": "2025-03-04",
                    "source": "Harbor Robotics",
                }
            ]
        },
    )

    title: str = Field(min_length=1, max_length=1000)
    body: str = Field(min_length=1, max_length=2_000_000)
    date: str | None = Field(default=None, max_length=40)
    source: str | None = Field(default=None, max_length=200, description="Publisher.")
    url: str | None = Field(default=None, max_length=2000)
    subtitle: str | None = Field(default=None, max_length=1000)


# --- responses --------------------------------------------------------------------------------


class CitationOut(BaseModel):
    release_id: str
    source: str
    title: str | None
    date: str | None
    quote: str = Field(description="Verbatim: the release's cleaned text[start:end].")
    start: int
    end: int
    highlights: list[list[int]] = Field(description="Answer spans inside the quote, as absolute offsets.")


class AnswerOut(BaseModel):
    question: str
    type: str
    answerable: bool
    answer: str | None
    confidence: float
    citations: list[CitationOut]
    message: str | None = None


class ChatOut(AnswerOut):
    conversation_id: str


class ReleaseMeta(BaseModel):
    id: str
    source: str
    folder: str
    uploaded: bool
    title: str | None
    subtitles: list[str]
    date: str | None
    dateline: str | None
    reporter: str | None
    publisher: str | None
    url: str | None
    lang: str


class ReleaseList(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[ReleaseMeta]


class GroupMemberOut(BaseModel):
    """A release telling the same story (a near-duplicate copy from another outlet)."""

    release_id: str
    source: str
    title: str | None
    date: str | None
    publisher: str | None
    canonical: bool = Field(description="The group's canonical release: earliest date, then longest text.")


class FactOut(BaseModel):
    kind: str
    fields: dict[str, Any]
    release_id: str
    source: str
    title: str | None
    date: str | None
    quote: str = Field(description="The supporting sentence: text[start:end].")
    start: int
    end: int
    span: str = Field(description="The answer span itself: text[span_start:span_end].")
    span_start: int
    span_end: int
    roles: list[str] | None = Field(
        default=None, description="Firm roles: its own and its sentence's verbs'."
    )
    to: str | None = Field(default=None, description="Destination as the release writes it in full.")
    from_: str | None = Field(default=None, alias="from", description="Origin as the release writes it.")
    publisher: str | None = None


class FactCitationOut(BaseModel):
    release_id: str
    source: str
    title: str | None
    date: str | None
    publisher: str | None
    quote: str = Field(description="The supporting sentence: text[start:end].")
    start: int
    end: int
    span: str
    span_start: int
    span_end: int
    also_published_by: list[GroupMemberOut] = Field(description="Other outlets' copies of this story.")


class FactEntryOut(BaseModel):
    """One firm (or person, place…) across the archive, one citation per story."""

    name: str
    variants: list[str] = Field(description="Spellings found (legal forms, particles).")
    kind: str
    roles: list[str]
    to: str | None
    from_: str | None = Field(alias="from")
    amount: str | None
    date: str | None = Field(description="Date of the earliest story.")
    stories: int = Field(description="Distinct stories (near-duplicate copies count once).")
    citations: list[FactCitationOut]


class ReleaseDetail(ReleaseMeta):
    text: str = Field(description="The cleaned text every offset refers to.")
    facts: list[FactOut]
    group: list[GroupMemberOut] = Field(
        default_factory=list,
        description="Releases telling the same story (itself included); empty when alone.",
    )


class FactList(BaseModel):
    type: str | None
    offset: int
    limit: int
    total: int | None = Field(
        default=None, description="Matches over all pages (with filters or `distinct`)."
    )
    distinct: bool = False
    items: list[FactOut] = Field(default_factory=list, description="Single facts (`distinct=false`).")
    entries: list[FactEntryOut] = Field(default_factory=list, description="One per firm (`distinct=true`).")


class SkippedOut(BaseModel):
    file: str
    reason: str


class UploadOut(BaseModel):
    release_ids: list[str] = Field(description="Every release the request holds, new or already there.")
    existing: list[str] = Field(
        description="Those that were already indexed (same content uploaded before): not added again."
    )
    releases: list[ReleaseMeta]
    skipped: list[SkippedOut]
    generation: int | None


class DeleteOut(BaseModel):
    removed: str
    generation: int | None
    file_deleted: bool


class SyncOut(BaseModel):
    roots: list[str] = Field(description="Names of the folders synced (no server paths).")
    missing_roots: list[str]
    added: int
    updated: int
    removed: int
    unchanged: int
    skipped: list[dict[str, str]]
    passages_embedded: int
    passages_reused: int
    generation: int | None
    seconds: float


class HealthOut(BaseModel):
    status: Literal["ok"]
    index: bool
    model: str
    generation: int | None
    counts: dict[str, int]
    auth: dict[str, bool] = Field(description="Whether writes / reads need an API key.")
    limits: dict[str, int]
    answering: dict[str, int] = Field(description="Questions running or waiting now, and refused so far.")
    conversations: int


class ErrorOut(BaseModel):
    detail: str = Field(description="What went wrong and what to do; never a server path or a trace.")
    kind: str = Field(description="invalid, too_large, unsupported, not_found, unauthorized, forbidden, "
                      "conflict, busy, unavailable, malformed or internal.")  # fmt: skip
    error_id: str | None = Field(default=None, description="On a 500: the id under which it was logged.")


# --- shapes -----------------------------------------------------------------------------------


def release_meta(release: Release, uploaded: bool) -> dict[str, Any]:
    """`ReleaseMeta` of a release: its folder's name only, never a server path."""
    return {
        "id": release.id,
        "source": release.source,
        "folder": Path(release.root).name,
        "uploaded": uploaded,
        "title": release.title,
        "subtitles": release.subtitles,
        "date": release.date,
        "dateline": release.dateline,
        "reporter": release.reporter,
        "publisher": release.publisher,
        "url": release.url,
        "lang": release.lang,
    }


def fact_out(fact: Fact, release: Release) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "fields": fact.fields,
        "release_id": release.id,
        "source": release.source,
        "title": release.title,
        "date": release.date,
        "quote": release.text[fact.start : fact.end],
        "start": fact.start,
        "end": fact.end,
        "span": release.text[fact.span_start : fact.span_end],
        "span_start": fact.span_start,
        "span_end": fact.span_end,
    }
