"""The archive as the service holds it: opened (and migrated) at start-up, possibly unavailable.

An answer is still given when the archive cannot store it (a full disk, a database restart): the
person gets the answer without a permalink (`id` and `permalink` null) and the failure is logged;
the archive's own routes answer 503 until it is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.archive import Archive
from api.database import DatabaseError
from domain.settings import Settings
from domain.types import Answer

log = logging.getLogger("leitbild.api")

RETRY_S = 30.0  # a database that was down at start-up is tried again, at most this often
UNAVAILABLE = "Das Antwortarchiv ist nicht verfügbar – gespeicherte Antworten und Rückmeldungen gehen gerade nicht."


class ArchiveAccess:
    def __init__(self, settings: Settings, archive: Archive | None = None) -> None:
        self.settings = settings
        self.archive = archive
        self.error: str | None = None
        self._tried = 0.0
        self._lock = threading.Lock()

    def open(self) -> None:
        with self._lock:
            if self.archive is not None:
                return
            self._tried = time.monotonic()
            try:
                self.archive = Archive.open(self.settings.database())
                self.error = None
            except DatabaseError as exc:
                log.error("%s", exc)
                self.error = str(exc)

    def _retry(self) -> None:
        if self.archive is None and time.monotonic() - self._tried > RETRY_S:
            self.open()

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()

    def require(self) -> Archive:
        self._retry()
        if self.archive is None:
            raise HTTPException(503, detail=UNAVAILABLE)
        return self.archive

    def store(
        self,
        answer: Answer,
        *,
        history: Sequence[tuple[str, str]],
        documents: Sequence[str] | None,
        index_version: str,
        document_hashes: dict[str, str],
    ) -> dict:
        """The answer's JSON with `id` and `permalink`; both null when it could not be stored."""
        body = answer.to_dict()
        body["id"] = body["permalink"] = None
        self._retry()
        if self.archive is None:
            return body
        try:
            stored = self.archive.save(
                answer,
                history=history,
                documents=documents,
                index_version=index_version,
                document_hashes=document_hashes,
            )
        except Exception:  # noqa: BLE001 - the answer itself must still reach the person who asked
            log.exception("Antwort konnte nicht archiviert werden")
            return body
        body["id"], body["permalink"] = stored.id, stored.permalink
        return body


def get_archive_access(request: Request) -> ArchiveAccess:
    return request.app.state.archive


ArchiveDep = Annotated[ArchiveAccess, Depends(get_archive_access)]
