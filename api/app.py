"""The FastAPI application: JSON API, server-sent events and the web chat, all from one process.

`create_app()` is the only entry point; `leitbild serve` and the tests call it. The assistant
(index and model, a few seconds to load) is passed in by tests and loaded at start-up otherwise.
Called without arguments it reads its settings from the environment (LEITBILD_*): that is how
`leitbild serve --workers N` has uvicorn build the app in each worker process
(`api.app:create_app`, factory=True).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from api import (
    errors,
    openapi,
    routes_admin,
    routes_answers,
    routes_ask,
    routes_commitments,
    routes_documents,
    routes_pages,
    routes_system,
    routes_web,
    security,
)
from api.archive_access import ArchiveAccess
from api.page_image import PageRenderer
from api.runtime import Runtime
from domain.settings import Settings, get_settings

if TYPE_CHECKING:
    from assistant import Assistant

STATIC_DIR = Path(__file__).with_name("static")

DESCRIPTION = """Zitierende Antworten aus den Strategiedokumenten der Landesregierung NRW.

Jede Antwort nennt ihre Belege als `[n]`; `citations[n-1]` gibt Dokument, Seite, Abschnitt und
das wörtliche Zitat; jede Antwort wird gespeichert und ist unter `permalink` dauerhaft abrufbar.
Fehler kommen als JSON `{"detail": "…"}` mit einer deutschen Meldung (422 zusätzlich mit `errors`
je Feld; 400 bei unbekanntem Host oder einem Anfragekörper, der kein JSON in UTF-8 ist)."""


def _page(name: str) -> FileResponse:
    # HTML is re-validated on every visit so a new release is picked up without a hard reload.
    return FileResponse(STATIC_DIR / name, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})


def create_app(
    settings: Settings | None = None, assistant: Assistant | None = None, answer_cache: int | None = None
) -> FastAPI:
    settings = settings or get_settings()
    runtime = Runtime(settings, assistant, answer_cache=answer_cache)
    archive = ArchiveAccess(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(archive.open)  # runs the migrations
        await run_in_threadpool(runtime.load)
        runtime.start_following()  # a newly published index version reaches this process within a second
        yield
        runtime.stop_following()
        archive.close()
        app.state.pages.close()

    app = FastAPI(
        title="Leitbild-Assistent",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # FastAPI's own /docs loads Swagger UI from a CDN; ours (static/docs.html) works offline.
        docs_url=None,
        redoc_url=None,
    )
    app.state.runtime = runtime
    app.state.archive = archive
    app.state.pages = PageRenderer()
    errors.install(app)
    openapi.install(app)
    security.install(app, settings)
    app.include_router(routes_ask.router)
    app.include_router(routes_documents.router)
    app.include_router(routes_commitments.router)
    app.include_router(routes_system.router)
    app.include_router(routes_pages.router)
    app.include_router(routes_answers.router)
    app.include_router(routes_admin.router)
    app.include_router(routes_web.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    # HEAD too: uptime monitors and link checkers probe the start page with it.
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def chat_page() -> FileResponse:
        return _page("index.html")

    @app.api_route("/zusagen", methods=["GET", "HEAD"], include_in_schema=False)
    def commitments_page() -> FileResponse:
        return _page("zusagen.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        # Browsers ask for it on every tab, the PDF viewer's too; the SVG serves for all.
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def api_docs_page() -> FileResponse:
        return _page("docs.html")

    return app
