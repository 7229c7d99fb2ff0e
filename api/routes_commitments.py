"""The commitment catalog: `GET /api/commitments` as JSON records or as a CSV or XLSX download.

The same records, filters and columns as `leitbild commitments`; the Zusagen page (static/zusagen.html)
shows this route's JSON and links its CSV and XLSX for the view on screen. Downloads add a link to
each commitment's PDF page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from api.formats import COMMITMENT_FIELDS, commitment_rows, with_links
from api.routes_answers import export
from api.runtime import RuntimeDep
from api.schemas import MAX_DOCUMENT_FILTER, CommitmentOut, CsvDialect, ErrorOut, ExportFormat
from assistant import QuestionError

router = APIRouter(prefix="/api", tags=["Zusagen"])

# A section filter is a part of a printed heading. The query's limit is the configured question
# limit (the assistant checks it, so the message can name it); the server caps the URL itself.
MAX_SECTION_CHARS = 300
EXPORT_NAME = "zusagen"

_RESPONSES = {
    200: {
        "content": {"text/csv": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}},
        "description": "JSON-Liste der Zusagen oder, mit `format=csv`/`xlsx`, eine Datei für Tabellenprogramme",
    },
    422: {"model": ErrorOut, "description": "Unbekannte Dokument-ID, zu lange Suche oder ungültiges Format"},
    503: {"model": ErrorOut, "description": "Index noch nicht geladen"},
}


@router.get("/commitments", response_model=list[CommitmentOut], responses=_RESPONSES, summary="Zusagen (Wir werden …)")
def commitments(
    request: Request,
    runtime: RuntimeDep,
    query: Annotated[
        str | None,
        Query(
            description="Suche mit derselben hybriden Suche wie Antworten: nur passende Zusagen, beste zuerst",
            examples=["schnelles Internet für Gewerbegebiete"],
        ),
    ] = None,
    section: Annotated[
        str | None,
        Query(max_length=MAX_SECTION_CHARS, description="Abschnitt: Teil des Titels, ohne Groß-/Kleinschreibung"),
    ] = None,
    document: Annotated[
        list[str] | None,
        Query(max_length=MAX_DOCUMENT_FILTER, description="Nur Zusagen dieser Dokument-IDs (mehrfach möglich)"),
    ] = None,
    output: ExportFormat = "json",
    dialect: CsvDialect = "default",
) -> Response:
    """Ohne Parameter alle Zusagen in Dokumentreihenfolge; `section` und `document` filtern, `query`
    sucht. Findet die Suche nichts, ist die Liste leer (die Datei hat dann nur die Kopfzeile). Zellen, die
    wie eine Formel beginnen (`=`, `+`, `-`, `@`), werden in CSV und XLSX mit `'` als Text exportiert."""
    documents = [d for d in document or [] if d.strip()] or None  # `document=` from an empty form field
    try:
        records = runtime.require().commitments(query=query, section=section, documents=documents)
    except QuestionError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    if output == "json":
        return JSONResponse(commitment_rows(records))
    fields, rows = with_links(COMMITMENT_FIELDS, commitment_rows(records), str(request.base_url))
    return export(fields, rows, output, dialect, EXPORT_NAME, "Zusagen")
