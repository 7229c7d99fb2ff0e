"""Ingest files into the index: parse new or changed PDFs, embed them, publish a new version.

Unchanged files (same SHA-256) keep their passages and vectors; a failed file is reported
and leaves everything else, in this run and in the index, as it was.
"""

from __future__ import annotations

import hashlib
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
    paths = list(paths)
    with store.writer_lock(root):
        try:
            current = store.load(root) if store.current_version(root) else None
        except store.IndexFormatError:
            # An index from an older release: read its documents again from where they came from.
            current = None
            known = {str(p) for p in paths}
            paths += [Path(d.path) for d in store.load_registry(root) if d.path not in known and Path(d.path).is_file()]
        # Passages and vectors carry over only if they would come out the same today.
        same_model = (
            current is not None
            and current.manifest.get("model") == model_name
            and current.manifest.get("pipeline") == pipeline_version()
        )
        kept = _entries(current) if current is not None else {}
        results: list[FileResult] = []
        fresh: list[tuple[Document, str]] = []
        for path in expand_paths(paths):
            result, document = _read_one(path, kept, same_model, max_bytes, max_pages)
            results.append(result)
            if document is not None:
                fresh.append((document, result.status))
        if not fresh:  # nothing new was read: whatever is published stays exactly as it is
            return IngestReport(results, current.version if current else None)
        model = embedder()
        for document, _ in tqdm(fresh, desc="Einbetten", disable=not progress):
            kept[document.info.id] = _embed(
                model, document.info, list(document.pages), list(document.passages), list(document.commitments)
            )
        if not same_model:
            fresh_ids = {d.info.id for d, _ in fresh}
            for doc_id, entry in list(kept.items()):
                if doc_id in fresh_ids:
                    continue
                source = Path(entry.info.path)
                if source.is_file() and file_sha256(source) == entry.info.sha256:
                    again = ingest_pdf(
                        source, doc_id=doc_id, title=entry.info.title, max_bytes=max_bytes, max_pages=max_pages
                    )
                    kept[doc_id] = _embed(
                        model, again.info, list(again.pages), list(again.passages), list(again.commitments)
                    )
                else:  # the file moved away: keep its passages, renew the vectors
                    kept[doc_id] = _embed(model, entry.info, entry.pages, entry.passages, entry.commitments)
        data = _assemble(kept, model_name, model.dimensions)
        store.publish(root, data)
        return IngestReport(results, data.version)


@dataclass(frozen=True)
class _Entry:
    info: DocumentInfo
    pages: list[Page]
    passages: list[Passage]
    commitments: list[Commitment]
    passage_vectors: np.ndarray
    unit_vectors: np.ndarray


def pipeline_version() -> str:
    """A hash of the code that turns PDFs into passages and vectors; a change re-ingests everything."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for package in ("domain", "ingest", "index"):
        for source in sorted((root / package).glob("*.py")):
            if source.name not in ("model_build.py", "e5_format.py"):
                digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:16]


def _entries(data: store.IndexData) -> dict[str, _Entry]:
    return {
        info.id: _Entry(
            info,
            data.pages[info.id],
            [p for p in data.passages if p.document == info.id],
            [c for c in data.commitments if c.document == info.id],
            *data.document_vectors(info.id),
        )
        for info in data.documents
    }


def _embed(model: Embedder, info, pages, passages, commitments) -> _Entry:
    passage_vectors = model.passages([store.search_text(p) for p in passages])
    unit_vectors = model.passages([u.text for p in passages for u in p.units])
    return _Entry(info, pages, passages, commitments, passage_vectors, unit_vectors)


def _read_one(path: Path, kept: dict[str, _Entry], same_model: bool, max_bytes: int, max_pages: int):
    try:
        if path.exists() and path.is_file():
            sha = file_sha256(path)
            for entry in kept.values():
                if entry.info.sha256 == sha and same_model:
                    return FileResult(str(path), "unchanged", entry.info.id), None
        document = ingest_pdf(path, max_bytes=max_bytes, max_pages=max_pages)
    except IngestError as exc:
        return FileResult(str(path), "failed", error=exc.reason), None
    except OSError as exc:
        return FileResult(str(path), "failed", error=f"Datei nicht lesbar ({exc.strerror or exc})"), None
    if not document.passages:
        return FileResult(str(path), "failed", error="kein verwertbarer Text gefunden"), None
    doc_id = document.info.id
    replaced = next(
        (
            e.info.id
            for e in kept.values()
            if e.info.id == doc_id or e.info.path == str(path) or e.info.title == document.info.title
        ),
        None,
    )
    if replaced is not None:
        kept.pop(replaced)
        if replaced != doc_id:
            document = ingest_pdf(path, doc_id=replaced, max_bytes=max_bytes, max_pages=max_pages)
        return FileResult(str(path), "updated", replaced), document
    return FileResult(str(path), "added", doc_id), document


def _assemble(kept: dict[str, _Entry], model_name: str, dimensions: int) -> store.IndexData:
    documents, pages, passages, commitments, blocks, unit_blocks = [], {}, [], [], [], []
    for doc_id in sorted(kept):
        entry = kept[doc_id]
        documents.append(entry.info)
        pages[doc_id] = entry.pages
        passages.extend(entry.passages)
        commitments.extend(entry.commitments)
        blocks.append(entry.passage_vectors)
        unit_blocks.append(entry.unit_vectors)
    empty = np.zeros((0, dimensions), dtype=np.float32)
    matrix = np.vstack(blocks).astype(np.float32) if blocks else empty
    unit_vectors = np.vstack(unit_blocks).astype(np.float32) if unit_blocks else empty
    unit_offsets = np.cumsum([0] + [len(p.units) for p in passages]).astype(np.int64)
    vectors = faiss.IndexFlatIP(dimensions)
    if len(matrix):
        vectors.add(matrix)
    lexical = LexicalIndex.build([store.search_text(p) for p in passages])
    manifest = {
        "format_version": store.FORMAT_VERSION,
        "model": model_name,
        "dimensions": dimensions,
        "pipeline": pipeline_version(),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": [{"id": d.id, "title": d.title, "sha256": d.sha256, "pages": d.pages} for d in documents],
        "passages": len(passages),
        "commitments": len(commitments),
        "versions": {
            pkg: _version(pkg) for pkg in ("sentence-transformers", "faiss-cpu", "bm25s", "pypdf", "leitbild-assistent")
        },
    }
    return store.IndexData(
        manifest, documents, pages, passages, commitments, vectors, lexical, unit_vectors, unit_offsets
    )


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


__all__ = ["FileResult", "IngestReport", "document_id", "expand_paths", "ingest_paths"]


def remove_document(root: Path, doc_id: str) -> bool:
    """Publish a version without the document: its passages, vectors, BM25 entries and commitments go."""
    with store.writer_lock(root):
        current = store.load(root)
        if doc_id not in {d.id for d in current.documents}:
            return False
        kept = _entries(current)
        kept.pop(doc_id)
        store.publish(root, _assemble(kept, current.manifest["model"], current.manifest["dimensions"]))
        return True
