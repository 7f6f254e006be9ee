"""`pressqa eval` and `pressqa train`: index the labelled sets, score the answers, fit the model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from index.errors import UserError
from qa.commands.common import (
    HomeOpt,
    JsonOpt,
    ModelOpt,
    console,
    err,
    friendly_errors,
    make_assistant,
    make_settings,
    print_json,
)

if TYPE_CHECKING:
    from index.settings import Settings

BELOW_FLOOR = 8  # `pressqa eval --fail-under`: a metric missed its floor (see `common.friendly_errors`)


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
        from qa.training.crossval import cross_validate
        from qa.training.examples import collect

        assistant = make_assistant(settings.home, model)
        items = [item for path in files for item in load_questions(path)]
        examples = collect(assistant.bundle, items)
        result = cross_validate(examples, k=cv, seed=seed)
        result["rows"] = [{"id": m["id"], "question": m["question"], "answer": m["answer"],
                           "scores": {"answer": 0}} for m in result.pop("misses")]  # fmt: skip
    else:
        if len(files) > 1:
            raise UserError("give one questions file, or several with --cv")
        result = run_eval(make_assistant(settings.home, model), files[0])
    if stories:
        from index.store.reader import Store
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
    from qa.training.examples import collect
    from qa.training.shipped import train

    files, folders = _split_inputs(questions, releases, ctx.args)
    settings = _indexed_settings(folders, home, model, False)
    assistant = make_assistant(settings.home, model)
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
    from rich.table import Table

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
