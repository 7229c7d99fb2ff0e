"""Stored answers: the JSON (`GET /api/answers/{id}`), their sources as a download, and feedback.

The read-only page `/a/{id}` (api/answer_page.py) shows the same record to people.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from api.archive import ArchivedAnswer, FeedbackError, UnknownAnswerError
from api.archive_access import ArchiveDep
from api.formats import SOURCE_FIELDS, source_rows, to_csv, to_xlsx, with_links
from api.runtime import Runtime, RuntimeDep
from api.schemas import CsvDialect, ErrorOut, ExportFormat, FeedbackIn, FeedbackOut, HistoryTurn, StoredAnswerOut

router = APIRouter(prefix="/api", tags=["Antworten"])

_ERRORS = {
    404: {"model": ErrorOut, "description": "Keine gespeicherte Antwort mit dieser ID"},
    503: {"model": ErrorOut, "description": "Antwortarchiv nicht verfügbar"},
}
MAX_ID_CHARS = 64
NOT_FOUND = "Keine gespeicherte Antwort mit dieser ID."


def stored_or_404(archive: ArchiveDep, answer_id: str) -> ArchivedAnswer:
    if len(answer_id) > MAX_ID_CHARS:
        raise HTTPException(404, detail=NOT_FOUND)
    stored = archive.require().get(answer_id)
    if stored is None:
        raise HTTPException(404, detail=NOT_FOUND)
    return stored


def compare_with_index(runtime: Runtime, stored: ArchivedAnswer) -> tuple[str | None, bool, list[str]]:
    """(current index version, whether it differs, cited documents whose PDF changed or is gone)."""
    if not runtime.ready:
        return None, False, []
    assistant = runtime.require()
    now = {d.id: d.sha256 for d in assistant.documents()}
    cited = sorted({c["document"] for c in stored.answer.get("citations", [])})
    changed = [d for d in cited if now.get(d) != stored.document_hashes.get(d)]
    return assistant.index_version, assistant.index_version != stored.index_version, changed


def stored_out(runtime: Runtime, stored: ArchivedAnswer) -> StoredAnswerOut:
    current, changed, documents = compare_with_index(runtime, stored)
    return StoredAnswerOut(
        id=stored.id,
        permalink=stored.permalink,
        created_at=stored.created_at,
        question=stored.question,
        history=[HistoryTurn(role=role, content=content) for role, content in stored.history],
        documents=stored.documents,
        answer={**stored.answer, "id": stored.id, "permalink": stored.permalink},
        index_version=stored.index_version,
        current_index_version=current,
        index_changed=changed,
        changed_documents=documents,
        document_hashes=stored.document_hashes,
    )


@router.get("/answers/{answer_id}", response_model=StoredAnswerOut, responses=_ERRORS, summary="Gespeicherte Antwort")
def stored_answer(answer_id: str, runtime: RuntimeDep, archive: ArchiveDep) -> StoredAnswerOut:
    """Die Antwort genau so, wie sie gegeben wurde, mit Frage, Verlauf und Index-Version; `index_changed`
    sagt, ob der Index sich seitdem geändert hat."""
    return stored_out(runtime, stored_or_404(archive, answer_id))


@router.get(
    "/answers/{answer_id}/sources",
    responses={
        200: {
            "content": {
                "text/csv": {},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
            },
            "description": "Die Quellen als JSON-Liste, CSV oder Excel-Datei",
        }
    }
    | _ERRORS,
    summary="Quellen einer Antwort exportieren",
)
def answer_sources(
    answer_id: str,
    request: Request,
    archive: ArchiveDep,
    output: ExportFormat = "json",
    dialect: CsvDialect = "default",
) -> Response:
    """Eine Zeile je Quelle mit Seite, gedruckter Seitenzahl, Abschnitt, Zitat und Link auf die PDF-Seite."""
    stored = stored_or_404(archive, answer_id)
    fields, rows = with_links(SOURCE_FIELDS, source_rows(stored.answer.get("citations", [])), str(request.base_url))
    return export(fields, rows, output, dialect, f"quellen-{stored.id}", "Quellen")


def export(fields: list[str], rows: list[dict], output: str, dialect: str, name: str, sheet: str) -> Response:
    if output == "csv":
        return Response(
            to_csv(fields, rows, dialect),  # type: ignore[arg-type]
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    if output == "xlsx":
        return Response(
            to_xlsx(fields, rows, sheet),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
        )
    return JSONResponse(rows)


@router.post(
    "/answers/{answer_id}/feedback",
    status_code=201,
    response_model=FeedbackOut,
    responses=_ERRORS,
    summary="Rückmeldung zu einer Antwort",
)
async def feedback(answer_id: str, body: FeedbackIn, archive: ArchiveDep) -> FeedbackOut:
    """`rating` `up` (hilfreich) oder `down` (nicht hilfreich), optional ein Kommentar und die Nummer
    der Quelle, die falsch ist. Das Team prüft negative Rückmeldungen auf der Seite `/feedback`."""
    store = archive.require()
    if len(answer_id) > MAX_ID_CHARS:
        raise HTTPException(404, detail=NOT_FOUND)
    try:
        item = await run_in_threadpool(store.add_feedback, answer_id, body.rating, body.comment, body.citation)
    except UnknownAnswerError as exc:
        raise HTTPException(404, detail=NOT_FOUND) from exc
    except FeedbackError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    return FeedbackOut.model_validate(item, from_attributes=True)
