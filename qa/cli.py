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
from rich.markup import escape
from rich.table import Table

from index.errors import NotFound, PressqaError, UserError
from index.facts import FACT_KINDS
from index.settings import Settings
from index.store.reader import Store

app = typer.Typer(
    help="Question answering over press releases, with verbatim citations.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a bug's traceback must not print settings (the API key)
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
LinksOpt = Annotated[
    bool | None,
    typer.Option(
        "--follow-external-links/--no-follow-external-links",
        help="Index files that symlinks in the folders point to outside them "
        "[env: PRESSQA_FOLLOW_EXTERNAL_LINKS, default off]",
    ),
]
BELOW_FLOOR = 8  # `pressqa eval --fail-under`: a metric missed its floor (see `friendly_errors`)


def make_settings(**overrides: Any) -> Settings:
    """Env vars first, then any flag the user actually gave."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def friendly_errors(func: Callable) -> Callable:
    """Turn the errors a user can act on into one clear line and the exit code of their kind.

    Codes (`index.errors`): 3 bad input, 4 not found, 5 conflict with the index (rebuild), 6 busy
    (another writer; retry), 7 unavailable (no index yet, model or server unreachable). Anything
    else is a bug and keeps its traceback (exit 1); 2 is a command-line usage error.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PressqaError as exc:
            _fail(exc.message, exc.exit_code)
        except FileNotFoundError as exc:
            _fail(str(exc), NotFound.exit_code)
        except OSError as exc:  # unreadable path, not a directory, permission denied
            _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc), UserError.exit_code)

    return wrapper


def _fail(message: str, code: int) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    raise typer.Exit(code)


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


@index_app.command("sync")
@friendly_errors
def index_sync(
    dirs: Annotated[list[Path], typer.Argument(help="Folders of releases.")],
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
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


@index_app.command("build")
@friendly_errors
def index_build(
    dirs: Annotated[list[Path], typer.Argument(help="Folders of releases.")],
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
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


@index_app.command("status")
@friendly_errors
def index_status(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Generation, model and counts of the current index; removes what killed syncs left behind."""
    from index.leftovers import clean_leftovers_unlocked

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
            raise NotFound(f"no release matches {key!r}")
        ids.append(found.id)
    store.close()
    report = Indexer(settings).remove(ids)
    _print_report(report, as_json)


@app.command("facts")
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


# --- answers ----------------------------------------------------------------------------------


def _assistant(home: Path | None, model: str | None) -> Any:
    from qa.service import Assistant

    return Assistant(make_settings(home=home, model=model))


def _print_answer(data: dict[str, Any]) -> None:
    """The answer, then each citation with its title, date and quote, the answer span highlighted."""
    from rich.text import Text

    if data["answerable"] and data.get("scope") == "archive":
        console.print(Text.assemble(("answer: ", "bold"), (f"{len(data['items'])} firms", "bold green")),
                      Text(f"  [across the archive: {data.get('filters')}]", style="dim"))  # fmt: skip
    elif data["answerable"]:
        console.print(Text.assemble(("answer: ", "bold"), (data["answer"], "bold green")),
                      Text(f"  [{data['type']}, confidence {data['confidence']:.2f}]", style="dim"))  # fmt: skip
    else:
        console.print(Text(data.get("message") or "not found in the releases", style="bold yellow"))
        if data["citations"]:
            console.print(Text("closest passages:", style="dim"))
    names = [item["name"] for item in data.get("items") or []]
    for i, c in enumerate(data["citations"], start=1):
        head = Text(f"[{i}] ", style="bold")
        if i <= len(names):
            head.append(f"{names[i - 1]}  ", style="bold green")
        head.append(c["title"] or c["source"], style="bold")
        head.append(f"  {c['date'] or ''}  {c['source']} [{c['start']}:{c['end']}]", style="dim")
        console.print(head)
        quote = Text("    " + c["quote"])
        for s, e in c.get("highlights", []):
            quote.stylize("bold black on yellow", 4 + s - c["start"], 4 + e - c["start"])
        console.print(quote)
        if c.get("also_published_by"):
            also = ", ".join(m["publisher"] or m["source"] for m in c["also_published_by"])
            console.print(Text(f"    also published by {also}", style="cyan"))


@app.command("ask")
@friendly_errors
def ask(
    question: Annotated[str | None, typer.Argument(help="The question, in Korean or English.")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSONL (or plain lines) of questions.")
    ] = None,
    k: Annotated[int | None, typer.Option("--k", help="Passages to retrieve.")] = None,
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question with verbatim citations (or a batch, one JSON line each, model loaded once)."""
    from qa.evaluate import load_questions

    if (question is None) == (batch is None):
        raise UserError("give a question or --batch FILE (not both)")
    settings = make_settings(home=home, model=model)
    url = settings.url if home is None and model is None else None
    if url:  # a running `pressqa serve` has the model, Kiwi and the index loaded already
        from qa.remote import ask_remote

        answer = lambda text: ask_remote(url, text, k, settings.api_key)  # noqa: E731
    else:
        assistant = _assistant(home, model)
        answer = lambda text: assistant.ask(text, k=k).as_dict()  # noqa: E731
    items = load_questions(batch) if batch else [{"question": question}]
    for item in items:
        data = answer(item["question"])
        if as_json:
            print_json(data)
        else:
            _print_answer(data)


@app.command("chat")
@friendly_errors
def chat(
    home: HomeOpt = None, model: ModelOpt = None, k: Annotated[int | None, typer.Option("--k")] = None
) -> None:
    """Ask one question after another; follow-ups ("그 행사는 어디서 열렸어?") use the conversation."""
    from qa.chat import Conversation

    assistant = _assistant(home, model)
    assistant.generation()  # load before the first prompt, and fail early without an index
    conversation = Conversation()
    console.print(
        "[dim]pressqa chat: ask in Korean or English; empty line or Ctrl-D to quit, /new to start over[/]"
    )
    while True:
        try:
            question = console.input("[bold cyan]? [/]").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not question or question in ("/quit", "/exit"):
            break
        if question == "/new":
            conversation = Conversation()
            continue
        _print_answer(assistant.ask(question, k=k, conversation=conversation).as_dict())


FloorsOpt = Annotated[
    list[str] | None,
    typer.Option("--fail-under", help="METRIC=VALUE floors, e.g. answer=0.7 (false_abstain is a ceiling)."),
]
ReleasesOpt = Annotated[
    list[Path] | None, typer.Option("--releases", help="Folders to index first: --releases DIR [DIR…]")
]


def _split_inputs(
    paths: list[Path], releases: list[Path] | None, extra: list[str]
) -> tuple[list[Path], list[Path]]:
    """Question files and release folders: `--releases A B C` leaves B and C among the positionals."""
    items = [*paths, *map(Path, extra)]
    folders = [*(releases or []), *(p for p in items if p.is_dir())]
    files = [p for p in items if not p.is_dir()]
    if not files:
        raise UserError("give at least one questions file (JSONL)")
    return files, folders


def _indexed_settings(folders: list[Path], home: Path | None, model: str | None, quiet: bool) -> Settings:
    eval_home = _eval_home(folders) if folders and not home else None
    settings = make_settings(
        home=home or eval_home,
        model=model,
        # the eval indexes share one cache: the same release in two sets is embedded once
        embedding_cache=eval_home.parent / "embeddings.sqlite" if eval_home else None,
    )
    if folders:
        from index.sync import Indexer

        report = Indexer(settings).sync(folders, progress=not quiet)
        if report.changed:
            err.print(f"indexed: {report.as_dict()}")
    return settings


@app.command("eval", context_settings={"allow_extra_args": True})
@friendly_errors
def evaluate(
    ctx: typer.Context,
    questions: Annotated[
        list[Path], typer.Argument(help="questions.jsonl file(s) (id, question, lang, type, gold_*).")
    ],
    releases: ReleasesOpt = None,
    home: HomeOpt = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    fail_under: FloorsOpt = None,
    cv: Annotated[
        int | None,
        typer.Option(
            "--cv",
            help="K-fold cross-validation grouped by release: fit the answer model on the "
            "other folds, score the held one (what to expect on releases never seen).",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Fold assignment seed for --cv.")] = 0,
    show_misses: Annotated[bool, typer.Option("--misses", help="List the questions that missed.")] = False,
    stories: Annotated[
        Path | None,
        typer.Option(
            "--stories", help="JSONL of {story, members}: score the near-duplicate groups by pairs."
        ),
    ] = None,
) -> None:
    """Index the folders (or use --home), answer every question and report the metrics."""
    from qa.evaluate import check_floors, load_questions, run_eval

    files, folders = _split_inputs(questions, releases, ctx.args)
    settings = _indexed_settings(folders, home, model, as_json)
    if cv:
        from qa.train import collect, cross_validate

        assistant = _assistant(settings.home, model)
        items = [item for path in files for item in load_questions(path)]
        examples = collect(assistant.bundle, items)
        result = cross_validate(examples, k=cv, seed=seed)
        result["rows"] = [{"id": m["id"], "question": m["question"], "answer": m["answer"],
                           "scores": {"answer": 0}} for m in result.pop("misses")]  # fmt: skip
    else:
        if len(files) > 1:
            raise UserError("give one questions file, or several with --cv")
        result = run_eval(_assistant(settings.home, model), files[0])
    if stories:
        from qa.evaluate import score_stories

        store = Store.open(settings.home)
        ids = store.release_ids()
        sources = {rid: store.release(rid).source for rid in ids}  # type: ignore[union-attr]
        groups = {sources[rid]: sources[gid] for rid, gid in store.group_ids(ids).items()}
        result["summary"]["stories"] = score_stories(groups, list(sources.values()), stories)
        result["summary"]["overall"].update(
            {k: result["summary"]["stories"][k] for k in ("pair_p", "pair_r")}
        )
    floors = dict(_parse_floor(f) for f in fail_under or [])
    failures = check_floors(result["summary"]["overall"], floors)
    if as_json:
        print_json({**result["summary"], "followups": result.get("followups"), "failures": failures})
    else:
        _print_summary(result["summary"], result.get("followups"))
        if show_misses:
            for row in result["rows"]:
                sc = row["scores"]
                if (
                    sc.get("answer") == 0
                    or sc.get("abstain_ok") == 0
                    or (sc.get("item_p") or 1) < 1
                    or (sc.get("item_r") or 1) < 1
                ):
                    console.print(
                        f"[red]miss[/] {escape(str(row['id']))} {escape(row['question'])} -> {escape(repr(row['answer']))}"
                    )
    if failures:
        err.print("[bold red]below the floor:[/] " + ", ".join(failures))
        raise typer.Exit(BELOW_FLOOR)


@app.command("train", context_settings={"allow_extra_args": True})
@friendly_errors
def train_model(
    ctx: typer.Context,
    questions: Annotated[list[Path], typer.Argument(help="Labelled questions.jsonl file(s) to fit on.")],
    releases: ReleasesOpt = None,
    home: HomeOpt = None,
    model: ModelOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Where to write the weights [default: the packaged qa/answer_model.json]."
        ),
    ] = None,
    folds: Annotated[int, typer.Option("--folds", help="Grouped folds for calibration and threshold.")] = 5,
    seed: Annotated[int, typer.Option("--seed")] = 0,
) -> None:
    """Fit the answer scorer on labelled questions (retrieval runs over the indexed folders) and
    write its weights with the hash of the data, the calibration and the abstain threshold."""
    from qa.evaluate import load_questions
    from qa.scorer import MODEL_PATH
    from qa.train import collect, train

    files, folders = _split_inputs(questions, releases, ctx.args)
    settings = _indexed_settings(folders, home, model, False)
    assistant = _assistant(settings.home, model)
    items = [item for path in files for item in load_questions(path)]
    examples = collect(assistant.bundle, items)
    scorer = train(examples, k=folds, seed=seed)
    target = out or MODEL_PATH
    scorer.save(target)
    meta = scorer.meta
    console.print(
        f"wrote {target}: {meta['questions']} questions over {meta['releases']} releases, "
        f"{len(scorer.features)} features, threshold {scorer.threshold:.3f}, data {meta['data_hash']}"
    )


def _eval_home(releases: list[Path]) -> Path:
    """A persistent index per folder set, so re-running an eval only syncs what changed."""
    import hashlib

    key = hashlib.sha1("|".join(sorted(str(p.resolve()) for p in releases)).encode()).hexdigest()[:12]
    return Path.home() / ".cache" / "pressqa" / f"eval-{key}"


def _parse_floor(text: str) -> tuple[str, float]:
    metric, _, value = text.partition("=")
    try:
        return metric.strip(), float(value)
    except ValueError:
        raise UserError(f"--fail-under wants METRIC=VALUE, got {text!r}") from None


def _print_summary(summary: dict[str, Any], followups: dict[str, Any] | None) -> None:
    from qa.evaluate import METRICS

    shown = [m for m in METRICS if summary["overall"].get(m) is not None] or list(METRICS)
    table = Table("group", "n", *shown, title="pressqa eval")
    fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
    table.add_row("overall", str(summary["overall"]["n"]), *(fmt(summary["overall"][m]) for m in shown))
    for section in ("by_type", "by_lang"):
        for name, values in summary[section].items():
            table.add_row(name, str(values["n"]), *(fmt(values[m]) for m in shown))
    if followups:
        table.add_row("follow-ups", str(followups["n"]), *(fmt(followups.get(m)) for m in shown))
    console.print(table)
    if "stories" in summary:
        st = summary["stories"]
        console.print(
            f"story groups: {st['releases']} releases, {st['gold_pairs']} same-story pairs of {st['pairs']}; "
            f"predicted {st['predicted_pairs']}: pair_p {fmt(st['pair_p'])}, pair_r {fmt(st['pair_r'])}"
        )


if __name__ == "__main__":
    app()
