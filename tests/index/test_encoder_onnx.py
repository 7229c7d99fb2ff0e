"""The ONNX export run by onnxruntime + tokenizers embeds like the torch model through
sentence-transformers: cosine ≥ 0.9999 on Leitbild passages (both prompts) and gold questions."""

from __future__ import annotations

import numpy as np
import pytest

from eval.gold import load_gold
from index.encoder_onnx import OnnxEncoder, supports
from index.model_build import default_model_dir

pytestmark = pytest.mark.model

MIN_COSINE = 0.9999
PASSAGES = 200
QUESTIONS = 100


@pytest.fixture(scope="module")
def model_dir():
    path = default_model_dir()
    if not supports(path):
        pytest.fail(f"Kein ONNX-Export unter {path}: bitte `make setup`")
    return path


@pytest.fixture(scope="module")
def onnx_encoder(model_dir) -> OnnxEncoder:
    return OnnxEncoder(model_dir, threads=2)


@pytest.fixture(scope="module")
def torch_model(model_dir):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="module")
def passage_texts(leitbild) -> list[str]:
    from index.store import search_text

    texts = [search_text(p) for p in leitbild.passages]
    assert len(texts) >= PASSAGES
    picked = [texts[i] for i in np.linspace(0, len(texts) - 1, PASSAGES).astype(int)]
    # Past 512 tokens both must truncate the same way; a run of spaces and an empty text too.
    return [*picked, " ".join(texts[:40]), "Netze   und\tLeitungen", ""]


def _lowest(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.min(np.sum(a * b, axis=1)))


@pytest.mark.parametrize("prompt", ["query", "passage"])
def test_passages_match_torch(onnx_encoder, torch_model, passage_texts, prompt) -> None:
    expected = torch_model.encode(passage_texts, prompt_name=prompt, normalize_embeddings=True, batch_size=32)
    got = onnx_encoder.queries(passage_texts) if prompt == "query" else onnx_encoder.passages(passage_texts)
    lowest = _lowest(expected, got)
    print(f"{prompt}-Prompt, {len(passage_texts)} Leitbild-Passagen: kleinster Kosinus {lowest:.7f}")
    assert lowest >= MIN_COSINE


def test_gold_questions_match_torch(onnx_encoder, torch_model) -> None:
    questions = [q.question for q in load_gold()]
    assert len(questions) >= QUESTIONS
    expected = torch_model.encode(questions, prompt_name="query", normalize_embeddings=True)
    got = np.vstack([onnx_encoder.queries([q]) for q in questions])  # one at a time, as a request does
    lowest = _lowest(expected, got)
    print(f"{len(questions)} Goldfragen: kleinster Kosinus {lowest:.7f}")
    assert lowest >= MIN_COSINE


def test_order_and_batching_do_not_change_a_vector(onnx_encoder, passage_texts) -> None:
    texts = passage_texts[:40]
    together = onnx_encoder.passages(texts)
    alone = np.vstack([onnx_encoder.passages([t]) for t in reversed(texts)])[::-1]
    assert _lowest(together, alone) >= 0.99999
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
