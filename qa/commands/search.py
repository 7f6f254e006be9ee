"""`pressqa search`: hybrid passage search, each hit with its release and offsets."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from qa.commands.common import (
    HomeOpt,
    JsonOpt,
    ModelOpt,
    console,
    friendly_errors,
    make_settings,
    print_json,
)


@friendly_errors
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in Korean or English.")],
    k: Annotated[int, typer.Option("--k", help="How many passages.")] = 5,
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Hybrid passage search (dense + BM25), with each hit's release, score, quote and offsets."""
    settings = make_settings(home=home, model=model)
    from index.embed import load_embedder
    from index.store.reader import Store
    from qa.retrieve import Retriever

    store = Store.open(settings.home)
    retriever = Retriever(store, load_embedder(settings.model, settings.threads), settings)
    hits = retriever.search(query, k=k)
    groups = store.group_ids(h.passage.release_id for h in hits)
    copies = store.group_members(set(groups.values()))
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
            "also_published_by": [
                m.as_dict()
                for m in copies.get(groups.get(h.passage.release_id, ""), [])
                if m.release_id != h.passage.release_id
            ],
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
        if row["also_published_by"]:
            also = ", ".join(m["publisher"] or m["source"] for m in row["also_published_by"])
            console.print(f"   [cyan]also published by {escape(also)}[/]")
