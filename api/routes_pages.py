"""A cited PDF page as an image, with the quote marked: `GET /api/documents/{id}/pages/{n}.png`.

The sources panel shows it next to the passage text; `…/marks` tells the page where the marked lines
are, so it can scroll them into view. Both take the passage (and optionally the exact quote) whose
text is marked; a passage running onto the next page is marked on each page with its part there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.page_image import DEFAULT_SCALE, MAX_SCALE, MIN_SCALE, PageError, PageRenderer
from api.page_marks import Box, pieces
from api.routes_documents import document_file
from api.runtime import RuntimeDep
from api.schemas import ErrorOut, PageMarkOut, PageMarksOut
from domain.types import DocumentInfo

router = APIRouter(prefix="/api", tags=["Dokumente"])

_ERRORS = {
    404: {"model": ErrorOut, "description": "Unbekanntes Dokument, unbekannte Passage oder Seite außerhalb"},
    503: {"model": ErrorOut, "description": "Index noch nicht geladen"},
}

PassageParam = Annotated[
    str | None, Query(max_length=300, description="Passage, deren Text auf der Seite markiert wird")
]
QuoteParam = Annotated[
    str | None, Query(max_length=2000, description="Nur dieses Zitat der Passage markieren (wie in `citations`)")
]


def renderer(request: Request) -> PageRenderer:
    return request.app.state.pages


def _shown(value: str) -> str:
    return value if len(value) <= 80 else value[:80] + "…"


async def _boxes(
    request: Request, runtime, document_id: str, page: int, passage: str | None, quote: str | None
) -> tuple[DocumentInfo, Path, list[Box]]:
    info, path = document_file(runtime, document_id)
    pages = renderer(request)
    count = await run_in_threadpool(pages.page_count, path, info.sha256)
    if not 1 <= page <= count:
        raise HTTPException(404, detail=f"„{info.title}“ hat keine Seite {page} (Seiten 1 bis {count}).")
    if not passage:
        return info, path, []
    found = runtime.require().passage(passage)
    if found is None or found[0].document != info.id:
        raise HTTPException(404, detail=f"Unbekannte Passage in diesem Dokument: {_shown(passage)}")
    parts = tuple(pieces(found[0], quote))
    boxes = await run_in_threadpool(pages.marks, path, info.sha256, page, parts)
    return info, path, boxes


@router.get(
    "/documents/{document_id}/pages/{page}.png",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "Die Seite als PNG"}} | _ERRORS,
    summary="Eine PDF-Seite als Bild, mit markiertem Zitat",
)
async def page_image(
    request: Request,
    runtime: RuntimeDep,
    document_id: str,
    page: int,
    passage: PassageParam = None,
    quote: QuoteParam = None,
    scale: Annotated[
        float,
        Query(ge=MIN_SCALE, le=MAX_SCALE, description=f"Vergrößerung, 1 = 72 dpi ({MIN_SCALE:g} bis {MAX_SCALE:g})"),
    ] = DEFAULT_SCALE,
) -> Response:
    """Die Seite `page` (ab 1, wie `citations[].page`), auf dem Server gerendert. Mit `passage` ist deren
    Text auf dieser Seite gelb markiert, mit `quote` nur das Zitat; wird es nicht gefunden, kommt die
    Seite ohne Markierung (Header `X-Marks: 0`)."""
    info, path, boxes = await _boxes(request, runtime, document_id, page, passage, quote)
    try:
        png = await run_in_threadpool(renderer(request).png, path, info.sha256, page, scale, boxes)
    except PageError as exc:
        raise HTTPException(422, detail=str(exc)) from exc
    return Response(
        png,
        media_type="image/png",
        # The image depends only on the file's content (its SHA-256 is in the cache key) and the query.
        headers={"Cache-Control": "private, max-age=3600", "X-Marks": str(len(boxes))},
    )


@router.get(
    "/documents/{document_id}/pages/{page}/marks",
    response_model=PageMarksOut,
    responses=_ERRORS,
    summary="Wo das Zitat auf der Seite steht",
)
async def page_marks(
    request: Request,
    runtime: RuntimeDep,
    document_id: str,
    page: int,
    passage: PassageParam = None,
    quote: QuoteParam = None,
) -> PageMarksOut:
    """Die markierten Zeilen als Anteile der Bildbreite und -höhe (0 bis 1, von links oben)."""
    info, path, boxes = await _boxes(request, runtime, document_id, page, passage, quote)
    marks = await run_in_threadpool(renderer(request).fractions, path, info.sha256, page, boxes)
    return PageMarksOut(
        document=info.id,
        page=page,
        marks=[PageMarkOut(x=m.x, y=m.y, width=m.width, height=m.height) for m in marks],
    )
