"""Speed figures for the notes, not a timed test: answer latency in-process after warm-up, query
encoding alone, and the full ingest of the bundled corpus into a fresh index.

    .venv/bin/python -m eval.bench [--encoder onnx,torch] [--rounds 3] [--skip-ingest] [--related]

Each encoder (ONNX Runtime, or torch through sentence-transformers) answers the same gold
questions in the same process; rounds alternate between them, so a machine that gets busier
halfway through slows both alike. One JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from domain.settings import DEFAULT_DOCUMENTS_DIR, PROJECT_ROOT, Settings, get_settings

RELATED_DIR = PROJECT_ROOT.parent / "shared" / "corpus" / "related"


def _figures(timings_ms: list[float]) -> dict:
    values = np.array(timings_ms)
    return {
        "n": len(values),
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p95_ms": round(float(np.percentile(values, 95)), 2),
        "max_ms": round(float(values.max()), 2),
    }


def answer_latency(encoders: list[str], rounds: int) -> dict:
    from assistant import Assistant
    from eval.gold import load_gold

    questions = [q.question for q in load_gold()]
    assistants = {}
    for encoder in encoders:
        assistant = Assistant(get_settings().model_copy(update={"encoder": encoder}))
        assert assistant._embedder.kind == encoder, f"{encoder} verlangt, {assistant._embedder.kind} geladen"
        for question in questions[:10]:
            assistant.ask(question)  # warm-up: caches, allocator, kernels
        assistants[encoder] = assistant
    answers: dict[str, list[float]] = {e: [] for e in encoders}
    encodings: dict[str, list[float]] = {e: [] for e in encoders}
    for _ in range(rounds):
        for encoder, assistant in assistants.items():
            for question in questions:
                started = time.perf_counter()
                assistant.ask(question)
                answers[encoder].append((time.perf_counter() - started) * 1000)
            embedder = assistant._embedder
            for question in questions:
                started = time.perf_counter()
                embedder.queries([question])
                encodings[encoder].append((time.perf_counter() - started) * 1000)
    result = {e: {"answer": _figures(answers[e]), "query_encoding": _figures(encodings[e])} for e in encoders}
    result["beside_encoder"] = beside_encoder(next(iter(assistants.values())), questions, rounds)
    if {"onnx", "torch"} <= set(encoders):
        result["ratio_onnx_to_torch"] = {
            "answer_p50": round(result["onnx"]["answer"]["p50_ms"] / result["torch"]["answer"]["p50_ms"], 3),
            "answer_p95": round(result["onnx"]["answer"]["p95_ms"] / result["torch"]["answer"]["p95_ms"], 3),
        }
    return result


class _KnownVectors:
    """An embedder that returns vectors computed beforehand: what an answer costs beside the encoder."""

    def __init__(self, embedder, questions: list[str]) -> None:
        self.dimensions = embedder.dimensions
        self._embedder = embedder
        self._vectors = {q: embedder.queries([q]) for q in questions}

    def queries(self, texts: list[str]):
        # A question that names a document is searched without those words: a text not seen before.
        return np.vstack([self._vectors.get(t) if t in self._vectors else self._embedder.queries([t]) for t in texts])


def beside_encoder(assistant, questions: list[str], rounds: int) -> dict:
    """Answer latency with every query vector known: retrieval, judgement, selection, quotes,
    verification and rendering alone. Warm caches: in a real answer the encoder has just pushed
    the index out of the CPU cache, so answer minus query encoding above is somewhat more."""
    embedder = assistant._embedder
    assistant._embedder = _KnownVectors(embedder, questions)
    try:
        timings = []
        for _ in range(rounds):
            for question in questions:
                started = time.perf_counter()
                assistant.ask(question)
                timings.append((time.perf_counter() - started) * 1000)
    finally:
        assistant._embedder = embedder
    return _figures(timings)


def ingest_time(settings: Settings, paths: list[Path]) -> dict:
    from index.builder import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = ingest_paths(paths, settings.model_copy(update={"index_dir": Path(tmp) / "index"}))
        seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "files": [f.status for f in report.files]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default="onnx,torch", help="Encoder, kommagetrennt: onnx, torch")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the gold questions per encoder")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--related", action="store_true", help=f"also ingest {RELATED_DIR} (636 pages, minutes)")
    args = parser.parse_args()
    encoders = [e.strip() for e in args.encoder.split(",") if e.strip()]
    if not encoders or any(e not in ("onnx", "torch") for e in encoders):
        parser.error("--encoder: onnx, torch oder beide")
    result: dict = {"encoders": encoders, "latency": answer_latency(encoders, args.rounds)}
    if not args.skip_ingest:
        result["ingest_leitbild"] = {
            e: ingest_time(get_settings().model_copy(update={"encoder": e}), [DEFAULT_DOCUMENTS_DIR]) for e in encoders
        }
    if args.related:
        if not RELATED_DIR.is_dir():
            parser.error(f"{RELATED_DIR} fehlt")
        result["ingest_related"] = {
            e: ingest_time(get_settings().model_copy(update={"encoder": e}), [RELATED_DIR]) for e in encoders
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
