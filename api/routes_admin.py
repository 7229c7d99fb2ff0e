"""Staff review of feedback: list it with the answer, mark it confirmed or rejected (Bearer admin token).

The page /feedback asks for the token once and sends it in the `Authorization` header; the token
never goes into a URL or a cookie, so a foreign page cannot ride on a logged-in browser.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, HTTPException, Path, Query
from starlette.concurrency import run_in_threadpool

from api.archive import FeedbackItem
from api.archive_access import ArchiveDep
from api.runtime import RuntimeDep
from api.schemas import ErrorOut, FeedbackOut, FeedbackReviewIn, ReviewedFeedbackOut
from api.security import check_admin_token

router = APIRouter(prefix="/api/admin", tags=["Betrieb"])

_ERRORS = {
    401: {"model": ErrorOut, "description": "Fehlendes oder falsches Admin-Token"},
    403: {"model": ErrorOut, "description": "Admin-Aufrufe abgeschaltet (kein LEITBILD_ADMIN_TOKEN)"},
    503: {"model": ErrorOut, "description": "Antwortarchiv nicht verfügbar"},
}


def reviewed_out(item: FeedbackItem) -> ReviewedFeedbackOut:
    return ReviewedFeedbackOut(
        **FeedbackOut.model_validate(item, from_attributes=True).model_dump(),
        reviewed_at=item.reviewed_at,
        question=item.answer.question,
        answer={**item.answer.answer, "id": item.answer.id, "permalink": item.answer.permalink},
        permalink=item.answer.permalink,
        index_version=item.answer.index_version,
    )


@router.get("/feedback", response_model=list[ReviewedFeedbackOut], responses=_ERRORS, summary="Rückmeldungen prüfen")
async def list_feedback(
    runtime: RuntimeDep,
    archive: ArchiveDep,
    authorization: Annotated[str | None, Header()] = None,
    rating: Annotated[Literal["up", "down", "all"], Query(description="Standard: nur negative")] = "down",
    status: Annotated[Literal["new", "confirmed", "rejected", "all"], Query()] = "all",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[ReviewedFeedbackOut]:
    """Rückmeldungen mit der Antwort, neueste zuerst."""
    check_admin_token(runtime.settings.admin_token, authorization)
    store = archive.require()
    items = await run_in_threadpool(
        store.feedback,
        rating=None if rating == "all" else rating,
        status=None if status == "all" else status,
        limit=limit,
    )
    return [reviewed_out(item) for item in items]


@router.patch(
    "/feedback/{feedback_id}",
    response_model=ReviewedFeedbackOut,
    responses=_ERRORS | {404: {"model": ErrorOut, "description": "Unbekannte Rückmeldung"}},
    summary="Rückmeldung bestätigen oder verwerfen",
)
async def review_feedback(
    feedback_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: FeedbackReviewIn,
    runtime: RuntimeDep,
    archive: ArchiveDep,
    authorization: Annotated[str | None, Header()] = None,
) -> ReviewedFeedbackOut:
    """`confirmed`: wird von `leitbild feedback export --gold FILE` als Goldfrage-Kandidat ausgegeben."""
    check_admin_token(runtime.settings.admin_token, authorization)
    store = archive.require()
    item = await run_in_threadpool(store.review, feedback_id, body.status)
    if item is None:
        raise HTTPException(404, detail=f"Unbekannte Rückmeldung: {feedback_id}")
    return reviewed_out(item)
