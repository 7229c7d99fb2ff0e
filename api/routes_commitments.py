"""The commitment catalog: `GET /api/commitments` as JSON records or as a CSV download.

The same records, filters and columns as `leitbild commitments`; the Zusagen page (static/zusagen.html)
shows this route's JSON and links its CSV for the view on screen.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse, Response

from api.formats import commitment_rows, commitments_csv
from api.runtime import RuntimeDep
from api.schemas import MAX_DOCUMENT_FILTER, CommitmentOut, ErrorOut
from assistant import QuestionError

router = APIRouter(prefix="/api", tags=["Zusagen"])

# A section filter is a part of a printed heading. The query's limit is the configured question
# limit (the assistant checks it, so the message can name it); the server caps the URL itself.
MAX_SECTION_CHARS = 300
CSV_FILENAME = "zusagen.csv"

_RESPONSES = {
    200: {"content": {"text/csv": {}}, "description": "JSON-Liste der Zusagen oder, mit `format=csv`, eine CSV-Datei"},
    422: {"model": ErrorOut, "description": "Unbekannte Dokument-ID, zu lange Suche oder ungültiges Format"},
    503: {"model": ErrorOut, "description": "Index noch nicht geladen"},
}


@router.get("/commitments", response_model=list[CommitmentOut], responses=_RESPONSES, summary="Zusagen (Wir werden …)")
def commitments(
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
        Query(max_length=MAX_SECTION_CHARS, description="Handlungsfeld: Teil des Titels, ohne Groß-/Kleinschreibung"),
    ] = None,
    document: Annotated[
        list[str] | None,
        Query(max_length=MAX_DOCUMENT_FILTER, description="Nur Zusagen dieser Dokument-IDs (mehrfach möglich)"),
    ] = None,
    output: Annotated[Literal["json", "csv"], Query(alias="format", description="`json` oder `csv`")] = "json",
) -> Response:
    """Ohne Parameter alle Zusagen in Dokumentreihenfolge; `section` und `document` filtern, `query`
    sucht. Findet die Suche nichts, ist die Liste leer (die CSV-Datei hat dann nur die Kopfzeile)."""
    documents = [d for d in document or [] if d.strip()] or None  # `document=` from an empty form field
    try:
        records = runtime.require().commitments(query=query, section=section, documents=documents)
    except QuestionError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    if output == "csv":
        return Response(
            commitments_csv(records),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{CSV_FILENAME}"'},
        )
    return JSONResponse(commitment_rows(records))
