"""Pages for people beyond the chat: a stored answer (`/a/{id}`), the staff feedback review
(`/feedback`), and `GET /api/config`, the limits and texts every page takes from the server."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse
from starlette.concurrency import run_in_threadpool

from api import answer_page
from api.archive_access import ArchiveDep
from api.page_image import DEFAULT_SCALE, MAX_SCALE
from api.routes_answers import MAX_ID_CHARS, NOT_FOUND, compare_with_index
from api.runtime import RuntimeDep
from api.schemas import MAX_COMMENT_CHARS, MAX_HISTORY_TURNS, MAX_TURN_CHARS, ConfigOut
from domain.types import ABSTENTION_TEXT

STATIC_DIR = Path(__file__).with_name("static")
router = APIRouter()


@router.get("/api/config", response_model=ConfigOut, tags=["Betrieb"], summary="Grenzen und Texte für die Seiten")
def config(runtime: RuntimeDep) -> ConfigOut:
    return ConfigOut(
        max_question_chars=runtime.settings.max_question_chars,
        max_history_turns=MAX_HISTORY_TURNS,
        max_turn_chars=MAX_TURN_CHARS,
        max_comment_chars=MAX_COMMENT_CHARS,
        abstention_text=ABSTENTION_TEXT,
        page_scale_default=DEFAULT_SCALE,
        page_scale_max=MAX_SCALE,
    )


def _not_found_page(message: str, status: int) -> HTMLResponse:
    body = f"""<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Nicht gefunden – Leitbild-Assistent</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><main class="permalink" id="main"><h1>Leitbild-Assistent</h1><p role="alert">{message}</p>
<p><a href="/">Zum Chat</a></p></main></body></html>"""
    return HTMLResponse(body, status_code=status)


@router.api_route("/a/{answer_id}", methods=["GET", "HEAD"], include_in_schema=False)
async def permalink(answer_id: str, runtime: RuntimeDep, archive: ArchiveDep) -> HTMLResponse:
    if archive.archive is None:
        return _not_found_page("Das Antwortarchiv ist gerade nicht verfügbar.", 503)
    stored = None if len(answer_id) > MAX_ID_CHARS else await run_in_threadpool(archive.archive.get, answer_id)
    if stored is None:
        return _not_found_page(NOT_FOUND, 404)
    _, changed, documents = compare_with_index(runtime, stored)
    html = answer_page.render(stored, index_changed=changed, changed_documents=documents)
    # The record never changes, but the index note may: revalidate each visit.
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


@router.api_route("/feedback", methods=["GET", "HEAD"], include_in_schema=False)
def feedback_page() -> FileResponse:
    if not (STATIC_DIR / "feedback.html").is_file():
        raise HTTPException(404)
    return FileResponse(
        STATIC_DIR / "feedback.html", media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"}
    )
