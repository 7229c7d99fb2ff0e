"""Ingest files into the index: parse new or changed PDFs, embed them, publish a new version.

Unchanged files (same SHA-256) keep their passages and vectors; a failed file is reported
and leaves everything else, in this run and in the index, as it was.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import faiss
import numpy as np
from tqdm import tqdm

from domain.types import Commitment, DocumentInfo, Page, Passage
from index import store
from index.embedder import Embedder
from index.lexical import LexicalIndex
from ingest.document import Document, document_id, file_sha256, ingest_pdf
from ingest.errors import IngestError


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # added | updated | unchanged | failed
    document: str | None = None
    error: str | None = None

    def to_dict(self) -> dict:
        return {"path": self.path, "status": self.status, "document": self.document, "error": self.error}


@dataclass(frozen=True)
class IngestReport:
    files: list[FileResult]
    version: str | None

    @property
    def failed(self) -> bool:
        return any(f.status == "failed" for f in self.files)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders as the PDFs inside them (sorted, not recursive into hidden dirs)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"))
        else:
            found.append(path)
    return found


def ingest_paths(
    paths: Iterable[Path],
    root: Path,
    embedder: Callable[[], Embedder],
    *,
    model_name: str,
    max_bytes: int,
    max_pages: int,
    progress: bool = False,
) -> IngestReport:
    with store.writer_lock(root):
        current = store.load(root) if store.current_version(root) else None
        same_model = current is not None and current.manifest.get("model") == model_name
        kept: dict[str, tuple[DocumentInfo, list[Page], list[Passage], list[Commitment], np.ndarray]] = {}
        if current is not None:
            for info in current.documents:
                kept[info.id] = (
                    info, current.pages[info.id], [p for p in current.passages if p.document == info.id],
                    [c for c in current.commitments if c.document == info.id], current.passage_vectors(info.id),
                )
        results: list[FileResult] = []
        fresh: list[tuple[Document, str]] = []
        for path in expand_paths(paths):
            result, document = _read_one(path, kept, same_model, max_bytes, max_pages)
            results.append(result)
            if document is not None:
                fresh.append((document, result.status))
        if not fresh and current is not None and same_model:
            return IngestReport(results, current.version)
        if not fresh and current is None:
            return IngestReport(results, None)
        model = embedder()
        for document, _ in tqdm(fresh, desc="Einbetten", disable=not progress):
            vectors = model.passages([store.search_text(p) for p in document.passages]) if document.passages else (
                np.zeros((0, model.dimensions), dtype=np.float32)
            )
            kept[document.info.id] = (
                document.info, list(document.pages), list(document.passages), list(document.commitments), vectors,
            )
        if not same_model:
            for doc_id, (info, pages, passages, commitments, _) in list(kept.items()):
                if doc_id not in {d.info.id for d, _ in fresh}:
                    vectors = model.passages([store.search_text(p) for p in passages])
                    kept[doc_id] = (info, pages, passages, commitments, vectors)
        data = _assemble(kept, model_name, model.dimensions)
        store.publish(root, data)
        return IngestReport(results, data.version)


def _read_one(path: Path, kept: dict, same_model: bool, max_bytes: int, max_pages: int):
    try:
        if path.exists() and path.is_file():
            sha = file_sha256(path)
            for info, *_ in kept.values():
                if info.sha256 == sha and same_model:
                    return FileResult(str(path), "unchanged", info.id), None
        document = ingest_pdf(path, max_bytes=max_bytes, max_pages=max_pages)
    except IngestError as exc:
        return FileResult(str(path), "failed", error=exc.reason), None
    except OSError as exc:
        return FileResult(str(path), "failed", error=f"Datei nicht lesbar ({exc.strerror or exc})"), None
    if not document.passages:
        return FileResult(str(path), "failed", error="kein verwertbarer Text gefunden"), None
    doc_id = document.info.id
    replaced = next(
        (info.id for info, *_ in kept.values() if info.id == doc_id or info.path == str(path) or info.title == document.info.title),
        None,
    )
    if replaced is not None:
        kept.pop(replaced)
        if replaced != doc_id:
            document = ingest_pdf(path, doc_id=replaced, max_bytes=max_bytes, max_pages=max_pages)
        return FileResult(str(path), "updated", replaced), document
    return FileResult(str(path), "added", doc_id), document


def _assemble(kept: dict, model_name: str, dimensions: int) -> store.IndexData:
    documents, pages, passages, commitments, blocks = [], {}, [], [], []
    for doc_id in sorted(kept):
        info, doc_pages, doc_passages, doc_commitments, vectors = kept[doc_id]
        documents.append(info)
        pages[doc_id] = doc_pages
        passages.extend(doc_passages)
        commitments.extend(doc_commitments)
        blocks.append(vectors)
    matrix = np.vstack(blocks).astype(np.float32) if blocks else np.zeros((0, dimensions), dtype=np.float32)
    vectors = faiss.IndexFlatIP(dimensions)
    if len(matrix):
        vectors.add(matrix)
    lexical = LexicalIndex.build([store.search_text(p) for p in passages])
    manifest = {
        "format_version": store.FORMAT_VERSION,
        "model": model_name,
        "dimensions": dimensions,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": [{"id": d.id, "title": d.title, "sha256": d.sha256, "pages": d.pages} for d in documents],
        "passages": len(passages),
        "commitments": len(commitments),
        "versions": {pkg: _version(pkg) for pkg in ("sentence-transformers", "faiss-cpu", "bm25s", "pypdf", "leitbild-assistent")},
    }
    return store.IndexData(manifest, documents, pages, passages, commitments, vectors, lexical)


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


__all__ = ["FileResult", "IngestReport", "document_id", "expand_paths", "ingest_paths"]
