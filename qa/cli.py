"""The `pressqa` command line: thin wrappers that parse, call the library and print.

The commands live in `qa.commands`, one module per group; this module only assembles them into
one typer app, in the order `pressqa --help` lists them (`api.cli` adds `serve` and `watch`).
"""

from __future__ import annotations

import typer

from qa.commands import answers, evaluation, facts, indexing, search

app = typer.Typer(
    help="Question answering over press releases, with verbatim citations.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a bug's traceback must not print settings (the API key)
)
app.add_typer(indexing.app, name="index")
app.command("facts")(facts.facts)
app.command("search")(search.search)
app.command("ask")(answers.ask)
app.command("chat")(answers.chat)
app.command("eval", context_settings={"allow_extra_args": True})(evaluation.evaluate)
app.command("train", context_settings={"allow_extra_args": True})(evaluation.train_model)


if __name__ == "__main__":
    app()
