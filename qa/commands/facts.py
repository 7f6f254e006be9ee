"""`pressqa facts`: facts across the whole archive, one entry per firm and story."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from index.errors import NotFound, UserError
from index.models import FACT_KINDS
from qa.commands.common import (
    HomeOpt,
    JsonOpt,
    console,
    friendly_errors,
    make_settings,
    print_json,
)


@friendly_errors
def facts(
    kind: Annotated[str, typer.Option("--kind", help="firm, speaker, role, venue, time or count.")] = "firm",
    role: Annotated[
        str | None, typer.Option("--role", help="Firms that relocate, mou, invest (or only mention).")
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="Destination: a region (충북, 지방, North Carolina) or a place."),
    ] = None,
    from_place: Annotated[str | None, typer.Option("--from-place", help="Where a firm moves from.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Releases dated on or after: YYYY[-MM[-DD]].")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Releases dated on or before.")] = None,
    org: Annotated[
        str | None, typer.Option("--org", help="Releases that name this organisation (경자청, FEZ …).")
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Names containing this (legal form ignored).")
    ] = None,
    release: Annotated[
        str | None, typer.Option("--release", help="Only this release (id or prefix).")
    ] = None,
    each: Annotated[
        bool, typer.Option("--each", help="Every fact, not one entry per firm and story.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500)] = 20,
    offset: Annotated[int, typer.Option("--offset", min=0)] = 0,
    home: HomeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Facts across the whole archive: one entry per firm (copies of a story counted once), each
    with the verbatim sentence it comes from."""
    from index.archive.query import date_bound, facts_page
    from index.archive.records import FactQuery
    from index.store.reader import Store

    if kind not in FACT_KINDS:
        raise UserError(f"unknown kind {kind!r}: one of {', '.join(FACT_KINDS)}")
    store = Store.open(make_settings(home=home).home)
    release_id = None
    if release:
        found = store.find_release(release)
        if found is None:
            raise NotFound(f"no release matches {release!r}")
        release_id = found.id
    query = FactQuery(
        kind, role, to, from_place, date_bound(date_from), date_bound(until, end=True), org, name, release_id
    )
    page = facts_page(store, query, each=each, limit=limit, offset=offset)
    if as_json:
        print_json(page)
        return
    _print_facts(page)


def _print_facts(page: dict[str, Any]) -> None:
    from rich.text import Text

    shown = len(page["items"])
    first = page["offset"] + 1 if shown else 0
    console.print(Text(f"{first}–{page['offset'] + shown} of {page['total']}", style="dim"))
    for i, item in enumerate(page["items"], start=page["offset"] + 1):
        cites = item.get("citations") or [item]
        name = item.get("name") or item.get("span") or ""
        roles = ", ".join(r for r in item.get("roles", []) if r != "mention")
        move = " → ".join(p for p in (item.get("from"), item.get("to")) if p)
        head = Text(f"{i}. ", style="bold")
        head.append(name, style="bold green")
        head.append(f"  {' · '.join(x for x in (roles, move, item.get('amount') or '') if x)}", style="dim")
        console.print(head)
        for c in cites:
            line = Text(f"   {c['date'] or ''}  {c['source']} [{c['start']}:{c['end']}]", style="dim")
            console.print(line)
            console.print(Text(f"     {c['quote']}"))
            also = [m["publisher"] or m["source"] for m in c.get("also_published_by", [])]
            if also:
                console.print(Text(f"     also published by {', '.join(also)}", style="cyan"))
