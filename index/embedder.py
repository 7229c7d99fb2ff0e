"""Sentence embeddings with e5-style prompts: which encoder runs a model, loaded once per process,
and the model's fingerprint (what a stored vector depends on).

The default model has an ONNX export from the build step and runs on ONNX Runtime
(`index.encoder_onnx`) without importing torch; a configured model without one runs through
sentence-transformers on torch (`index.encoder_torch`). LEITBILD_ENCODER=torch forces the torch
path (for comparisons), =onnx refuses to fall back.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

# No model hub is reachable; fail fast instead of retrying the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

EncoderChoice = Literal["auto", "onnx", "torch"]


class ModelMissingError(RuntimeError):
    pass


class Embedder(Protocol):
    kind: str  # "onnx" | "torch"
    name: str
    dimensions: int

    def queries(self, texts: list[str]) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


def encoder_kind(model_path: str, choice: EncoderChoice = "auto") -> str:
    """The encoder that runs `model_path`: "onnx" where an export this project can run exists."""
    from index.encoder_onnx import supports

    if choice == "torch":
        return "torch"
    if supports(Path(model_path)):
        return "onnx"
    if choice == "onnx":
        raise ModelMissingError(
            f"Kein ONNX-Export für {model_path} – bitte `make setup` (oder `python -m index.onnx_export {model_path}`)"
        )
    return "torch"


@lru_cache(maxsize=4)
def load_embedder(model_path: str, threads: int = 2, choice: EncoderChoice = "auto") -> Embedder:
    if Path(model_path).is_absolute() and not Path(model_path).exists():
        raise ModelMissingError(
            f"Einbettungsmodell fehlt: {model_path} – bitte zuerst `make setup` (oder `python -m index.model_build`)"
        )
    if encoder_kind(model_path, choice) == "onnx":
        from index.encoder_onnx import OnnxEncoder

        return OnnxEncoder(model_path, threads)
    from index.encoder_torch import TorchEncoder

    return TorchEncoder(model_path, threads)


def model_fingerprint(model_path: str, choice: EncoderChoice = "auto") -> dict:
    """What vectors made with this model depend on; a different `embedding` means re-embed.

    `embedding` hashes the model files (weights, tokenizer, configs, prompts, pooling), the encoder
    kind, the ONNX export when that is what runs, and the encoder's source (how it pools). torch and
    ONNX vectors agree to a cosine of 0.99999 (tests/index/test_encoder_onnx.py), yet they count as
    different embeddings: an index then never mixes vectors of two encoders, and the one case where
    they meet, an index built before the export existed, costs one re-embedding.
    """
    kind = encoder_kind(model_path, choice)
    root = Path(model_path)
    local = root.is_dir()
    model_sha = _tree_digest(root, _model_files(root), _recorded(root / "leitbild_build.json")) if local else None
    onnx_sha = None
    if kind == "onnx":
        from index.onnx_export import DATA_FILE, MARKER_FILE, MODEL_FILE, export_dir

        onnx = export_dir(root)
        onnx_sha = _tree_digest(onnx, [onnx / MODEL_FILE, onnx / DATA_FILE], _recorded(onnx / MARKER_FILE))
    module = "index.encoder_onnx" if kind == "onnx" else "index.encoder_torch"
    code = hashlib.sha256(Path(inspect.getfile(__import__(module, fromlist=["_"]))).read_bytes()).hexdigest()
    embedding = hashlib.sha256(
        json.dumps([model_path if not local else root.name, model_sha, kind, onnx_sha, code]).encode()
    ).hexdigest()
    return {
        "name": root.name if local else model_path,
        "encoder": kind,
        "model_sha256": model_sha,
        "onnx_sha256": onnx_sha,
        "code_sha256": code,
        "embedding": embedding[:16],
    }


def _model_files(root: Path) -> list[Path]:
    from index.onnx_export import weight_files

    return weight_files(root)


def _recorded(marker: Path) -> dict[str, dict]:
    """File digests a build step wrote down ({relative path: {sha256, size, mtime_ns}})."""
    try:
        files = json.loads(marker.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return files if isinstance(files, dict) else {}


def _tree_digest(root: Path, files: list[Path], recorded: dict[str, dict]) -> str:
    digest = hashlib.sha256()
    for path in files:
        relative = str(path.relative_to(root))
        digest.update(relative.encode() + b"\0" + _file_digest(path, recorded.get(relative)).encode())
    return digest.hexdigest()


def _file_digest(path: Path, record: dict | None) -> str:
    """The recorded sha256 while size and mtime still match it (hashing 470 MB costs a second)."""
    stat = path.stat()
    if record and record.get("size") == stat.st_size and record.get("mtime_ns") == stat.st_mtime_ns:
        return str(record["sha256"])
    return _hashed(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _hashed(path: str, size: int, mtime_ns: int) -> str:
    from domain.files import file_sha256

    return file_sha256(Path(path))
