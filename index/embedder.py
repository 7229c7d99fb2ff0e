"""Sentence embeddings through sentence-transformers, e5-style prompts, loaded once per process."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

# No model hub is reachable; fail fast instead of retrying the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class ModelMissingError(RuntimeError):
    pass


class Embedder:
    def __init__(self, model_path: str, threads: int = 2) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        if Path(model_path).is_absolute() and not Path(model_path).exists():
            raise ModelMissingError(
                f"Einbettungsmodell fehlt: {model_path} – bitte zuerst `make setup` (oder `python -m index.model_build`)"
            )
        self.name = model_path
        self._model = SentenceTransformer(model_path, device="cpu")
        self._lock = threading.Lock()
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = prompts.get("query", "")
        self._passage_prompt = prompts.get("passage", "")
        self.dimensions = int(self._model.get_embedding_dimension())

    def _encode(self, texts: list[str], prompt: str, batch_size: int) -> np.ndarray:
        with self._lock:  # torch on 2 cores gains nothing from parallel calls
            vectors = self._model.encode(
                texts,
                prompt=prompt,
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt, batch_size=16)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prompt, batch_size=32)


@lru_cache(maxsize=4)
def load_embedder(model_path: str, threads: int = 2) -> Embedder:
    return Embedder(model_path, threads)
