"""German BM25: Snowball stemming (PyStemmer) and stop words, scored by bm25s."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

_WORD = re.compile(r"[0-9A-Za-zÄÖÜäöüß]+(?:[.-][0-9A-Za-zÄÖÜäöüß]+)*")
# Question words carry no topic; leaving them in would favour passages that happen to contain "wie".
QUESTION_WORDS = frozenset(
    "welche welcher welches welchen was wie wann wo wer wem wen warum wieso weshalb womit wofür wozu "
    "gibt geben es bitte denn eigentlich genau sagt steht dokument dokumente leitbild".split()
)
STOPWORDS = frozenset(STOPWORDS_GERMAN) | QUESTION_WORDS


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def words(text: str) -> list[str]:
    """Lower-cased word tokens; compounds like "5G.NRW" or "Start-up" also yield their parts."""
    tokens: list[str] = []
    for match in _WORD.finditer(text.lower()):
        token = match.group(0)
        tokens.append(token)
        if "-" in token or "." in token:
            tokens.extend(part for part in re.split(r"[.-]", token) if part)
    return tokens


def terms(text: str) -> list[str]:
    """Stemmed content terms: what BM25 indexes and matches."""
    stemmer = _stemmer()
    return [stemmer.stemWord(w) for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


class LexicalIndex:
    """BM25 over passages, scored against every passage (the corpora here are small)."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [terms(t) or ["∅"] for t in texts]
        retriever.index(corpus, show_progress=False)
        return cls(retriever, len(texts))

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        return cls(retriever, size)

    def scores(self, query: str) -> np.ndarray:
        vocab = self._retriever.vocab_dict
        query_terms = [t for t in terms(query) if t in vocab]
        if not query_terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(query_terms), dtype=np.float32)

    def known_terms(self, query: str) -> tuple[list[str], list[str]]:
        """The query's content terms split into those the corpus contains and those it never uses."""
        vocab = self._retriever.vocab_dict
        all_terms = terms(query)
        return [t for t in all_terms if t in vocab], [t for t in all_terms if t not in vocab]
