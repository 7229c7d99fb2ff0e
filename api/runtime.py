"""The assistant as the service holds it: loaded once, possibly missing, with a small answer cache.

Answers are deterministic for a given index version, question, document filter and history, so
repeated questions (the same press question asked by many people) are served from memory. The
index version is part of the key, so a reload never serves an answer from the old index.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, HTTPException, Request

from domain.settings import Settings
from domain.types import Answer

if TYPE_CHECKING:
    from assistant import Assistant

log = logging.getLogger("leitbild.api")

NOT_LOADED = "Der Assistent wird noch geladen – bitte gleich erneut versuchen."

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
    def __init__(self, settings: Settings, assistant: Assistant | None = None, answer_cache: int = 256) -> None:
        self.settings = settings
        self._assistant = assistant
        self.load_error: str | None = None
        self.cache = AnswerCache(answer_cache)
        self._load_lock = threading.Lock()

    def load(self) -> None:
        """Load index and model; on failure the service stays up and /readyz says why."""
        from assistant import Assistant

        with self._load_lock:
            if self._assistant is not None:
                return
            try:
                self._assistant = Assistant(self.settings)
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
