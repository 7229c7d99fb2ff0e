"""Sentence embeddings on ONNX Runtime: tokenizer.json, the exported transformer, mean pooling, L2.

No torch, transformers or sentence-transformers: importing torch alone costs seconds, and on two
cores ONNX Runtime runs the same forward pass about 2.5 times faster. It reproduces what
sentence-transformers computes for a Transformer → mean Pooling (→ Normalize) model: the prompt
("query: " / "passage: " from the model's config) is prepended, the text tokenised and truncated to
max_seq_length, token states averaged over the attention mask, the mean scaled to unit length.
`supports()` says whether a model directory is such a model with an export from
`index.onnx_export`; any other model goes through `index.encoder_torch`.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np

from index.batching import QueryBatcher
from index.onnx_export import DATA_FILE, MODEL_FILE, export_dir

# Passages are encoded sorted by length in batches of at most this many texts and padded tokens:
# sorting keeps the padding small, the token budget keeps long batches from thrashing the cache.
PASSAGE_BATCH = 32
PASSAGE_BATCH_TOKENS = 8192
PAD_ID_FALLBACK = 1


def _read_json(path: Path) -> dict | list | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def supports(model_dir: Path) -> bool:
    """A local sentence-transformers model with an ONNX export whose pipeline this encoder reproduces."""
    model_dir = Path(model_dir)
    if not (export_dir(model_dir) / MODEL_FILE).is_file() or not (model_dir / "tokenizer.json").is_file():
        return False
    modules = _read_json(model_dir / "modules.json")
    if not isinstance(modules, list):
        return False
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
        return False
    pooling = _read_json(model_dir / modules[1].get("path", "1_Pooling") / "config.json") or {}
    mean = pooling.get("pooling_mode") == "mean" or bool(pooling.get("pooling_mode_mean_tokens"))
    others = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens" and v]
    st_config = _read_json(model_dir / "sentence_bert_config.json") or {}
    return mean and not others and pooling.get("include_prompt", True) and not st_config.get("do_lower_case", False)


def session(onnx_path: Path, threads: int, *, spin: bool = True):
    """An onnxruntime session on the CPU as the encoder runs it (benchmarks time the same one)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    # A pool thread that sleeps between the ~200 small steps of a forward pass is woken for each
    # one: with two threads a short query took 8.0 ms sleeping and 5.8 ms spinning here
    # (`python -m eval.bench_encoder --threads 2 --spin 0,1`), as fast as torch's OpenMP team,
    # which spins too. One thread has no pool to wake, so nothing spins; `serve --workers N`
    # gives each worker its share of the cores, and a machine shared with other heavy processes
    # sets LEITBILD_TORCH_THREADS=1.
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin and threads > 1 else "0")
    return onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])


class OnnxEncoder:
    kind = "onnx"

    def __init__(self, model_dir: Path | str, threads: int = 2, *, onnx_path: Path | None = None) -> None:
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        self.name = str(model_dir)
        onnx_path = onnx_path or export_dir(model_dir) / MODEL_FILE
        st_config = _read_json(model_dir / "sentence_bert_config.json") or {}
        prompts = (_read_json(model_dir / "config_sentence_transformers.json") or {}).get("prompts") or {}
        self._query_prompt = prompts.get("query", "")
        self._passage_prompt = prompts.get("passage", prompts.get("document", ""))
        self._max_length = int(st_config.get("max_seq_length") or 512)
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=self._max_length)
        config = _read_json(model_dir / "config.json") or {}
        self._pad_id = int(config.get("pad_token_id", PAD_ID_FALLBACK))

        self._session = session(onnx_path, threads)
        inputs = {i.name for i in self._session.get_inputs()}
        self._wants_token_types = "token_type_ids" in inputs
        self.dimensions = int(self._session.get_outputs()[0].shape[-1])
        self._lock = threading.Lock()  # one forward pass at a time: parallel ones only fight for the cores
        self._batcher = QueryBatcher(self._forward)

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._batcher([self._query_prompt + t for t in texts])

    def passages(self, texts: list[str]) -> np.ndarray:
        return self.encode([self._passage_prompt + t for t in texts])

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of prompted texts, in their order; batched by length."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=True)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        result = np.empty((len(texts), self.dimensions), dtype=np.float32)
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and end - start < PASSAGE_BATCH:
                # Sorted ascending, so the next text sets the padded length of the batch.
                if (end - start + 1) * len(encodings[order[end]].ids) > PASSAGE_BATCH_TOKENS:
                    break
                end += 1
            rows = order[start:end]
            result[rows] = self._run([encodings[i].ids for i in rows])
            start = end
        return result

    def _forward(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=True)
        return self._run([e.ids for e in encodings])

    def _run(self, token_ids: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in token_ids)
        input_ids = np.full((len(token_ids), length), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(token_ids), length), dtype=np.int64)
        for row, ids in enumerate(token_ids):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask}
        if self._wants_token_types:
            feed["token_type_ids"] = np.zeros_like(input_ids)
        with self._lock:
            hidden = self._session.run(None, feed)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return np.ascontiguousarray(pooled / norms, dtype=np.float32)

    def close(self) -> None:
        """Drop the session now (the build step checks an export and then moves it)."""
        self._session = None


__all__ = ["DATA_FILE", "OnnxEncoder", "supports"]
