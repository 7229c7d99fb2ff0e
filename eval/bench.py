"""Speed figures for the notes (`python -m eval.bench`): answer latency in-process after warm-up,
and the full ingest time of the bundled corpus into a fresh index. Not a timed test."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from domain.settings import DEFAULT_DOCUMENTS_DIR, get_settings


def answer_latency(rounds: int) -> dict:
    from assistant import Assistant
    from eval.gold import load_gold

    assistant = Assistant()
    questions = [q.question for q in load_gold()]
    for question in questions[:10]:
        assistant.ask(question)  # warm-up: caches, allocator, torch kernels
    timings = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            assistant.ask(question)
            timings.append((time.perf_counter() - started) * 1000)
    values = np.array(timings)
    return {
        "answers": len(values),
        "latency_ms_p50": round(float(np.percentile(values, 50)), 1),
        "latency_ms_p95": round(float(np.percentile(values, 95)), 1),
        "latency_ms_max": round(float(values.max()), 1),
    }


def ingest_time() -> dict:
    from index.builder import ingest_paths

    settings = get_settings()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = ingest_paths([DEFAULT_DOCUMENTS_DIR], settings.model_copy(update={"index_dir": Path(tmp) / "index"}))
        seconds = time.perf_counter() - started
    return {"ingest_seconds": round(seconds, 2), "files": [f.status for f in report.files]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the gold questions")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    result = answer_latency(args.rounds)
    if not args.skip_ingest:
        result.update(ingest_time())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
