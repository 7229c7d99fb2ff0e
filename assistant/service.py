"""The one public entry point: `Assistant.ask`. The CLI, the API and the eval all call it."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant import catalog, compose, followup
from assistant.intent import classify
from assistant.relevance import signals, supported
from assistant.retrieve import Hit, System, rank
from assistant.verify import verified
from domain.settings import Settings, get_settings
from domain.types import Answer, Commitment, DocumentInfo, Passage
from index import store
from index.embedder import Embedder, load_embedder


class QuestionError(ValueError):
    """A question that cannot be asked (empty, too long, unknown document); the message is German."""


class Assistant:
    def __init__(self, settings: Settings | None = None, *, data: store.IndexData | None = None) -> None:
        self.settings = settings or get_settings()
        self._data = data or store.load(self.settings.index_dir)
        self._embedder: Embedder = load_embedder(
            self.settings.model_path(), self.settings.torch_threads, self.settings.encoder
        )
        self._check_model()
        self._reload_lock = threading.Lock()

    def _check_model(self) -> None:
        if self._data.manifest.get("dimensions") != self._embedder.dimensions:
            raise store.IndexMissingError(
                "Index und Modell passen nicht zusammen – bitte mit dem eingestellten Modell neu einlesen."
            )

    @property
    def data(self) -> store.IndexData:
        return self._data

    @property
    def index_version(self) -> str:
        return self._data.version

    def reload_if_changed(self) -> bool:
        """Switch to a newly published index version; requests in flight keep the old one."""
        with self._reload_lock:
            current = store.current_version(Path(self.settings.index_dir))
            if current is None or current.name == self._data.version:
                return False
            fresh = store.load(Path(self.settings.index_dir))
            if fresh.manifest.get("dimensions") != self._embedder.dimensions:
                raise store.IndexMissingError(
                    "Der neue Index passt nicht zum eingestellten Modell – die bisherige Version bleibt aktiv."
                )
            self._data = fresh
            return True

    # -- questions -------------------------------------------------------------------------

    def validate(self, question: str, documents: Sequence[str] | None = None) -> str:
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in question or ""):
            raise QuestionError("Die Frage enthält ungültige Unicode-Zeichen.")
        printable = "".join(ch if ch.isprintable() else " " for ch in question or "")
        text = " ".join(printable.split())
        if not text:
            raise QuestionError("Die Frage ist leer.")
        limit = self.settings.max_question_chars
        if len(text) > limit:
            raise QuestionError(f"Die Frage ist zu lang ({len(text)} Zeichen, erlaubt sind höchstens {limit}).")
        known = {d.id for d in self._data.documents}
        unknown = [d for d in documents or [] if d not in known]
        if unknown:
            raise QuestionError(f"Unbekannte Dokument-ID: {', '.join(unknown)}")
        return text

    def ask(
        self,
        question: str,
        *,
        documents: Sequence[str] | None = None,
        history: Sequence[followup.Turn] | None = None,
        system: System = "hybrid",
    ) -> Answer:
        data = self._data  # one version for the whole answer, even if a reload happens meanwhile
        text = self.validate(question, documents)
        resolution = followup.resolve(text, history)
        allowed = self._allowed(data, documents)
        if resolution.narrows and resolution.previous_question:
            previous = self._picks(data, resolution.previous_question, allowed, system)
            narrowed = np.zeros(len(data.passages), dtype=bool)
            narrowed[[p.hit.index for p in previous]] = True
            allowed = narrowed if allowed is None else (allowed & narrowed)
            picks = self._picks(data, text, allowed, system, relevance_query=text)
        else:
            picks = self._picks(data, resolution.query, allowed, system, relevance_query=text)
        citations = verified(compose.to_citations(data, picks), data.pages)
        if not citations:
            return Answer.abstain(text)
        return Answer(text, compose.render(classify(text), citations), False, tuple(citations))

    def _picks(
        self,
        data: store.IndexData,
        query: str,
        allowed: np.ndarray | None,
        system: System,
        relevance_query: str | None = None,
    ) -> list[compose.Pick]:
        vector = self._embedder.queries([query])[0]
        hits: list[Hit] = rank(data, vector, query, allowed=allowed, system=system)
        own = relevance_query or query
        intent = classify(own)
        if not hits or not supported(signals(data, hits, own, intent)):
            return []
        return compose.pick(data, hits, vector, query, intent)

    @staticmethod
    def _allowed(data: store.IndexData, documents: Sequence[str] | None) -> np.ndarray | None:
        if not documents:
            return None
        wanted = set(documents)
        return np.array([p.document in wanted for p in data.passages], dtype=bool)

    def question_vectors(self, questions: Sequence[str]) -> np.ndarray:
        """The e5 query vectors retrieval uses; for tuning tools that replay the ranking."""
        return self._embedder.queries(list(questions))

    # -- browsing --------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        return list(self._data.documents)

    def passage(self, passage_id: str) -> tuple[Passage, Passage | None, Passage | None] | None:
        data = self._data
        i = data.passage_positions.get(passage_id)
        if i is None:
            return None
        passages, p = data.passages, data.passages[i]
        before = passages[i - 1] if i > 0 and passages[i - 1].document == p.document else None
        after = passages[i + 1] if i + 1 < len(passages) and passages[i + 1].document == p.document else None
        return p, before, after

    def commitments(
        self, *, query: str | None = None, section: str | None = None, documents: Sequence[str] | None = None
    ) -> list[Commitment]:
        """The catalog, filtered by Handlungsfeld and document; with a query, only relevant ones, best first."""
        data = self._data
        if documents:
            self.validate("Katalog", documents)
        candidates = catalog.filter_commitments(data, section=section, documents=documents)
        if query is None or not query.strip():
            return candidates
        return catalog.search_commitments(data, self._embedder, self.validate(query), candidates)
