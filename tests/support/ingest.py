"""Ingest with the real model, recording what was embedded: proof that unchanged text is not."""

from __future__ import annotations

import numpy as np

from domain.settings import Settings


class RecordingEmbedder:
    """Passes through to the real embedder and keeps every text it was asked to embed."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.dimensions = inner.dimensions
        self.texts: list[str] = []

    def passages(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self._inner.passages(texts)


class EmbedderFactory:
    """The factory `ingest_paths` calls for a model; counts the calls and records the texts."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.calls = 0
        self.embedder: RecordingEmbedder | None = None

    def __call__(self) -> RecordingEmbedder:
        from index.embedder import load_embedder

        self.calls += 1
        # Same cache key as the Assistant in this process: the model is loaded once per session.
        self.embedder = RecordingEmbedder(load_embedder(self._settings.model_path(), self._settings.torch_threads))
        return self.embedder

    @property
    def texts(self) -> list[str]:
        return self.embedder.texts if self.embedder else []
