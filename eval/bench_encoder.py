"""What one query encoding costs on this machine (figures for the notes, not a test).

    .venv/bin/python -m eval.bench_encoder [--tokens 20] [--batches 1,2,4,8,16] [--threads 1,2]
        [--spin 0,1] [--fused] [--int8]

Runs the ONNX export that the model build writes (the encoder of the serving path) directly with
onnxruntime on random token ids of one length, for each thread count and batch size, and prints
wall time per batch, wall time per query and CPU time per query. CPU per query is what bounds how
many answers per second the cores can give, whatever the number of clients. `--fused` also writes
a copy optimised by onnxruntime's transformer optimizer (fused attention, LayerNorm, GELU) to a
temporary folder and measures it the same way. `--int8` writes weight-quantised copies (every
MatMul, or all but the FFN output projections) and prints the cosine of their query vectors to
the fp32 export's on the gold questions before timing them: the issue allows quantised weights
only where retrieval does not move. `--spin 0,1` times the pool threads sleeping between steps
against busy-waiting (the encoder spins where it has more than one thread). One JSON object per
line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from domain.settings import get_settings
from index.encoder_onnx import session as onnx_session
from index.onnx_export import MODEL_FILE, export_dir


def measure(
    path: Path, label: str, tokens: int, batches: list[int], threads: list[int], spins: list[bool], rounds: int
) -> None:
    rng = np.random.default_rng(7)
    for thread_count, spin in itertools.product(threads, spins):
        if spin and thread_count == 1 and False in spins:
            continue  # one thread has no pool: spinning changes nothing
        session = onnx_session(path, thread_count, spin=spin)
        wanted = {i.name for i in session.get_inputs()}
        for batch in batches:
            ids = rng.integers(1000, 20000, size=(batch, tokens), dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in wanted:
                feed["token_type_ids"] = np.zeros_like(ids)
            for _ in range(3):
                session.run(None, feed)
            wall, cpu = time.perf_counter(), time.process_time()
            for _ in range(rounds):
                session.run(None, feed)
            wall_ms = (time.perf_counter() - wall) / rounds * 1000
            cpu_ms = (time.process_time() - cpu) / rounds * 1000
            print(
                json.dumps(
                    {
                        "model": label,
                        "threads": thread_count,
                        "spin": spin and thread_count > 1,
                        "batch": batch,
                        "tokens": tokens,
                        "wall_ms_per_batch": round(wall_ms, 2),
                        "wall_ms_per_query": round(wall_ms / batch, 2),
                        "cpu_ms_per_query": round(cpu_ms / batch, 2),
                    }
                ),
                flush=True,
            )


def _fused(path: Path, target: Path, hidden: int, heads: int) -> Path:
    from onnxruntime.transformers import optimizer

    model = optimizer.optimize_model(str(path), model_type="bert", num_heads=heads, hidden_size=hidden, opt_level=1)
    out = target / "fused.onnx"
    model.save_model_to_file(str(out), use_external_data_format=True)
    return out


def _int8(path: Path, target: Path, keep_ffn_output: bool) -> Path:
    """Weights quantised to int8 per channel, activations dynamically; optionally the FFN output
    projections (whose inputs after GELU carry the outliers) kept in fp32."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(path), load_external_data=False).graph
    keep = [n.name for n in graph.node if keep_ffn_output and n.op_type == "MatMul" and _ffn_output(n.name)]
    out = target / ("int8-ffn-fp32.onnx" if keep_ffn_output else "int8.onnx")
    quantize_dynamic(
        str(path),
        str(out),
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul"],
        nodes_to_exclude=keep,
        use_external_data_format=True,
        extra_options={"MatMulConstBOnly": True},
    )
    return out


def _ffn_output(node: str) -> bool:
    return node.endswith("output/dense/MatMul") and "attention" not in node


def fidelity(model_dir: Path, candidate: Path, label: str) -> None:
    """Lowest and mean cosine of a variant's query vectors against the fp32 export's, on the gold questions."""
    from eval.gold import load_gold
    from index.encoder_onnx import OnnxEncoder

    questions = [q.question for q in load_gold()]
    reference = OnnxEncoder(model_dir, 1).queries(questions)
    cosine = (OnnxEncoder(model_dir, 1, onnx_path=candidate).queries(questions) * reference).sum(axis=1)
    print(json.dumps({"model": label, "queries": len(questions), "cosine_min": round(float(cosine.min()), 5),
                      "cosine_mean": round(float(cosine.mean()), 5)}), flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=20, help="Token je Frage (eine kurze deutsche Frage: 15–25)")
    parser.add_argument("--batches", default="1,2,4,8,16", help="Bündelgrößen, kommagetrennt")
    parser.add_argument("--threads", default="1,2", help="Threads von ONNX Runtime, kommagetrennt")
    parser.add_argument(
        "--spin", default="1", help="Warten der Threads: 1 = aktiv (wie der Encoder), 0 = schlafend; kommagetrennt"
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--fused", action="store_true", help="auch die vom Transformer-Optimierer verschmolzene Fassung"
    )
    parser.add_argument(
        "--int8",
        action="store_true",
        help="auch int8-quantisierte Fassungen (alle MatMul; ohne FFN-Ausgang) mit Kosinus zur fp32-Fassung",
    )
    args = parser.parse_args()
    model_dir = Path(get_settings().model_path())
    path = export_dir(model_dir) / MODEL_FILE
    if not path.exists():
        parser.error(f"{path} fehlt: bitte zuerst `make setup` (Modell-Build mit ONNX-Export)")
    batches = [int(b) for b in args.batches.split(",")]
    threads = [int(t) for t in args.threads.split(",")]
    spins = [s.strip() == "1" for s in args.spin.split(",")]
    measure(path, "export", args.tokens, batches, threads, spins, args.rounds)
    if args.fused:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            fused = _fused(path, Path(tmp), int(config["hidden_size"]), int(config["num_attention_heads"]))
            measure(fused, "fused", args.tokens, batches, threads, spins, args.rounds)
    if args.int8:
        with tempfile.TemporaryDirectory() as tmp:
            for keep_ffn_output in (False, True):
                quantised = _int8(path, Path(tmp), keep_ffn_output)
                label = "int8-ffn-fp32" if keep_ffn_output else "int8"
                fidelity(model_dir, quantised, label)
                measure(quantised, label, args.tokens, batches, threads, spins, args.rounds)


if __name__ == "__main__":
    main()
