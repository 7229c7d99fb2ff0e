"""The one public entry point: `Assistant.ask`. The CLI, the API and the eval all call it.

    question ──> retrieve ──> judge ──> select ──> quote ──> verify ──> render ──> Answer
                 (hybrid)     (or "keine Aussage")                     (quotes on their pages)

Each stage is a module of its own with one entry point and its part of the `AnswerPolicy`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant import catalog, followup, question
from assistant.baseline import PROBES, probe_baseline
from assistant.fusion import System
from assistant.judge import judge
from assistant.policy import AnswerPolicy, JudgePolicy, policy_for
from assistant.question import QuestionError
from assistant.quote import citations, quote
from assistant.render import render
from assistant.retrieve import retrieve
from assistant.scope import document_scope, named_documents, only
from assistant.select import Commitments, Selection, select
from assistant.verify import verify
from domain import german
from domain.settings import Settings, get_settings
from domain.types import Answer, Commitment, DocumentInfo, Passage
from index import store
from index.embedder import Embedder, load_embedder
from index.vocabulary import Vocabulary


class Assistant:
    def __init__(
        self,
        settings: Settings | None = None,
        *,
        data: store.IndexData | None = None,
        policy: AnswerPolicy | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        self._index = data or store.load(self.settings.index_dir)
        self._embedder: Embedder = load_embedder(
            self.settings.model_path(), self.settings.torch_threads, self.settings.encoder
        )
        self._check_model(
            self._index, "Index und Modell passen nicht zusammen – bitte mit dem eingestellten Modell neu einlesen."
        )
        self.policy = policy or policy_for(self.settings.model)
        self._reload_lock = threading.Lock()
        self._probe_vectors: np.ndarray | None = None
        self._baselines: dict[tuple, float] = {}  # (index version, scope, retrieval policy) -> PROBES baseline

    def _check_model(self, index: store.IndexData, message: str) -> None:
        if index.manifest.get("dimensions") != self._embedder.dimensions:
            raise store.IndexMissingError(message)

    @property
    def data(self) -> store.IndexData:
        return self._index

    @property
    def index_version(self) -> str:
        return self._index.version

    def reload_if_changed(self) -> bool:
        """Switch to a newly published index version; requests in flight keep the old one."""
        with self._reload_lock:
            current = store.current_version(Path(self.settings.index_dir))
            if current is None or current.name == self._index.version:
                return False
            fresh = store.load(Path(self.settings.index_dir))
            self._check_model(
                fresh, "Der neue Index passt nicht zum eingestellten Modell – die bisherige Version bleibt aktiv."
            )
            self._index = fresh
            return True

    # -- questions -------------------------------------------------------------------------

    def validate(self, text: str, documents: Sequence[str] | None = None) -> str:
        """The question as it will be answered; QuestionError (German) when it cannot be asked."""
        text = question.validate(text or "", self.settings.max_question_chars)
        self._check_documents(documents)
        return text

    def _check_documents(self, documents: Sequence[str] | None) -> None:
        known = {d.id for d in self._index.documents}
        unknown = [d for d in documents or [] if d not in known]
        if unknown:
            raise QuestionError(f"Unbekannte Dokument-ID: {', '.join(unknown)}")

    def ask(
        self,
        question: str,
        *,
        documents: Sequence[str] | None = None,
        history: Sequence[followup.Turn] | None = None,
        system: System = "hybrid",
    ) -> Answer:
        index = self._index  # one version for the whole answer, even if a reload happens meanwhile
        text = self.validate(question, documents)
        asked, searched = self._scope(index, text, documents)
        scope = document_scope(index, searched)
        vocabulary = index.vocabulary.within(searched)  # what the documents asked of say
        judging = self.judge_policy(index, searched)
        turn = followup.resolve(asked, history)
        if turn.narrows and turn.previous_question:  # "welche davon": only what the last answer cited
            previous = self._selection(index, turn.previous_question, scope, vocabulary, judging, system)
            scope = only(index, [h.position for h in previous.hits], scope)
        intent = german.intent(asked)
        vector = self._embedder.queries([turn.query])[0]
        ranking = retrieve(index, vector, turn.query, self.policy.retrieval, scope=scope, system=system)
        # A follow-up ("Und wer prüft danach die Höhe?") is judged with the question it continues.
        judged = turn.query if turn.previous_question and not turn.narrows else asked
        if not judge(ranking.hits, judged, intent, vocabulary, judging, asked=asked).supported:
            return Answer.abstain(text)
        selection = select(ranking, intent, turn.query, Commitments.of(index), self.policy.select, asked=asked)
        quotes = quote(selection, vector, turn.query, intent, index.units_of, self.policy.quote)
        verified = verify(citations(quotes, index.pages), index.pages, self.policy.quote.max_chars)
        return render(text, intent, verified, index.documents_by_id)

    def _scope(self, index: store.IndexData, text: str, documents: Sequence[str] | None) -> tuple[str, list[str]]:
        """The question as searched and the documents it may be answered from (none: all): the
        user's filter, narrowed to the documents the question names ("laut Leitbild") where that
        leaves any."""
        naming = named_documents(text, index.documents)
        chosen = list(documents or [])
        if naming.documents:
            narrowed = [d for d in naming.documents if not chosen or d in chosen]
            if narrowed:
                return naming.query, narrowed
        return text, chosen

    def _selection(
        self,
        index: store.IndexData,
        text: str,
        scope: np.ndarray | None,
        vocabulary: Vocabulary,
        judging: JudgePolicy,
        system: System,
    ) -> Selection:
        """What an earlier question's answer cited (answers are deterministic for one index version)."""
        intent = german.intent(text)
        vector = self._embedder.queries([text])[0]
        ranking = retrieve(index, vector, text, self.policy.retrieval, scope=scope, system=system)
        if not judge(ranking.hits, text, intent, vocabulary, judging).supported:
            return Selection((), "facts")
        return select(ranking, intent, text, Commitments.of(index), self.policy.select)

    def judge_policy(self, index: store.IndexData, documents: Sequence[str] | None) -> JudgePolicy:
        """The judge's levels for these documents (all when none): shifted by how close questions they
        cannot answer come to their passages (assistant/baseline.py), measured once per scope."""
        judging = self.policy.judge
        if judging.probe_reference is None:
            return judging
        key = (index.version, id(index), tuple(sorted(documents or ())), self.policy.retrieval, judging.dense_depth)
        if key not in self._baselines:
            if self._probe_vectors is None:
                self._probe_vectors = self._embedder.queries(list(PROBES))
            self._baselines[key] = probe_baseline(
                index, self._probe_vectors, documents or None, self.policy.retrieval, judging.dense_depth
            )
        return judging.relative_to(self._baselines[key])

    def question_vectors(self, questions: Sequence[str]) -> np.ndarray:
        """The e5 query vectors retrieval uses; for tuning tools that replay the ranking."""
        return self._embedder.queries(list(questions))

    # -- browsing --------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        return list(self._index.documents)

    def passage(self, passage_id: str) -> tuple[Passage, Passage | None, Passage | None] | None:
        index = self._index
        i = index.passage_positions.get(passage_id)
        if i is None:
            return None
        passages, p = index.passages, index.passages[i]
        before = passages[i - 1] if i > 0 and passages[i - 1].document == p.document else None
        after = passages[i + 1] if i + 1 < len(passages) and passages[i + 1].document == p.document else None
        return p, before, after

    def commitments(
        self, *, query: str | None = None, section: str | None = None, documents: Sequence[str] | None = None
    ) -> list[Commitment]:
        """The catalog, filtered by section and document; with a query, only relevant ones, best first."""
        index = self._index
        self._check_documents(documents)
        candidates = catalog.filter_commitments(index, section=section, documents=documents)
        text = question.normalize(query or "", "Die Suche")
        if not text:
            return candidates
        text = question.validate(text, self.settings.max_question_chars, "Die Suche")
        if not question.names_something(text):
            return []
        vector = self._embedder.queries([text])[0]
        policy = self.policy.model_copy(update={"judge": self.judge_policy(index, documents)})
        return catalog.search_commitments(index, vector, text, candidates, policy)
