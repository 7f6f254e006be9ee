"""Typed facts extracted at index time: speakers, roles, venues, times, counts and firms.

Regex-first extractors (one module per kind; firms' Korean and English halves in `firms_ko` and
`firms_en`) run over a same-length *view* of the release text and over logical sentences
(hard-wrapped lines joined), so each fact points at its supporting sentence (`start/end`) and at
the verbatim answer span (`span_start/span_end`). Korean and English patterns are both tried on
every release: they do not overlap, and releases mix scripts.
"""

from __future__ import annotations

from index.facts import counts, firms, roles, speakers, times, venues
from index.facts._common import logical_units, make_view
from index.models import Fact, Sentence

_PERSON_KINDS = ("speaker", "role")
# The typed facts (what `pressqa index show` and `GET /facts` list); mentions are stored beside them.


def extract_facts(
    text: str, sentences: list[Sentence], lang: str, release_date: str | None = None
) -> list[Fact]:
    """All facts of one cleaned release; `release_id` is left for the caller to fill in.

    `lang` is accepted for the caller's convenience, but both languages' patterns always run: Korean
    releases quote English names and one script's patterns never match the other. `release_date`
    (ISO) resolves bare days such as `지난 21일`.
    """
    view = make_view(text)
    units = logical_units(view, sentences)
    facts: list[Fact] = []
    facts += speakers.extract(view, units)
    facts += roles.extract(view, units)
    facts += venues.extract(view, units)
    facts += times.extract(view, units, release_date)
    facts += counts.extract(view, units)
    persons = {f.fields["name"] for f in facts if f.kind in _PERSON_KINDS and f.fields.get("name")}
    facts += firms.extract(view, units, persons)
    return _dedupe(_fill_titles(facts))


def _fill_titles(facts: list[Fact]) -> list[Fact]:
    """Give a speaker found by surname only (`Forde said`) the title and org of their role fact."""
    roles_by_name = {f.fields["name"]: f.fields for f in facts if f.kind == "role"}
    for f in facts:
        role = roles_by_name.get(f.fields.get("name")) if f.kind == "speaker" else None
        if role and not f.fields.get("title"):
            f.fields["title"] = role["role"]
            f.fields["org"] = f.fields.get("org") or role["org"]
    return facts


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per (kind, answer span, sentence); the first extractor's reading wins."""
    seen: set[tuple[str, int, int, int]] = set()
    out = []
    for f in facts:
        key = (f.kind, f.span_start, f.span_end, f.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    out.sort(key=lambda f: (f.start, f.span_start, f.kind))
    return out


def names_for_tokenizer(facts: list[Fact]) -> set[str]:
    """Person and firm names found, to be added to kiwipiepy as user words."""
    names: set[str] = set()
    for f in facts:
        if f.kind in _PERSON_KINDS or f.kind == "firm":
            name = f.fields.get("name")
            if isinstance(name, str) and len(name.strip()) >= 2:
                names.add(name.strip())
    return names


__all__ = ["extract_facts", "names_for_tokenizer"]
