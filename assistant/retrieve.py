"""Retrieve: every passage in scope, ranked by meaning (FAISS on e5 vectors) and words (BM25).

A passage's meaning score mixes its own vector's cosine with its best sentence's (one vector per
sentence is stored). Where the vectors are searched exactly (a flat index: collections below
LEITBILD_ANN_MIN_PASSAGES) every passage in scope is scored; with an approximate index (HNSW) only
the best candidates of each search are fused, with the median meaning score (the floor of the
distribution-based fusion) estimated from a fixed sample of passages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from assistant.fusion import System, fuse
from assistant.policy import RetrievalPolicy
from domain.types import Passage
from index.store import IndexData

_SAMPLE = 4096  # passages whose scores estimate the median on large collections


class Hit(NamedTuple):
    """One ranked passage. A named tuple, not a frozen dataclass: every answer builds a few hundred
    of them, and a frozen dataclass's constructor (object.__setattr__ per field) costs 2.5 times
    as much."""

    position: int  # row of the passage in the index (its vectors)
    passage: Passage
    score: float  # fused, roughly 0..1 for the best hits
    dense: float  # cosine, passage and best sentence mixed
    lexical: float  # raw BM25


@dataclass(frozen=True)
class Ranking:
    """The scored passages, best first: the best `RetrievalPolicy.depth` as `hits`, any other scored
    passage on request (a whole section's commitments, a commitment's nested items)."""

    hits: tuple[Hit, ...]
    _passages: Sequence[Passage] = field(default=(), repr=False)
    # Every scored passage: positions ascending, with their scores (fused, dense, lexical) in columns.
    _positions: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64), repr=False)
    _scores: np.ndarray = field(default_factory=lambda: np.zeros((0, 3), dtype=np.float32), repr=False)

    @classmethod
    def of(cls, hits: Iterable[Hit]) -> Ranking:
        """A ranking of given hits (tuning tools and tests that set scores by hand)."""
        return cls(tuple(hits))

    def hits_at(self, positions: Iterable[int]) -> list[Hit]:
        """The hits of these passages that were scored, in the order asked."""
        shown = {h.position: h for h in self.hits}
        found = []
        for position in dict.fromkeys(positions):
            if position in shown:
                found.append(shown[position])
                continue
            at = int(np.searchsorted(self._positions, position))
            if at < len(self._positions) and self._positions[at] == position:
                score, dense, lexical = (float(v) for v in self._scores[at])
                found.append(Hit(position, self._passages[position], score, dense, lexical))
        return found


def best_first(hits: Iterable[Hit]) -> list[Hit]:
    """Hits in ranking order: by score, ties by position (as the ranking's stable sort has them)."""
    return sorted(hits, key=lambda h: (-h.score, h.position))


def retrieve(
    index: IndexData,
    query_vector: np.ndarray,
    query_text: str,
    policy: RetrievalPolicy,
    *,
    scope: np.ndarray | None = None,
    system: System = "hybrid",
) -> Ranking:
    """The passages in `scope` (a boolean mask; None: all), best first."""
    total = index.vectors.ntotal
    if total == 0:
        return Ranking(())
    query_vector = np.ascontiguousarray(query_vector, dtype=np.float32)
    if index.vectors.kind == "flat":
        positions = np.arange(total) if scope is None else np.flatnonzero(scope)
        dense = _meaning(index, query_vector, policy.unit_weight)[positions]
        lexical = index.lexical.scores(query_text)[positions]
        floor = None
    else:
        positions, dense, lexical = _candidates(index, query_vector, query_text, policy, scope)
        floor = float(np.median(_meaning_of(index, query_vector, _sample(total), policy.unit_weight)))
    if positions.size == 0:
        return Ranking(())
    fused = fuse(dense, lexical, system, policy.dense_weight, floor)
    order = np.argsort(-fused, kind="stable")
    passages = index.passages
    top = order[: policy.depth]
    # Python numbers in one conversion per column: float() on 600 numpy scalars per answer was the
    # largest item outside the encoder in a cProfile of the gold questions.
    columns = zip(positions[top].tolist(), fused[top].tolist(), dense[top].tolist(), lexical[top].tolist(), strict=True)
    hits = tuple(Hit(p, passages[p], score, d, lex) for p, score, d, lex in columns)
    return Ranking(hits, passages, positions, np.column_stack([fused, dense, lexical]))


def _meaning(index: IndexData, query_vector: np.ndarray, unit_weight: float) -> np.ndarray:
    """The mixed meaning score of every passage."""
    total = index.vectors.ntotal
    scores, ids = index.vectors.search(query_vector.reshape(1, -1), total)
    dense = np.empty(total, dtype=np.float32)
    dense[ids[0]] = scores[0]
    if unit_weight > 0 and len(index.unit_vectors):
        best_unit = np.maximum.reduceat(index.unit_vectors @ query_vector, index.unit_offsets[:-1])
        dense = (1 - unit_weight) * dense + unit_weight * best_unit
    return dense


def _meaning_of(index: IndexData, query_vector: np.ndarray, positions: np.ndarray, unit_weight: float) -> np.ndarray:
    """The mixed meaning score of some passages."""
    vectors = index.vectors.reconstruct_batch(positions)
    dense = vectors @ query_vector
    if unit_weight > 0 and len(index.unit_vectors):
        best = np.array([float(np.max(index.units_of(int(p)) @ query_vector)) for p in positions], dtype=np.float32)
        dense = (1 - unit_weight) * dense + unit_weight * best
    return dense.astype(np.float32)


def _candidates(
    index: IndexData, query_vector: np.ndarray, query_text: str, policy: RetrievalPolicy, scope: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best passages of the e5 search and of BM25, in scope, with both scores."""
    total = index.vectors.ntotal
    k = min(total, policy.candidates)
    _, ids = index.vectors.search(query_vector.reshape(1, -1), k, allowed=scope)
    lexical_all = index.lexical.scores(query_text)
    if scope is not None:
        lexical_all = np.where(scope, lexical_all, 0.0).astype(np.float32)
    best_lexical = np.argpartition(-lexical_all, k - 1)[:k]
    positions = np.union1d(ids[0][ids[0] >= 0], best_lexical[lexical_all[best_lexical] > 0])
    return positions, _meaning_of(index, query_vector, positions, policy.unit_weight), lexical_all[positions]


def _sample(total: int) -> np.ndarray:
    """A fixed, evenly spread sample of passage positions (the same for every query)."""
    return np.unique(np.linspace(0, total - 1, num=min(total, _SAMPLE)).astype(np.int64))
