"""The mention record and its storage as a `Fact` of kind `mention`."""

from __future__ import annotations

from dataclasses import dataclass, field

from index.models import Fact

# PERSON, ORG, PLACE: named things; TITLE: a person's position ("vice president of sales",
# "청장"); TIME: dates, times and ranges; NUMBER: counts, amounts, shares; QUOTE: a short quoted
# title; EVENT: a named event; NP: any other noun phrase; LIST: coordinated mentions kept whole.
LABELS = ("PERSON", "ORG", "PLACE", "TITLE", "TIME", "NUMBER", "QUOTE", "EVENT", "NP", "LIST")


@dataclass(frozen=True)
class Mention:
    label: str
    start: int  # span in the release text
    end: int
    unit_start: int  # the (logical) sentence holding it
    unit_end: int
    members: tuple[tuple[int, int], ...] = field(default=())  # LIST only
    proper: bool = False  # tagged a proper noun throughout (Kiwi NNP / foreign letters)


def to_fact(mention: Mention) -> Fact:
    fields: dict = {"label": mention.label}
    if mention.members:
        fields["members"] = [list(m) for m in mention.members]
    if mention.proper:
        fields["proper"] = True
    return Fact(
        kind="mention",
        fields=fields,
        start=mention.unit_start,
        end=mention.unit_end,
        span_start=mention.start,
        span_end=mention.end,
    )
