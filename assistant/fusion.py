"""Fusion: one score per passage from a meaning score (e5) and a word score (BM25).

Modes, as the eval compares them: `dense` and `bm25` alone, and `hybrid`, a distribution-based
fusion: the meaning scores are scaled so the best passage is 1 and a typical one (the median) is
0, BM25 scores so the best is 1, then mixed with a weight (RetrievalPolicy.dense_weight). Cosines
of a good and a useless passage differ by a few hundredths, BM25 scores by a factor; scaling each
by its own distribution makes them comparable.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

System = Literal["hybrid", "dense", "bm25"]
SYSTEMS: tuple[System, ...] = ("hybrid", "bm25", "dense")


def spread(values: np.ndarray, floor: float | None = None) -> np.ndarray:
    """Scale so the best value is 1 and `floor` (default: the median) is 0."""
    if values.size == 0:
        return values
    top = float(values.max())
    floor = float(np.median(values)) if floor is None else floor
    if top - floor <= 1e-9:
        return np.zeros_like(values)
    return (values - floor) / (top - floor)


def max_scaled(values: np.ndarray) -> np.ndarray:
    """Scale so the best value is 1; all zeros stay zeros."""
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def fuse(
    dense: np.ndarray,
    lexical: np.ndarray,
    system: System,
    dense_weight: float,
    dense_floor: float | None = None,
) -> np.ndarray:
    """Fused scores, aligned with the inputs; `dense_floor` replaces the median where only
    candidates were scored (the median of all passages is then estimated from a sample)."""
    if system == "dense":
        return spread(dense, dense_floor)
    if system == "bm25":
        return max_scaled(lexical)
    return dense_weight * spread(dense, dense_floor) + (1 - dense_weight) * max_scaled(lexical)
