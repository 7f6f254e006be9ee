"""`pressqa index …`: build, sync, inspect and prune the index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from index.errors import NotFound, UserError
from index.models import FACT_KINDS
from qa.commands.common import (
    HomeOpt,
    JsonOpt,
    LinksOpt,
    ModelOpt,
    QuietOpt,
    console,
    friendly_errors,
    make_settings,
    print_json,
)

app = typer.Typer(help="Build and maintain the index.", no_args_is_help=True)


def _print_report(report: Any, as_json: bool) -> None:
    data = report.as_dict()
    if as_json:
        print_json(data)
        return
    console.print(
        f"generation {data['generation']}: [green]{data['added']} added[/], {data['updated']} updated, "
        f"{data['removed']} removed, {data['unchanged']} unchanged, {len(data['skipped'])} skipped; "
        f"{data['passages_embedded']} passages embedded, {data['passages_reused']} reused "
        f"in {data['seconds']} s"
    )
    for skipped in data["skipped"]:
        console.print(f"  [yellow]skipped[/] {_shown(skipped['source'])}: {escape(skipped['reason'])}")
    for warned in data.get("warnings", []):
        console.print(f"  [yellow]warning[/] {_shown(warned['source'])}: {escape(warned['reason'])}")
    _print_cleaned(data.get("cleaned", []))


def _shown(name: str) -> str:
    """A file name safe to print: control characters (a newline in a name) escaped, no markup."""
    return escape("".join(c if c.isprintable() else repr(c)[1:-1] for c in name))


def _print_cleaned(names: list[str]) -> None:
    if names:
        console.print(f"  removed crash leftovers: {escape(', '.join(names))}")


@app.command("sync")
@friendly_errors
def index_sync(
    dirs: Annotated[list[Path], typer.Argument(help="Folders of releases.")],
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
    follow_links: LinksOpt = None,
) -> None:
    """Add new and changed releases, drop removed ones; unchanged passages are not re-embedded.

    Files that cannot be read are listed with the reason and keep their last indexed version; the
    rest is indexed and the exit code stays 0.
    """
    from index.sync import Indexer

    settings = make_settings(home=home, model=model, follow_external_links=follow_links)
    report = Indexer(settings).sync(dirs, progress=not quiet)
    _print_report(report, as_json)


@app.command("build")
@friendly_errors
def index_build(
    dirs: Annotated[list[Path], typer.Argument(help="Folders of releases.")],
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
    ray: Annotated[
        str | None,
        typer.Option(
            "--ray",
            metavar="ADDRESS",
            help="Embed on a Ray cluster: `local` starts one here, `auto` or HOST:PORT joins a running "
            "one (env PRESSQA_RAY_ADDRESS; needs pip install 'pressqa\\[ray]').",
        ),
    ] = None,
    ray_cpus: Annotated[
        int | None,
        typer.Option(
            "--ray-cpus", min=1, help="CPUs for `--ray local` (default: all), or at most on a cluster."
        ),
    ] = None,
    follow_links: LinksOpt = None,
) -> None:
    """Build a fresh index of exactly these folders (needed after changing the model)."""
    settings = make_settings(
        home=home, model=model, ray_address=ray, ray_cpus=ray_cpus, follow_external_links=follow_links
    )
    if settings.ray_address:
        from index.distributed import build_on_ray

        report = build_on_ray(settings, dirs, progress=not quiet)
    else:
        if ray_cpus is not None:
            raise UserError("--ray-cpus needs --ray")
        from index.sync import Indexer

        report = Indexer(settings).sync(dirs, full=True, progress=not quiet)
    _print_report(report, as_json)


@app.command("status")
@friendly_errors
def index_status(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Generation, model and counts of the current index; removes what killed syncs left behind."""
    from index.leftovers import clean_leftovers_unlocked
    from index.store.reader import Store

    settings = make_settings(home=home)
    cleaned = clean_leftovers_unlocked(settings.home)
    store = Store.open(settings.home)
    data = {
        "home": str(settings.home),
        "generation": store.generation,
        "model": store.model_id,
        "dim": store.dim,
        **store.counts(),
        "folders": store.roots(),
        "cleaned": cleaned,
    }
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        if key != "cleaned":
            console.print(f"[bold]{key}[/]: {escape(str(value))}")
    _print_cleaned(cleaned)


@app.command("show")
@friendly_errors
def index_show(
    release: Annotated[str, typer.Argument(help="Release id, id prefix or source path.")],
    home: HomeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A release's metadata, cleaned text and extracted facts."""
    from rich.table import Table

    from index.store.reader import Store

    store = Store.open(make_settings(home=home).home)
    found = store.find_release(release)
    if found is None:
        raise NotFound(f"no release matches {release!r}")
    facts = store.facts([found.id], FACT_KINDS)
    group = [m.as_dict() for m in store.group_of(found.id)]
    if as_json:
        data = dict(found.__dict__)
        data["group"] = group
        data["facts"] = [
            {
                "kind": f.kind,
                **f.fields,
                "start": f.start,
                "end": f.end,
                "span": found.text[f.span_start : f.span_end],
            }
            for f in facts
        ]
        print_json(data)
        return
    meta = {k: v for k, v in found.__dict__.items() if k != "text" and v}
    for key, value in meta.items():
        console.print(f"[bold]{key}[/]: {value}")
    if group:
        console.print("[bold]story group[/] (the same story from other outlets):")
        for m in group:
            mark = "canonical" if m["canonical"] else ("this release" if m["release_id"] == found.id else "")
            console.print(
                f"  {m['release_id']}  {m['date'] or ''}  {escape(m['publisher'] or '-')}  {escape(m['source'])}"
                + (f"  [dim]({mark})[/]" if mark else "")
            )
    console.print()
    console.print(found.text, markup=False, highlight=False)
    if facts:
        table = Table("kind", "span", "fields", title="facts")
        for fact in facts:
            fields = {k: v for k, v in fact.fields.items() if v and k != "quote"}
            table.add_row(
                fact.kind, found.text[fact.span_start : fact.span_end], json.dumps(fields, ensure_ascii=False)
            )
        console.print(table)


@app.command("remove")
@friendly_errors
def index_remove(
    releases: Annotated[list[str], typer.Argument(help="Release ids (or id prefixes / source paths).")],
    home: HomeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Drop releases from the index (the files are left alone; a later sync of their folder re-adds them)."""
    from index.store.reader import Store
    from index.sync import Indexer

    settings = make_settings(home=home)
    store = Store.open(settings.home)
    ids = []
    for key in releases:
        found = store.find_release(key)
        if found is None:
            raise NotFound(f"no release matches {key!r}")
        ids.append(found.id)
    store.close()
    report = Indexer(settings).remove(ids)
    _print_report(report, as_json)
