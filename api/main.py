"""The `pressqa` console script: start Kiwi early for the commands that need it, then run the CLI.

A cold `pressqa ask` spends ~1 s loading Kiwi, which holds the GIL, and ~0.25 s
before its command function even runs (typer, rich, pydantic for typer's option coercion). Kiwi
loads in a child process (`index.kiwi_process`) started here, from the command name alone, so
that quarter second overlaps it too. A wrong guess costs a child killed at exit, never a wrong
answer. Run otherwise (`python -m api.cli`, the tests' CliRunner), the CLI keeps Kiwi in-process.
The same commands end without the interpreter's teardown (`quick_exit`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

KIWI_COMMANDS = frozenset({"ask", "chat"})  # `search` reads its query off the index's vocabulary
READ_ONLY_COMMANDS = frozenset({"ask", "search", "chat"})  # they write no file: `quick_exit`
LOADAVG = "/proc/loadavg"


def needs_kiwi(args: Sequence[str], env: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether these arguments run a command that analyses Korean text in this process: not help,
    and not an `ask` that goes to a running server (PRESSQA_URL without --home/--model)."""
    if not args or args[0] not in KIWI_COMMANDS or "--help" in args:
        return False
    flags = {a.split("=", 1)[0] for a in args}
    return not (args[0] == "ask" and env.get("PRESSQA_URL") and not flags & {"--home", "--model"})


def idle_core(loadavg: str | None = None, cores: int | None = None) -> bool:
    """Whether a core is idle now, so that the child would run beside this process. On a busy
    machine it would take turns with it instead (~1 core for this command whatever it does) and
    only add its own overhead. Read from the running-task count of /proc/loadavg (this process
    included); where that is missing, assume a core is free."""
    try:
        if loadavg is None:
            with open(LOADAVG, encoding="ascii") as file:
                loadavg = file.read()
        running = int(loadavg.split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return True
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return running < cores


def main() -> None:
    args = sys.argv[1:]
    if needs_kiwi(args) and idle_core():
        from index.tokens import start_kiwi_process

        start_kiwi_process()
    from api.cli import app

    if not args or args[0] not in READ_ONLY_COMMANDS:
        app()
        return
    try:
        app()
    except SystemExit as exc:
        quick_exit(exc.code)
    quick_exit(0)


def quick_exit(code: object) -> NoReturn:
    """Exit as `sys.exit(code)` would, without tearing the interpreter down: the exit handlers run
    (Kiwi's child is reaped) and the output is flushed, but the ~0.1 s of CPU in which Python would
    free every module and object of the search stack one by one is skipped (the kernel frees the
    memory at once). Only for commands that write nothing, so nothing is left half done."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing to add
                stream.flush()
    os._exit(code)
