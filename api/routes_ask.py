"""Questions: `POST /api/ask` (one JSON answer) and `POST /api/ask/stream` (server-sent events)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.archive_access import ArchiveAccess, ArchiveDep
from api.runtime import Runtime, RuntimeDep
from api.schemas import AnswerOut, AskRequest, ErrorOut
from assistant import QuestionError
from domain.types import Answer

log = logging.getLogger("leitbild.api")
router = APIRouter(prefix="/api", tags=["Fragen"])

PIECE_CHARS = 40
_MARKER = re.compile(r"\[(\d+)\]")
_ERRORS = {
    413: {"model": ErrorOut, "description": "Anfrage zu groß"},
    422: {"model": ErrorOut, "description": "Ungültige Frage, Historie oder Dokument-ID"},
    503: {"model": ErrorOut, "description": "Index noch nicht geladen"},
}


def _history(body: AskRequest) -> tuple[tuple[str, str], ...]:
    return tuple((turn.role, turn.content) for turn in body.history)


def answer_and_store(runtime: Runtime, archive: ArchiveAccess, body: AskRequest) -> tuple[Answer, dict]:
    """Answer, then archive the answer under a new id: every request gets its own record, even when
    the answer came from the cache, so a permalink is always the asker's own question and history."""
    assistant = runtime.require()
    # Read before answering: a reload meanwhile must not label the answer with the newer index.
    version = assistant.index_version
    hashes = {d.id: d.sha256 for d in assistant.documents()}
    history = _history(body)
    answer = runtime.ask(body.question, body.documents, history)
    stored = archive.store(
        answer, history=history, documents=body.documents, index_version=version, document_hashes=hashes
    )
    return answer, stored


@router.post("/ask", response_model=AnswerOut, responses=_ERRORS, summary="Frage beantworten")
def ask(body: AskRequest, runtime: RuntimeDep, archive: ArchiveDep) -> JSONResponse:
    """Die gleiche Antwort wie `leitbild ask --json`: Antworttext mit [n]-Markern und die Zitate,
    dazu `id` und `permalink` der gespeicherten Antwort."""
    # A plain `def`: FastAPI runs it in its thread pool, so answering never blocks the event loop.
    try:
        _, stored = answer_and_store(runtime, archive, body)
    except QuestionError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    return JSONResponse(stored)


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Split the answer into line-wise pieces of about `size` characters, cut after a space.

    Joined again they give the text back exactly; a [n] marker follows a space, so it is never cut.
    """
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        while len(line) > size:
            cut = line.rfind(" ", 0, size)
            cut = size if cut <= 0 else cut + 1
            out.append(line[:cut])
            line = line[cut:]
        if line:
            out.append(line)
    return out


def sse(event: str, data: dict) -> str:
    # JSON keeps newlines escaped, so every event is exactly one `data:` line.
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def answer_events(answer: Answer, done: dict | None = None) -> list[str]:
    """delta events for the text; each citation right after the piece that first shows its marker;
    `done` carries the whole answer (with `id` and `permalink` when given)."""
    events: list[str] = []
    pending = {c.n: c for c in answer.citations}
    for piece in pieces(answer.answer):
        events.append(sse("delta", {"text": piece}))
        for n in (int(m) for m in _MARKER.findall(piece)):
            citation = pending.pop(n, None)
            if citation is not None:
                events.append(sse("citation", citation.to_dict()))
    events += [sse("citation", c.to_dict()) for c in pending.values()]
    events.append(sse("done", done if done is not None else answer.to_dict()))
    return events


@router.post(
    "/ask/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "delta, citation, done (oder error)"}}
    | _ERRORS,
    summary="Frage beantworten, als Server-Sent Events",
)
async def ask_stream(body: AskRequest, runtime: RuntimeDep, archive: ArchiveDep) -> StreamingResponse:
    """Ereignisse `delta` ({"text"}), `citation` (ein Zitat), zuletzt `done` mit der ganzen Antwort
    samt `id` und `permalink`.

    Fehler in der Anfrage kommen als JSON mit 4xx, bevor der Strom beginnt; `error` ({"detail"})
    gibt es nur, wenn danach etwas schiefgeht.
    """
    try:
        runtime.validate(body.question, body.documents)
    except QuestionError as exc:
        raise HTTPException(422, detail=str(exc)) from exc

    async def events() -> AsyncIterator[str]:
        try:
            answer, done = await run_in_threadpool(answer_and_store, runtime, archive, body)
        except QuestionError as exc:  # the index changed between validation and answer
            yield sse("error", {"detail": str(exc)})
            return
        except Exception:  # noqa: BLE001 - headers are sent; the client can only learn of it as an event
            log.exception("Fehler beim Beantworten (Strom)")
            yield sse("error", {"detail": "Interner Fehler beim Beantworten – bitte erneut versuchen."})
            return
        for event in answer_events(answer, done):
            yield event

    return StreamingResponse(events(), media_type="text/event-stream", headers={"X-Accel-Buffering": "no"})
