"""Sentence embeddings through sentence-transformers on torch: for a configured model without an
ONNX export (`index.encoder_onnx` serves the default model). Imports torch when constructed."""

from __future__ import annotations

import threading

import numpy as np

from index.batching import QueryBatcher


class TorchEncoder:
    kind = "torch"

    def __init__(self, model_path: str, threads: int = 2) -> None:
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()  # "Loading weights" bars would clutter CLI output
        torch.set_num_threads(threads)
        self.name = model_path
        self._model = SentenceTransformer(model_path, device="cpu")
        self._lock = threading.Lock()
        prompts = getattr(self._model, "prompts", {}) or {}
        self._query_prompt = prompts.get("query", "")
        self._passage_prompt = prompts.get("passage", "")
        self.dimensions = int(self._model.get_embedding_dimension())
        self._fast_path = _is_mean_pooled_bert(self._model)
        if self._fast_path:
            first = self._model[0]
            self._tokenizer = first.tokenizer
            self._encoder = first.auto_model.eval()
            self._max_length = int(self._model.max_seq_length)
            self._batcher = QueryBatcher(self._forward)

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
        if self._fast_path:
            return self._batcher([self._query_prompt + t for t in texts])
        return self._encode(texts, self._query_prompt, batch_size=16)

    def _forward(self, texts: list[str]) -> np.ndarray:
        """The model's own tokenizer, encoder, mean pooling and normalisation, called directly:
        for a short query the bookkeeping around `encode` costs as much as a third of the time."""
        import torch

        with self._lock, torch.inference_mode():
            batch = self._tokenizer(
                texts, padding=True, truncation=True, max_length=self._max_length, return_tensors="pt"
            )
            hidden = self._encoder(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            vectors = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return np.ascontiguousarray(vectors.numpy(), dtype=np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        # sentence-transformers sorts by length itself, which keeps the padding small.
        return self._encode(texts, self._passage_prompt, batch_size=32)


def _is_mean_pooled_bert(model) -> bool:
    """The direct path reproduces exactly Transformer → mean Pooling → Normalize; anything else
    (another configured model) goes through sentence-transformers' `encode`."""
    names = [type(module).__name__ for module in model]
    if names != ["Transformer", "Pooling", "Normalize"]:
        return False
    pooling = model[1]
    return getattr(pooling, "pooling_mode", None) == "mean" or bool(getattr(pooling, "pooling_mode_mean_tokens", False))
