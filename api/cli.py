"""The full `pressqa` command: the `qa` CLI plus `serve` (HTTP API and chat page) and `watch`.

These two live here, not in `qa.cli`, because `qa` never imports `api`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from qa.cli import app
from qa.commands.common import HomeOpt, ModelOpt, err, friendly_errors, make_settings

__all__ = ["app", "main"]

WatchOpt = Annotated[
    list[Path] | None,
    typer.Option("--watch", help="Also watch this folder and sync it on changes (repeatable)."),
]


def _logging(level: str) -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for chatty in ("bm25s", "faiss", "sentence_transformers"):  # per-sync debug noise
        logging.getLogger(chatty).setLevel(max(logging.getLogger().level, logging.WARNING))


@app.command("serve")
@friendly_errors
def serve(
    host: Annotated[
        str | None, typer.Option("--host", help="Interface to listen on [env: PRESSQA_HOST].")
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="TCP port [env: PRESSQA_PORT].")] = None,
    home: HomeOpt = None,
    model: ModelOpt = None,
    watch: WatchOpt = None,
    log_level: Annotated[str, typer.Option("--log-level", help="debug, info, warning, error.")] = "info",
) -> None:
    """Serve the HTTP API (docs at /docs) and the chat page (/); API key from PRESSQA_API_KEY."""
    import uvicorn

    from api.app import create_app
    from api.security import is_loopback

    _logging(log_level)
    settings = make_settings(home=home, model=model, host=host, port=port)
    for folder in watch or []:
        if not folder.is_dir():
            raise FileNotFoundError(f"not a folder: {folder}")
    if not settings.api_key and not is_loopback(settings.host):
        err.print(
            f"[yellow]note:[/] serving on {settings.host} with no PRESSQA_API_KEY: the service is read-only"
        )
    application = create_app(settings, watch_dirs=watch or [])
    uvicorn.run(application, host=settings.host, port=settings.port, log_level=log_level.lower())


@app.command("watch")
@friendly_errors
def watch_cmd(
    dirs: Annotated[list[Path], typer.Argument(help="Folders of releases to keep indexed.")],
    home: HomeOpt = None,
    model: ModelOpt = None,
    debounce: Annotated[int, typer.Option("--debounce", help="Milliseconds to gather changes.")] = 1000,
) -> None:
    """Sync the folders now, then again whenever files are added, changed or removed (Ctrl-C stops)."""
    from index.sync import Indexer
    from index.watch import watch_folders

    _logging("info")
    indexer = Indexer(make_settings(home=home, model=model))
    try:
        watch_folders(dirs, indexer.sync, debounce_ms=debounce)
    except KeyboardInterrupt:
        err.print("stopped")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
