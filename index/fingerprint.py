"""Index identity, declared: everything that shapes stored data, named in one place.

A published version records its fingerprint in the manifest. On the next ingest each part that
differs re-derives exactly what depends on it:

| part        | made of                                                        | a change re-derives        |
|-------------|----------------------------------------------------------------|----------------------------|
| `pipeline`  | the ingest code and its IngestPolicy (ingest/*.py)             | pages, passages, commitments (documents are read again) |
| `tokenizer` | domain/german.py (rules, stop words, stemmer and splitter versions), BM25 and vocabulary code | BM25 tokens and the vocabulary |
| `embedding` | the model (name, files, export), the encoder code and the text a passage is embedded as | every vector |
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import asdict, dataclass
from pathlib import Path

from domain import german
from index import embedder, lexical, store, vocabulary

_PROJECT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Fingerprint:
    pipeline: str
    tokenizer: str
    embedding: str

    @classmethod
    def current(cls, model_name: str, model_path: str, encoder: str = "auto") -> Fingerprint:
        return cls(
            pipeline_fingerprint(), tokenizer_fingerprint(), embedding_fingerprint(model_name, model_path, encoder)
        )

    @classmethod
    def of(cls, manifest: dict) -> Fingerprint | None:
        recorded = manifest.get("fingerprint")
        return (
            cls(**recorded) if isinstance(recorded, dict) and set(recorded) == set(cls.__dataclass_fields__) else None
        )

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _hash_sources(*paths: Path) -> hashlib._Hash:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + path.read_bytes())
    return digest


def pipeline_fingerprint() -> str:
    """The code (and policy) that turns PDFs into pages, passages and commitments."""
    return _hash_sources(*sorted((_PROJECT / "ingest").glob("*.py"))).hexdigest()[:16]


def tokenizer_fingerprint() -> str:
    """What turns text into BM25 tokens and vocabulary counts."""
    digest = _hash_sources(Path(inspect.getfile(lexical)), Path(inspect.getfile(vocabulary)))
    digest.update(german.fingerprint().encode())
    return digest.hexdigest()[:16]


def embedding_fingerprint(model_name: str, model_path: str, encoder: str = "auto") -> str:
    """The model as configured and as found on disk (files, ONNX export, encoder kind and code:
    `index.embedder.model_fingerprint`), how it is called, and what text is embedded."""
    digest = hashlib.sha256(model_name.encode())
    digest.update(embedder.model_fingerprint(model_path, encoder)["embedding"].encode())
    digest.update(Path(inspect.getfile(embedder)).read_bytes())
    digest.update(inspect.getsource(store.search_text).encode())
    return digest.hexdigest()[:16]
