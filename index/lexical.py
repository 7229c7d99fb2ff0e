"""BM25 over passages (bm25s), on the German terms of domain/german.py.

A query is searched without the words that name a document's author or place (TOPIC_NEUTRAL:
"Landesregierung", "Koalition", "NRW"): "Wie steht die Koalition zum Fracking?" is about fracking.
"""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

from domain.german import TOPIC_NEUTRAL, terms

EMPTY = "∅"  # bm25s cannot index a document without tokens


class LexicalIndex:
    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        return cls.of_terms([terms(t) for t in texts])

    @classmethod
    def of_terms(cls, passage_terms: list[list[str]]) -> LexicalIndex:
        """From each passage's terms, as `domain.german.terms` gives them (the index build tokenises once)."""
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([t or [EMPTY] for t in passage_terms], show_progress=False)
        return cls(retriever, len(passage_terms))

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(directory), show_progress=False, verbosity=0), size)

    def scores(self, query: str) -> np.ndarray:
        """The BM25 score of every passage, in index order."""
        vocab = self._retriever.vocab_dict
        query_terms = [t for t in terms(query) if t in vocab and t not in TOPIC_NEUTRAL]
        if not query_terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(query_terms), dtype=np.float32)
