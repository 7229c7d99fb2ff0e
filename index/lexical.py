"""German BM25: Snowball stemming (PyStemmer) and stop words, scored by bm25s."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

from index.compounds import split_compound

_WORD = re.compile(r"[0-9A-Za-zÄÖÜäöüß]+(?:[.-][0-9A-Za-zÄÖÜäöüß]+)*")
# Question words carry no topic; leaving them in would favour passages that happen to contain "wie".
QUESTION_WORDS = frozenset(
    [
        "welche",
        "welcher",
        "welches",
        "welchen",
        "was",
        "wie",
        "wann",
        "wo",
        "wer",
        "wem",
        "wen",
        "warum",
        "wieso",
        "weshalb",
        "womit",
        "wofür",
        "wozu",
        "gibt",
        "geben",
        "es",
        "bitte",
        "denn",
        "eigentlich",
        "genau",
        "sagt",
        "steht",
        "dokument",
        "dokumente",
        "leitbild",
        "hoch",
        "viel",
        "viele",
        "groß",
        "derzeit",
        "aktuell",
        "künftig",
        "etwa",
        "ungefähr",
        "überhaupt",
    ]
)
STOPWORDS = frozenset(STOPWORDS_GERMAN) | QUESTION_WORDS
# Every strategy of the state government is about NRW; these never tell one topic from another.
TOPIC_NEUTRAL = frozenset({"nrw", "nordrhein", "westfal", "nordrhein-westfal", "land", "landesregier", "regier"})


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


MIN_COMPOUND = 10  # shorter words are rarely compounds worth splitting
MIN_SPLIT_SCORE = 0.5


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, ...]:
    """German compounds also match their parts: "Handwerksbetrieb" → "handwerk", "betrieb".
    CharSplit's n-gram statistics decide where to split; it ships its data, no download."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    score, head, tail = split_compound(word)[0]
    if score < MIN_SPLIT_SCORE:
        return ()
    parts = (
        head.lower().rstrip("s") if head.lower().endswith(("ungs", "ts", "ons", "ks")) else head.lower(),
        tail.lower(),
    )
    return tuple(p for p in parts if len(p) >= 4)


def terms(text: str, *, parts: bool = True) -> list[str]:
    """Stemmed content terms: what BM25 indexes and matches, compound parts included unless
    `parts` is False (topic checks want the words as written: "Arbeitslosenquote" is not "Quote")."""
    stemmer = _stemmer()
    found: list[str] = []
    for w in words(text):
        if w in STOPWORDS or (len(w) <= 1 and not w.isdigit()):
            continue
        found.append(stemmer.stemWord(w))
        if parts:
            found.extend(stemmer.stemWord(p) for p in compound_parts(w) if p not in STOPWORDS)
    return found


@lru_cache(maxsize=16384)
def term_set(text: str, parts: bool = True) -> frozenset[str]:
    """`terms` as a set, cached: the same sentences are compared with many questions."""
    return frozenset(terms(text, parts=parts))


class LexicalIndex:
    """BM25 over passages, scored against every passage (the corpora here are small)."""

    def __init__(self, retriever: bm25s.BM25, size: int, document_frequency: dict[str, int]) -> None:
        self._retriever = retriever
        self.size = size
        self.document_frequency = document_frequency

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        corpus = [terms(t) or ["∅"] for t in texts]
        retriever.index(corpus, show_progress=False)
        frequency = Counter(term for passage in corpus for term in set(passage))
        return cls(retriever, len(texts), dict(frequency))

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory), show_progress=False)
        (directory / "document_frequency.json").write_text(json.dumps(self.document_frequency), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, size: int) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        frequency = json.loads((directory / "document_frequency.json").read_text(encoding="utf-8"))
        return cls(retriever, size, frequency)

    def scores(self, query: str) -> np.ndarray:
        vocab = self._retriever.vocab_dict
        query_terms = [t for t in terms(query) if t in vocab]
        if not query_terms:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(query_terms), dtype=np.float32)

    def knows(self, term: str, min_head: int = 5) -> bool:
        """Whether the corpus uses the term, or the head of the compound it ends in
        ("Industrieprojekten" is known through "Projekt"; "Mindestlohn" is not)."""
        if term in self.document_frequency:
            return True
        return any(term[i:] in self.document_frequency for i in range(1, len(term) - min_head + 1))

    def nouns(self, query: str) -> list[str]:
        """Stemmed nouns of a German question: its capitalised words after the first."""
        found = [m.group(0) for m in _WORD.finditer(query)][1:]
        stemmer = _stemmer()
        return list(
            dict.fromkeys(
                stemmer.stemWord(w.lower())
                for w in found
                if w[:1].isupper() and w.lower() not in STOPWORDS and not w.isupper()
            )
        )

    def salient_terms(self, query: str, max_share: float = 0.08) -> list[str]:
        """The query's specific terms: those in at most `max_share` of passages (unseen ones included)."""
        limit = max(2, int(self.size * max_share))
        return list(
            dict.fromkeys(
                t
                for t in terms(query, parts=False)
                if self.document_frequency.get(t, 0) <= limit and t not in TOPIC_NEUTRAL
            )
        )
