"""`pressqa ask` and `pressqa chat`: answers with verbatim citations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from index.errors import UserError
from qa.commands.common import (
    HomeOpt,
    JsonOpt,
    ModelOpt,
    console,
    friendly_errors,
    make_assistant,
    make_settings,
    print_json,
    teach_kiwi_early,
)


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
    if (question is None) == (batch is None):
        raise UserError("give a question or --batch FILE (not both)")
    settings = make_settings(home=home, model=model)
    url = settings.url if home is None and model is None else None
    if url:  # a running `pressqa serve` has the model, Kiwi and the index loaded already
        from qa.remote import ask_remote

        answer = lambda text: ask_remote(url, text, k, settings.api_key)  # noqa: E731
    else:
        teach_kiwi_early(settings)
        assistant = make_assistant(home, model)
        answer = lambda text: assistant.ask(text, k=k).as_dict()  # noqa: E731
    if batch:
        from qa.evaluate import load_questions

        items = load_questions(batch)
    else:
        items = [{"question": question}]
    for item in items:
        data = answer(item["question"])
        if as_json:
            print_json(data)
        else:
            _print_answer(data)


@friendly_errors
def chat(
    home: HomeOpt = None, model: ModelOpt = None, k: Annotated[int | None, typer.Option("--k")] = None
) -> None:
    """Ask one question after another; follow-ups ("그 행사는 어디서 열렸어?") use the conversation."""
    teach_kiwi_early(make_settings(home=home, model=model))
    from qa.chat import Conversation

    assistant = make_assistant(home, model)
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
