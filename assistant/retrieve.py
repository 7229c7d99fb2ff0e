"""Hybrid retrieval: FAISS inner product on e5 vectors fused with German BM25.

Both score lists are normalised against their own distribution over the searched passages
(distribution-based score fusion), then mixed with a weight tuned on the gold questions
(`leitbild eval --system all`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from index.store import IndexData

System = Literal["hybrid", "dense", "bm25"]
DENSE_WEIGHT = 0.75
# A passage's meaning score mixes its own vector with its best sentence's: a fact question
# often matches one sentence far better than the paragraph around it.
UNIT_WEIGHT = 0.4


@dataclass(frozen=True)
class Hit:
    index: int  # position in IndexData.passages
    score: float  # fused, roughly 0..1 for the best hits
    dense: float  # raw cosine
    lexical: float  # raw BM25


@dataclass(frozen=True)
class Ranking:
    hits: list[Hit]
    query_vector: np.ndarray


def _spread(values: np.ndarray) -> np.ndarray:
    """Scale so the best passage is 1 and a typical one is 0 (median as the floor)."""
    if values.size == 0:
        return values
    top = float(values.max())
    floor = float(np.median(values))
    if top - floor <= 1e-9:
        return np.zeros_like(values)
    return (values - floor) / (top - floor)


def rank(
    data: IndexData,
    query_vector: np.ndarray,
    query_text: str,
    *,
    allowed: np.ndarray | None = None,
    system: System = "hybrid",
    dense_weight: float = DENSE_WEIGHT,
    unit_weight: float = UNIT_WEIGHT,
) -> list[Hit]:
    """All allowed passages, best first."""
    total = data.vectors.ntotal
    if total == 0:
        return []
    scores, ids = data.vectors.search(query_vector.reshape(1, -1).astype(np.float32), total)
    dense = np.empty(total, dtype=np.float32)
    dense[ids[0]] = scores[0]
    if unit_weight > 0 and len(data.unit_vectors):
        best_unit = np.maximum.reduceat(data.unit_vectors @ query_vector, data.unit_offsets[:-1])
        dense = (1 - unit_weight) * dense + unit_weight * best_unit
    lexical = data.lexical.scores(query_text)
    candidates = np.arange(total) if allowed is None else np.flatnonzero(allowed)
    if candidates.size == 0:
        return []
    d, lx = dense[candidates], lexical[candidates]
    if system == "dense":
        fused = _spread(d)
    elif system == "bm25":
        fused = lx / lx.max() if lx.max() > 0 else np.zeros_like(lx)
    else:
        lex_part = lx / lx.max() if lx.max() > 0 else np.zeros_like(lx)
        fused = dense_weight * _spread(d) + (1 - dense_weight) * lex_part
    order = np.argsort(-fused, kind="stable")
    return [Hit(int(candidates[i]), float(fused[i]), float(d[i]), float(lx[i])) for i in order]
