"""The assistant as the service holds it: loaded once, possibly missing, with a small answer cache.

Answers are deterministic for a given index version, question, document filter and history, so
repeated questions (the same press question asked by many people) are served from memory. The
index version is part of the key, so a reload never serves an answer from the old index.

`leitbild serve --workers N` runs N processes, each with its own Runtime over the same index
directory. Each follows the published version by itself: a thread reads the CURRENT pointer
once a second (a 30-byte file) and switches when it changed, so `leitbild ingest` reaches every
worker without anyone calling them. POST /api/admin/reload switches the receiving worker at once
and reports `reloaded` against the version the service last reported (kept in the index
directory, shared by the workers), so the answer does not depend on which worker received it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import threading
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, HTTPException, Request

from domain.settings import Settings
from domain.types import Answer

if TYPE_CHECKING:
    from assistant import Assistant

log = logging.getLogger("leitbild.api")

NOT_LOADED = "Der Assistent wird noch geladen – bitte gleich erneut versuchen."
FOLLOW_INTERVAL_S = 1.0
ACK_FILE = ".admin-reload.json"  # in the index directory: the version the last admin reload reported
# One id for all workers of one `leitbild serve`: an acknowledgement left by an earlier run is not ours.
SERVICE_ENV = "LEITBILD_SERVICE_ID"

CacheKey = tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...]]


class AnswerCache:
    """A thread-safe LRU of finished answers; size 0 turns it off."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[CacheKey, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: CacheKey) -> Answer | None:
        with self._lock:
            answer = self._entries.get(key)
            if answer is not None:
                self._entries.move_to_end(key)
            return answer

    def put(self, key: CacheKey, answer: Answer) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._entries[key] = answer
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


class Runtime:
    def __init__(self, settings: Settings, assistant: Assistant | None = None, answer_cache: int | None = None) -> None:
        self.settings = settings
        self._assistant = assistant
        self._started_version = assistant.index_version if assistant is not None else None
        self.load_error: str | None = None
        self.cache = AnswerCache(settings.answer_cache if answer_cache is None else answer_cache)
        self._load_lock = threading.Lock()
        self._stop = threading.Event()
        self._follower: threading.Thread | None = None
        self._failed_version: str | None = None
        self._service = os.environ.get(SERVICE_ENV) or uuid.uuid4().hex
        self._last_reported: str | None = None  # where the index directory cannot be written

    def load(self) -> None:
        """Load index and model; on failure the service stays up and /readyz says why."""
        from assistant import Assistant

        with self._load_lock:
            if self._assistant is not None:
                return
            try:
                import faiss

                # Requests run in parallel threads, each searching for one query: an OpenMP team per
                # request thread would only spin against the others on a few cores.
                faiss.omp_set_num_threads(1)
                self._assistant = Assistant(self.settings)
                self._started_version = self._assistant.index_version
                self.load_error = None
            except Exception as exc:  # noqa: BLE001 - any load failure must leave /healthz and /readyz answering
                log.exception("Assistent konnte nicht geladen werden")
                self.load_error = str(exc) or exc.__class__.__name__

    @property
    def ready(self) -> bool:
        return self._assistant is not None

    def require(self) -> Assistant:
        if self._assistant is None:
            raise HTTPException(503, detail=self.load_error or NOT_LOADED)
        return self._assistant

    # -- following the published version ----------------------------------------------------

    def start_following(self, interval_s: float = FOLLOW_INTERVAL_S) -> None:
        if self._follower is not None:
            return
        self._stop.clear()
        self._follower = threading.Thread(target=self._follow, args=(interval_s,), name="index-follower", daemon=True)
        self._follower.start()

    def stop_following(self) -> None:
        self._stop.set()
        if self._follower is not None:
            self._follower.join(timeout=5)
            self._follower = None

    def _follow(self, interval_s: float) -> None:
        while not self._stop.wait(interval_s):
            try:
                self.follow_once()
            except Exception:  # noqa: BLE001 - the follower must outlive any one bad version
                log.exception("Index-Version konnte nicht übernommen werden")

    def follow_once(self) -> bool:
        """Switch to the published version if it changed (the index may also appear only now).
        A version that failed to load is not tried again; the next published one is."""
        from index import store

        if not self.ready:
            self.load()
            return self.ready
        current = store.current_version(Path(self.settings.index_dir))
        if current is None or current.name in (self.require().index_version, self._failed_version):
            return False
        try:
            return self.require().reload_if_changed()
        except Exception:
            self._failed_version = current.name
            raise

    def admin_reload(self) -> tuple[bool, str]:
        """Switch this worker now; (whether the service now serves another version than it last
        reported, the version). Raises what loading the new version raised."""
        loaded_now = False
        if not self.ready:  # the index may have been built after the service started
            self.load()
            loaded_now = self.ready
        assistant = self.require()
        assistant.reload_if_changed()
        version = assistant.index_version
        previous = self._acknowledge(version)
        reloaded = loaded_now or version != (previous or self._started_version)
        return reloaded, version

    def _acknowledge(self, version: str) -> str | None:
        """Record `version` as reported; return the version reported before (by any worker)."""
        root = Path(self.settings.index_dir)
        try:
            with (root / f"{ACK_FILE}.lock").open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                previous = None
                with contextlib.suppress(OSError, ValueError):
                    recorded = json.loads((root / ACK_FILE).read_text(encoding="utf-8"))
                    if recorded.get("service") == self._service:
                        previous = recorded.get("version")
                staging = root / f".{ACK_FILE}.{os.getpid()}"
                staging.write_text(json.dumps({"service": self._service, "version": version}), encoding="utf-8")
                os.replace(staging, root / ACK_FILE)
                return previous
        except OSError:  # a read-only index directory: this worker's own memory has to do
            previous, self._last_reported = self._last_reported, version
            return previous

    # -- answering ----------------------------------------------------------------------------

    def validate(self, question: str, documents: Sequence[str] | None) -> str:
        """Raises `QuestionError` with a German message; call before a stream starts."""
        return self.require().validate(question, documents)

    def ask(self, question: str, documents: Sequence[str] | None, history: Sequence[tuple[str, str]]) -> Answer:
        from assistant.followup import Turn

        assistant = self.require()
        text = assistant.validate(question, documents)
        key: CacheKey = (assistant.index_version, text, tuple(sorted(documents or ())), tuple(history))
        answer = self.cache.get(key)
        if answer is None:
            turns = [Turn(role, content) for role, content in history]
            answer = assistant.ask(text, documents=documents or None, history=turns)
            self.cache.put(key, answer)
        return answer


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
