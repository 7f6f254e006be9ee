"""What every `pressqa` command shares: the common options, settings from flags, the consoles,
JSON output, and the mapping of errors a user can act on to one line and an exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from index.errors import NotFound, PressqaError, UserError

if TYPE_CHECKING:  # imported when settings are first made, not by every import of the CLI
    from index.settings import Settings

console = Console()
err = Console(stderr=True)

HomeOpt = Annotated[
    Path | None, typer.Option("--home", help="Index location [env: PRESSQA_HOME, default ~/.pressqa]")
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Embedding model [env: PRESSQA_MODEL, default bundled e5-small]")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
LinksOpt = Annotated[
    bool | None,
    typer.Option(
        "--follow-external-links/--no-follow-external-links",
        help="Index files that symlinks in the folders point to outside them "
        "[env: PRESSQA_FOLLOW_EXTERNAL_LINKS, default off]",
    ),
]


def make_settings(**overrides: Any) -> Settings:
    """Env vars first, then any flag the user actually gave."""
    from index.settings import Settings

    return Settings(**{k: v for k, v in overrides.items() if v is not None})


def teach_kiwi_early(settings: Settings) -> None:
    """Where Kiwi loads in a child process (a cold `ask` or `chat`), hand it the index's
    names now, before the search stack is imported: it builds its analyser once it has them."""
    from index.tokens import add_user_words, kiwi_loading

    if kiwi_loading():
        from index.store.user_words import read_user_words

        add_user_words(read_user_words(settings.home))


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


def make_assistant(home: Path | None, model: str | None) -> Any:
    """The assistant of one command, imported here so that commands that never answer stay light."""
    from qa.service import Assistant

    return Assistant(make_settings(home=home, model=model))
