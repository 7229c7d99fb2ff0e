"""Build step: export a sentence-transformers BERT model to ONNX for `index.encoder_onnx`.

    python -m index.onnx_export MODEL_DIR [--force]

The export runs once, at build time (`make setup` calls it through `index.model_build`), never
while answering. It is written as `MODEL_DIR/onnx/model.onnx` plus `model.onnx.data`: the weights
as external data, which ONNX Runtime maps into memory instead of copying them, so a session opens
in a fraction of a second and worker processes share the weights through the page cache.

What is exported is the transformer alone (input_ids, attention_mask → last_hidden_state, fp32,
opset 17, TorchScript exporter with eager attention: the graph ONNX Runtime fuses best, and no
onnxscript needed); tokenisation, mean pooling and normalisation stay in `index.encoder_onnx`,
exactly as sentence-transformers does them. The tracing runs in a child process of its own, the
check against torch in this one: tracing once disturbed a torch model used in the same process.
Before the export is moved into place, its vectors must match torch's to a cosine of at least
`MIN_BUILD_COSINE` on German sample texts; the fidelity test checks this on the whole Leitbild.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from domain.files import exclusive_lock, replace_dir

EXPORT_DIR = "onnx"
MODEL_FILE = "model.onnx"
DATA_FILE = "model.onnx.data"
MARKER_FILE = "export.json"
EXPORTER_VERSION = "1"
OPSET = 17
MIN_BUILD_COSINE = 0.9999
# Short and long, with umlauts, numbers and odd whitespace: enough to catch a broken export
# (wrong positions, a baked-in sequence length, a lost mask) before it is published.
SAMPLES = (
    "Welche Ziele verfolgt die Landesregierung bei der Wasserstoffwirtschaft?",
    "Nordrhein-Westfalen ist das Industrieland Nr. 1 – mit über 1,2 Mio. Beschäftigten.",
    "Straße, Größe, „Anführungszeichen“ und … Auslassungen",
    "CO₂-neutrale Stahlproduktion bis 2045   (mehrere   Leerzeichen)",
    "Digitalisierung",
    " ".join(["Die Landesregierung stärkt den Industriestandort durch Investitionen in Netze."] * 60),
)


class OnnxExportError(RuntimeError):
    """The ONNX export failed or does not reproduce the torch model."""


def export_dir(model_dir: Path) -> Path:
    return Path(model_dir) / EXPORT_DIR


def weight_files(model_dir: Path) -> list[Path]:
    """The files of the model the export is made from (not the export, not build markers)."""
    root = Path(model_dir)
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and p.relative_to(root).parts[0] != EXPORT_DIR
        and p.name != "leitbild_build.json"
    )


def file_record(path: Path) -> dict:
    """sha256 with the size and mtime it was taken at: readers trust it while both still match."""
    from domain.files import file_sha256

    stat = path.stat()
    return {"sha256": file_sha256(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def source_digest(model_dir: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in weight_files(model_dir):
        digest.update(str(path.relative_to(model_dir)).encode() + b"\0" + file_record(path)["sha256"].encode())
    return digest.hexdigest()


def is_current(model_dir: Path) -> bool:
    """A finished export of exactly these model files by this exporter version."""
    target = export_dir(model_dir)
    try:
        marker = json.loads((target / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        marker.get("exporter_version") == EXPORTER_VERSION
        and (target / MODEL_FILE).is_file()
        and (target / DATA_FILE).is_file()
        and marker.get("source_digest") == source_digest(model_dir)
    )


def ensure_export(model_dir: Path, *, force: bool = False) -> Path:
    """Export `model_dir` to ONNX unless a current export is there; returns the export directory."""
    model_dir = Path(model_dir).resolve()
    if not force and is_current(model_dir):
        return export_dir(model_dir)
    with exclusive_lock(model_dir / f".{EXPORT_DIR}.lock"):
        if not force and is_current(model_dir):
            return export_dir(model_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".{EXPORT_DIR}.building-", dir=model_dir))
        staging.chmod(0o755)
        try:
            _trace_in_child(model_dir, staging)
            cosine = _check_against_torch(model_dir, staging)
            marker = {
                "exporter_version": EXPORTER_VERSION,
                "exporter": "torch.onnx.export (TorchScript), eager attention",
                "opset": OPSET,
                "precision": "fp32",
                "inputs": ["input_ids", "attention_mask"],
                "output": "last_hidden_state",
                "source_digest": source_digest(model_dir),
                "build_min_cosine": round(cosine, 7),
                "versions": _versions(),
                "files": {name: file_record(staging / name) for name in (MODEL_FILE, DATA_FILE)},
            }
            (staging / MARKER_FILE).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
            replace_dir(staging, export_dir(model_dir))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return export_dir(model_dir)


def _trace_in_child(model_dir: Path, out: Path) -> None:
    command = [sys.executable, "-m", "index.onnx_export", "--trace", str(model_dir), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise OnnxExportError(f"ONNX-Export von {model_dir} fehlgeschlagen:\n{tail}")


def trace(model_dir: Path, out: Path) -> None:
    """The export itself (child process): torch → one ONNX graph, weights as external data."""
    import warnings

    import onnx
    import torch
    import transformers
    from transformers import AutoModel

    torch.set_num_threads(min(4, os.cpu_count() or 1))
    transformers.utils.logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            # Single-segment inputs: token type 0 everywhere, as the tokenizer produces them.
            token_type_ids = torch.zeros_like(input_ids)
            return self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    # Two rows of different true length, so the mask path is traced with padding in it.
    input_ids = torch.tensor([[0, 1000, 2000, 3000, 2], [0, 1000, 2, 1, 1]], dtype=torch.long)
    attention_mask = torch.tensor([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]], dtype=torch.long)
    dynamic = {0: "batch", 1: "sequence"}
    graph = out / "graph-only.onnx"
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer chatter about Python control flow on shapes
        torch.onnx.export(
            Encoder(model).eval(),
            (input_ids, attention_mask),
            str(graph),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "last_hidden_state": dynamic},
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )
    exported = onnx.load(str(graph))
    onnx.save_model(
        exported,
        str(out / MODEL_FILE),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=DATA_FILE,
        size_threshold=1024,
    )
    graph.unlink()
    (out / DATA_FILE).chmod(0o644)
    onnx.checker.check_model(str(out / MODEL_FILE))


def _check_against_torch(model_dir: Path, staging: Path) -> float:
    """Lowest cosine between the staged export and the torch model on the samples, both prompts."""
    import numpy as np
    import transformers
    from sentence_transformers import SentenceTransformer

    from index.encoder_onnx import OnnxEncoder

    transformers.utils.logging.disable_progress_bar()
    reference = SentenceTransformer(str(model_dir), device="cpu")
    candidate = OnnxEncoder(model_dir, threads=min(4, os.cpu_count() or 1), onnx_path=staging / MODEL_FILE)
    lowest = 1.0
    for prompt_name, encode in (("query", candidate.queries), ("passage", candidate.passages)):
        expected = reference.encode(list(SAMPLES), prompt_name=prompt_name, normalize_embeddings=True)
        got = encode(list(SAMPLES))
        lowest = min(lowest, float(np.min(np.sum(expected * got, axis=1))))
    candidate.close()
    if lowest < MIN_BUILD_COSINE:
        raise OnnxExportError(
            f"Der ONNX-Export weicht vom torch-Modell ab (Kosinus {lowest:.6f} < {MIN_BUILD_COSINE}); nicht übernommen."
        )
    return lowest


def _versions() -> dict[str, str | None]:
    import importlib.metadata

    found: dict[str, str | None] = {}
    for package in ("torch", "transformers", "onnx", "onnxruntime"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ONNX-Export eines sentence-transformers-Modells (Build-Schritt)")
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("out", type=Path, nargs="?", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--force", action="store_true", help="neu exportieren, auch wenn ein aktueller Export vorliegt")
    args = parser.parse_args(argv)
    if args.trace:
        trace(args.model_dir, args.out)
        return 0
    try:
        target = ensure_export(args.model_dir, force=args.force)
    except OnnxExportError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    print(f"ONNX-Export bereit in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
