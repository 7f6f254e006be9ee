"""The FastAPI application: routers over one `Service`, error handling, limits and the chat page.

One process holds one `Service` (model and index loaded once). Questions run behind the answer
gate; reads and writes are plain `def`s in FastAPI's threadpool, so questions are answered while
a sync or an upload is writing the next generation. Middleware, outermost first: `LoopbackHost`
(a loopback server answers only to loopback names), `BodyLimit` (byte caps, JSON depth), and
`CatchAll` (an unexpected error becomes a 500 with a logged id, never a trace).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from api.deps import reject_unknown_query
from api.errors import install_error_handlers, internal_error, pressqa_response
from api.limits import BodyLimit
from api.routers import ask, chat, facts, health, index, releases
from api.security import LoopbackHost, is_loopback
from api.service import Service
from index.errors import PressqaError
from index.settings import Settings
from qa.service import Assistant

STATIC = Path(__file__).parent / "static"
PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class CatchAll:
    """Last line of defence: an error no handler took is logged under an id and answered plainly."""

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
        except Exception as exc:
            if started:
                raise
            where = f"{scope.get('method')} {scope.get('path')}"
            response = (
                pressqa_response(exc, where) if isinstance(exc, PressqaError) else internal_error(where)
            )
            await response(scope, receive, send)


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
    service = Service(settings, assistant)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # load the model and the current generation, and finish killed uploads, before serving
        await run_in_threadpool(service.start)
        watcher = None
        if watch_dirs:
            from index.watch import WatchThread

            watcher = WatchThread(watch_dirs, service.sync).start()
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
        dependencies=[Depends(reject_unknown_query)],
    )
    app.state.pressqa = service
    install_error_handlers(app)
    app.add_middleware(CatchAll)
    app.add_middleware(BodyLimit, settings=settings)
    if is_loopback(settings.host):
        app.add_middleware(LoopbackHost)
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
    _describe_limits(app, settings)
    return app


def _describe_limits(app: FastAPI, settings: Settings) -> None:
    """Put this server's own limits and auth into its OpenAPI document (the models are static)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = build()
        models = spec.get("components", {}).get("schemas", {})
        for model, field in (("AskIn", "question"), ("ChatIn", "message")):
            if model in models:
                models[model]["properties"][field]["maxLength"] = settings.max_question_chars
        if settings.api_key:
            spec["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            for path, methods in spec["paths"].items():
                for method, operation in methods.items():
                    write = method in ("post", "delete") and path not in ("/ask", "/chat")
                    read = settings.protect_reads and path != "/health"
                    if write or read:
                        operation["security"] = [{"bearer": []}]
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
