"""Which encoder runs a model, and the model fingerprint that decides when vectors are made anew.
Model directories here are a few files, enough for the decisions (nothing is loaded)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index.embedder import ModelMissingError, encoder_kind, model_fingerprint


def _model(root: Path, *, pooling: str = "mean", export: bool = True) -> Path:
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    (root / "1_Pooling").mkdir(parents=True)
    (root / "modules.json").write_text(json.dumps(modules))
    (root / "1_Pooling" / "config.json").write_text(json.dumps({f"pooling_mode_{pooling}_tokens": True}))
    (root / "tokenizer.json").write_text("{}")
    (root / "config.json").write_text('{"hidden_size": 4}')
    (root / "model.safetensors").write_bytes(b"weights-1")
    if export:
        (root / "onnx").mkdir()
        (root / "onnx" / "model.onnx").write_bytes(b"graph-1")
        (root / "onnx" / "model.onnx.data").write_bytes(b"data-1")
    return root


def test_a_mean_pooled_model_with_an_export_runs_on_onnx(tmp_path):
    model = str(_model(tmp_path / "m"))
    assert encoder_kind(model) == "onnx"
    assert encoder_kind(model, "torch") == "torch"


@pytest.mark.parametrize("change", ["no export", "cls pooling", "hub name"])
def test_anything_else_runs_on_torch_and_onnx_can_be_insisted_on(tmp_path, change):
    if change == "hub name":
        model = "intfloat/multilingual-e5-small"
    else:
        model = str(_model(tmp_path / "m", pooling="cls" if change == "cls pooling" else "mean",
                           export=change != "no export"))  # fmt: skip
    assert encoder_kind(model) == "torch"
    with pytest.raises(ModelMissingError, match="Kein ONNX-Export"):
        encoder_kind(model, "onnx")


def test_the_fingerprint_follows_weights_export_and_encoder(tmp_path):
    model = _model(tmp_path / "m")
    before = model_fingerprint(str(model))
    assert before["encoder"] == "onnx" and before["onnx_sha256"] and before["model_sha256"]
    assert model_fingerprint(str(model)) == before
    torch = model_fingerprint(str(model), "torch")
    assert torch["onnx_sha256"] is None and torch["embedding"] != before["embedding"]
    (model / "onnx" / "model.onnx.data").write_bytes(b"data-2")
    exported_again = model_fingerprint(str(model))
    assert exported_again["onnx_sha256"] != before["onnx_sha256"]
    assert exported_again["embedding"] != before["embedding"]
    (model / "model.safetensors").write_bytes(b"weights-2")
    assert model_fingerprint(str(model))["model_sha256"] != exported_again["model_sha256"]
    assert model_fingerprint("ein/hub-name")["name"] == "ein/hub-name"


def test_recorded_digests_are_trusted_only_while_size_and_mtime_match(tmp_path):
    model = _model(tmp_path / "m", export=False)
    weights = model / "model.safetensors"
    stat = weights.stat()
    record = {"sha256": "aufgezeichnet", "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    (model / "leitbild_build.json").write_text(json.dumps({"files": {"model.safetensors": record}}))
    recorded = model_fingerprint(str(model))["model_sha256"]
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched: hash it again
    assert model_fingerprint(str(model))["model_sha256"] != recorded
