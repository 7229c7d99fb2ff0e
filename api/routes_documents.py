"""Browsing the sources: the document list, a document's PDF, and a passage with its neighbours."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse

from api.highlight import find_quote
from api.page_marks import quote_pages
from api.runtime import RuntimeDep
from api.schemas import DocumentOut, ErrorOut, HighlightOut, NeighbourOut, PassageOut
from api.security import PDF_CONTENT_SECURITY_POLICY
from domain.settings import PROJECT_ROOT
from domain.types import DocumentInfo, Passage

router = APIRouter(prefix="/api", tags=["Dokumente"])
_NOT_FOUND = {404: {"model": ErrorOut}, 503: {"model": ErrorOut}}


def _shown(value: str) -> str:
    # Ids from the URL are echoed in errors; keep that short.
    return value if len(value) <= 80 else value[:80] + "…"


@router.get("/documents", response_model=list[DocumentOut], summary="Eingelesene Dokumente")
def documents(runtime: RuntimeDep) -> list[DocumentOut]:
    return [
        DocumentOut(id=d.id, title=d.title, pages=d.pages, passages=d.passages) for d in runtime.require().documents()
    ]


def document_file(runtime: RuntimeDep, document_id: str) -> tuple[DocumentInfo, Path]:
    """The registry entry and PDF file of a document, or 404 with a German message."""
    info = next((d for d in runtime.require().documents() if d.id == document_id), None)
    if info is None:
        raise HTTPException(404, detail=f"Unbekannte Dokument-ID: {_shown(document_id)}")
    # Only paths from the index registry are ever served; the URL picks an id, never a path.
    path = Path(info.path)
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    if not path.is_file():
        raise HTTPException(404, detail=f"Die PDF-Datei von „{info.title}“ ist nicht mehr vorhanden.")
    return info, path


@router.get(
    "/documents/{document_id}/pdf",
    response_class=FileResponse,
    responses={200: {"content": {"application/pdf": {}}}} | _NOT_FOUND,
    summary="Die PDF-Datei eines Dokuments",
)
def document_pdf(document_id: str, runtime: RuntimeDep) -> FileResponse:
    """Mit `#page=N` an der URL öffnet der Browser die Seite N."""
    info, path = document_file(runtime, document_id)
    return FileResponse(
        path,
        media_type="application/pdf",
        filename=f"{info.id}.pdf",
        content_disposition_type="inline",
        # Several sources usually point into one PDF; a short private cache spares re-downloading it.
        headers={"Content-Security-Policy": PDF_CONTENT_SECURITY_POLICY, "Cache-Control": "private, max-age=300"},
    )


def _neighbour(passage: Passage | None) -> NeighbourOut | None:
    return None if passage is None else NeighbourOut(id=passage.id, page=passage.page, text=passage.text)


@router.get("/passages/{passage_id}", response_model=PassageOut, responses=_NOT_FOUND, summary="Eine Passage")
def passage(
    passage_id: str,
    runtime: RuntimeDep,
    quote: Annotated[
        str | None, Query(max_length=2000, description="Zitat, dessen Lage in `highlight` gemeldet wird")
    ] = None,
) -> PassageOut:
    """Text, Seite und Abschnitt einer Passage sowie die Passagen davor und danach.

    Ist die Passage eine Zusage, nennt `commitment_id` sie (siehe `GET /api/commitments`)."""
    found = runtime.require().passage(passage_id)
    if found is None:
        raise HTTPException(404, detail=f"Unbekannte Passage: {_shown(passage_id)}")
    current, before, after = found
    span = find_quote(current.text, quote) if quote else None
    return PassageOut(
        id=current.id,
        document=current.document,
        title=current.title,
        page=current.page,
        section=current.section,
        section_path=list(current.section_path),
        kind=current.kind,
        text=current.text,
        highlight=HighlightOut(start=span[0], end=span[1]) if span else None,
        pages=quote_pages(current, quote),
        before=_neighbour(before),
        after=_neighbour(after),
        commitment_id=current.commitment_id,
    )
