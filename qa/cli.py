"""The `pressqa` command line: thin wrappers that parse, call the library and print."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from index.settings import Settings
from index.store import Store, StoreError

app = typer.Typer(
    help="Question answering over press releases, with verbatim citations.", no_args_is_help=True
)
index_app = typer.Typer(help="Build and maintain the index.", no_args_is_help=True)
app.add_typer(index_app, name="index")

console = Console()
err = Console(stderr=True)

HomeOpt = Annotated[
    Path | None, typer.Option("--home", help="Index location [env: PRESSQA_HOME, default ~/.pressqa]")
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Embedding model [env: PRESSQA_MODEL, default bundled e5-small]")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def make_settings(**overrides: Any) -> Settings:
    """Env vars first, then any flag the user actually gave."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def friendly_errors(func: Callable) -> Callable:
    """Turn the errors a user can act on into one clear line and exit code 1, not a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (StoreError, FileNotFoundError, RuntimeError, ValueError) as exc:
            err.print(f"[bold red]error:[/] {exc}", soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


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
        console.print(f"  [yellow]skipped[/] {skipped['source']}: {skipped['reason']}")


@index_app.command("sync")
@friendly_errors
def index_sync(
    dirs: Annotated[list[Path], typer.Argument(help="Folders of releases.")],
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Add new and changed releases, drop removed ones; unchanged passages are not re-embedded."""
    from index.sync import Indexer

    report = Indexer(make_settings(home=home, model=model)).sync(dirs, progress=not quiet)
    _print_report(report, as_json)


@index_app.command("build")
@friendly_errors
def index_build(
    dirs: Annotated[list[Path], typer.Argument(help="Folders of releases.")],
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Build a fresh index of exactly these folders (needed after changing the model)."""
    from index.sync import Indexer

    report = Indexer(make_settings(home=home, model=model)).sync(dirs, full=True, progress=not quiet)
    _print_report(report, as_json)


@index_app.command("status")
@friendly_errors
def index_status(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Generation, model and counts of the current index."""
    settings = make_settings(home=home)
    store = Store.open(settings.home)
    data = {
        "home": str(settings.home),
        "generation": store.generation,
        "model": store.model_id,
        "dim": store.dim,
        **store.counts(),
        "folders": store.roots(),
    }
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        console.print(f"[bold]{key}[/]: {value}")


@index_app.command("show")
@friendly_errors
def index_show(
    release: Annotated[str, typer.Argument(help="Release id, id prefix or source path.")],
    home: HomeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A release's metadata, cleaned text and extracted facts."""
    store = Store.open(make_settings(home=home).home)
    found = store.find_release(release)
    if found is None:
        raise ValueError(f"no release matches {release!r}")
    facts = store.facts([found.id])
    if as_json:
        data = dict(found.__dict__)
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


@index_app.command("remove")
@friendly_errors
def index_remove(
    releases: Annotated[list[str], typer.Argument(help="Release ids (or id prefixes / source paths).")],
    home: HomeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Drop releases from the index (the files are left alone; a later sync of their folder re-adds them)."""
    from index.sync import Indexer

    settings = make_settings(home=home)
    store = Store.open(settings.home)
    ids = []
    for key in releases:
        found = store.find_release(key)
        if found is None:
            raise ValueError(f"no release matches {key!r}")
        ids.append(found.id)
    store.close()
    report = Indexer(settings).remove(ids)
    _print_report(report, as_json)


@app.command("search")
@friendly_errors
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in Korean or English.")],
    k: Annotated[int, typer.Option("--k", help="How many passages.")] = 5,
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Hybrid passage search (dense + BM25), with each hit's release, score, quote and offsets."""
    from index.embed import load_embedder
    from qa.retrieve import Retriever

    settings = make_settings(home=home, model=model)
    store = Store.open(settings.home)
    retriever = Retriever(store, load_embedder(settings.model, settings.threads), settings)
    hits = retriever.search(query, k=k)
    rows = [
        {
            "release_id": h.passage.release_id,
            "source": h.passage.source,
            "title": h.passage.title,
            "date": h.passage.date,
            "score": round(h.score, 5),
            "quote": h.passage.text,
            "start": h.passage.start,
            "end": h.passage.end,
        }
        for h in hits
    ]
    if as_json:
        print_json({"query": query, "hits": rows})
        return
    if not rows:
        console.print("no matching passages")
    for rank, row in enumerate(rows, start=1):
        console.print(f"[bold]{rank}. {row['title'] or row['source']}[/] [dim]{row['source']} {row['date'] or ''}"
                      f" score {row['score']} [{row['start']}:{row['end']}][/]")  # fmt: skip
        console.print(f"   {row['quote']}", markup=False, highlight=False)


if __name__ == "__main__":
    app()
