"""Texts to vectors: stored ones where the text is known, the model only for the rest.

Vectors are reused by text wherever the embedding is the same (same embedding fingerprint): a
changed file, a new ingest pipeline or a new title costs only the embeddings of new text. The
model is loaded on the first miss, so a run that embeds nothing never loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from index import store
from index.embedder import Embedder


class VectorCache:
    def __init__(self, factory: Callable[[], Embedder], known: Iterable[store.DocumentEntry] = ()) -> None:
        self._factory = factory
        self._model: Embedder | None = None
        self._known: dict[str, np.ndarray] = {}
        for entry in known:
            texts = [store.search_text(p) for p in entry.passages]
            self._known.update(zip(texts, entry.passage_vectors, strict=True))
            units = [u.text for p in entry.passages for u in p.units]
            self._known.update(zip(units, entry.unit_vectors, strict=True))

    @property
    def model(self) -> Embedder:
        if self._model is None:
            self._model = self._factory()
        return self._model

    def embed(self, texts: list[str], dimensions: int) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._known))
        if missing:
            self._known.update(zip(missing, self.model.passages(missing), strict=True))
        if not texts:
            return np.zeros((0, dimensions), dtype=np.float32)
        return np.vstack([self._known[t] for t in texts]).astype(np.float32)

    def entry(self, document, dimensions: int) -> store.DocumentEntry:
        """A parsed document (or a kept entry whose vectors must be renewed) with its vectors."""
        passages = list(document.passages)
        return store.DocumentEntry(
            document.info,
            list(document.pages),
            passages,
            list(document.commitments),
            self.embed([store.search_text(p) for p in passages], dimensions),
            self.embed([u.text for p in passages for u in p.units], dimensions),
        )
