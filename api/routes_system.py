"""Liveness, readiness and the guarded admin call that switches to a newly published index."""

from __future__ import annotations

import logging
import os
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.runtime import NOT_LOADED, RuntimeDep
from api.schemas import ErrorOut, HealthOut, ReadyOut, ReloadOut
from api.security import check_admin_token

log = logging.getLogger("leitbild.api")
router = APIRouter(tags=["Betrieb"])


@router.get("/healthz", response_model=HealthOut, summary="Prozess lebt")
@router.head("/healthz", include_in_schema=False)  # monitors often probe with HEAD
def healthz() -> HealthOut:
    return HealthOut(status="ok")


@router.get("/readyz", response_model=ReadyOut, responses={503: {"model": ErrorOut}}, summary="Index geladen")
def readyz(runtime: RuntimeDep):
    if not runtime.ready:
        return JSONResponse({"detail": runtime.load_error or NOT_LOADED}, status_code=503)
    assistant = runtime.require()
    return ReadyOut(
        status="ready", index_version=assistant.index_version, documents=len(assistant.documents()), worker=os.getpid()
    )


@router.post(
    "/api/admin/reload",
    response_model=ReloadOut,
    responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 503: {"model": ErrorOut}},
    summary="Neu veröffentlichten Index übernehmen",
)
async def admin_reload(runtime: RuntimeDep, authorization: Annotated[str | None, Header()] = None) -> ReloadOut:
    """Nach `leitbild ingest` aufrufen (Header `Authorization: Bearer <Token>`); laufende Anfragen
    beantworten ihre Frage mit dem Index, mit dem sie begonnen haben."""
    check_admin_token(runtime.settings.admin_token, authorization)
    try:
        reloaded, version = await run_in_threadpool(runtime.admin_reload)
    except HTTPException:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken new version must not take the running one down
        log.exception("Index-Wechsel fehlgeschlagen")
        raise HTTPException(503, detail=f"Der neue Index konnte nicht geladen werden: {exc}") from exc
    return ReloadOut(reloaded=reloaded, index_version=version)
