"""The FastAPI application: routers, error handling, the static chat page and optional folder watching.

One process holds one `Assistant` (model and index loaded once) and one `Indexer` sharing its
embedder. Endpoints are plain `def`s, so FastAPI runs them in its threadpool: questions are answered
while a sync or an upload is writing the next generation, and readers switch to it atomically
(`Assistant.generation()`). Writes take turns on a process lock and on the index's `WriterLock`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from api.conversations import ConversationStore
from api.deps import AppState
from api.routers import ask, chat, facts, health, index, releases
from index.settings import Settings
from index.store import ModelMismatchError, NoIndexError, StoreError
from qa.service import Assistant

logger = logging.getLogger("pressqa.api")

STATIC = Path(__file__).parent / "static"
NO_INDEX = "no index yet, POST /releases or sync"
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class CatchAll:
    """Last line of defence: an unexpected error is logged here and answered with a plain 500.

    The client gets `{"detail": ...}` and never a stack trace; the trace goes to the server log.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked_send(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked_send)
        except Exception:
            logger.exception("unhandled error in %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            response = JSONResponse({"detail": "internal server error (details are in the server log)"}, 500)
            await response(scope, receive, send)


def _validation_detail(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        loc = [str(p) for p in error.get("loc", ())]
        where = ".".join(loc[1:] if len(loc) > 1 and loc[0] in ("body", "query", "path") else loc)
        msg = error.get("msg", "invalid value")
        if error.get("type") == "json_invalid":
            msg = "the request body is not valid JSON"
        parts.append(f"{where}: {msg}" if where else msg)
    return "invalid request: " + "; ".join(parts or ["malformed"])


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_detail(exc)}, 422)

    @app.exception_handler(NoIndexError)
    async def no_index(request: Request, exc: NoIndexError) -> JSONResponse:
        return JSONResponse({"detail": NO_INDEX}, 503)

    @app.exception_handler(ModelMismatchError)
    async def model_mismatch(request: Request, exc: ModelMismatchError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, 503)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(exc) or "the index is not available"}, 503)

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc) or "invalid value"}, 422)


def create_app(
    settings: Settings | None = None,
    assistant: Assistant | None = None,
    watch_dirs: Sequence[Path] = (),
) -> FastAPI:
    """The HTTP app for one index home. Pass an `assistant` to share an already loaded model."""
    if settings is None:
        settings = assistant.settings if assistant is not None else Settings()
    if assistant is None:
        assistant = Assistant(settings)
    state = AppState(settings, assistant, ConversationStore(settings.conversation_ttl_seconds))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # load the model and the current generation before the first request, not during it
        await run_in_threadpool(_warm_up, state)
        watcher = None
        if watch_dirs:
            from api.watch import WatchThread

            watcher = WatchThread(watch_dirs, state.sync).start()
        try:
            yield
        finally:
            if watcher is not None:
                watcher.stop()

    app = FastAPIOffline(  # /docs and /redoc from bundled assets: the service may have no internet
        title="pressqa",
        summary="Question answering over press releases (Korean and English) with verbatim citations.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.pressqa = state
    _install_error_handlers(app)
    app.add_middleware(CatchAll)
    for module in (ask, chat, releases, facts, index, health):
        app.include_router(module.router)

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(
            STATIC / "index.html",
            media_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-cache"},
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _warm_up(state: AppState) -> None:
    state.assistant.embedder  # noqa: B018 - loads the model
    try:
        generation = state.assistant.generation()
    except NoIndexError:
        logger.info("no index yet at %s: POST /releases or sync a folder", state.settings.home)
        return
    except Exception as exc:  # noqa: BLE001 - reported by every request too; the server still starts
        logger.error("cannot open the index: %s", exc)
        return
    logger.info("serving generation %s (%s)", generation.store.generation, generation.store.model_id)
    try:
        state.assistant.ask("warm-up")  # first-use costs (tokenizer dictionaries) paid before serving
    except Exception:  # noqa: BLE001 - a failed warm-up must not stop the server
        logger.warning("warm-up question failed", exc_info=True)
