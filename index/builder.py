"""Ingest files into the index: decide each file's identity, parse what is new, embed, publish.

Unchanged files (same SHA-256, same sidecar, same ingest pipeline) keep their passages and
vectors and are not read again; a failed file is reported and leaves everything else, in this
run and in the index, as it was. What a changed fingerprint (index/fingerprint.py) invalidates
is derived anew: passages (pipeline), BM25 and vocabulary (tokenizer), vectors (embedding).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from tqdm import tqdm

from domain.files import file_sha256
from domain.german import terms
from domain.settings import Settings, get_settings
from index import store
from index.embedder import Embedder, load_embedder
from index.fingerprint import Fingerprint
from index.lexical import LexicalIndex
from index.registry import Plan, Registry
from index.vector_cache import VectorCache
from index.vectors import VectorIndex
from index.vocabulary import Vocabulary
from ingest.document import Document, read_document
from ingest.errors import IngestError
from ingest.sidecar import read_sidecar


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
    """Files as given, folders as the PDFs inside them (sorted, recursively, hidden folders
    and files skipped); sidecars are not documents."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() == ".pdf"
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found


def ingest_paths(
    paths: Iterable[Path],
    settings: Settings,
    *,
    embedder: Callable[[], Embedder] | None = None,
    progress: bool = False,
) -> IngestReport:
    """Ingest files and folders into `settings.index_dir` with the configured model (or `embedder`)."""
    root = Path(settings.index_dir)
    paths = list(paths)
    factory = embedder or (lambda: load_embedder(settings.model_path(), settings.ingest_threads, settings.encoder))
    now = Fingerprint.current(settings.model, settings.model_path(), settings.encoder)
    limits = {"max_bytes": settings.max_pdf_bytes, "max_pages": settings.max_pdf_pages}
    with store.writer_lock(root):
        try:
            current = store.load(root) if store.current_version(root) else None
        except store.IndexFormatError:
            # An index from an older release: read its documents again from where they came from.
            current = None
            known = {str(p) for p in paths}
            paths += [Path(d.path) for d in store.load_registry(root) if d.path not in known and Path(d.path).is_file()]
        was = Fingerprint.of(current.manifest) if current is not None else None
        same_embedding = was is not None and was.embedding == now.embedding
        same_pipeline = was is not None and same_embedding and was.pipeline == now.pipeline
        entries = current.entries() if current is not None else {}
        registry = Registry(entries, reparse=not same_pipeline)
        vectors = VectorCache(factory, entries.values() if same_embedding else ())
        results, fresh = [], []
        for path in expand_paths(paths):
            result, document = _read(path, registry, limits)
            results.append(result)
            if document is not None:
                fresh.append(document)
        if not fresh and not registry.moved and (current is None or was == now):  # nothing new to publish
            return IngestReport(results, current.version if current else None)
        dimensions = int(current.manifest["dimensions"]) if same_embedding else vectors.model.dimensions
        for document in tqdm(fresh, desc="Einbetten", disable=not progress):
            entries[document.info.id] = vectors.entry(document, dimensions)
        if not same_pipeline:  # documents not named in this run: read again with today's code
            fresh_ids = {d.info.id for d in fresh}
            for doc_id in [d for d in entries if d not in fresh_ids]:
                entries[doc_id] = vectors.entry(_reread(entries[doc_id], limits), dimensions)
        data = assemble(entries, settings.model, dimensions, now, settings.ann_min_passages)
        store.publish(root, data)
        return IngestReport(results, data.version)


def _read(path: Path, registry: Registry, limits: dict) -> tuple[FileResult, Document | None]:
    """What the file is to the index and, if it is to be (re)indexed, its parsed document."""
    try:
        plan = registry.plan(path)
        if isinstance(plan, str):
            return FileResult(str(path), "unchanged", plan), None
        return _parse(plan, registry, limits)
    except IngestError as exc:
        return FileResult(str(path), "failed", error=exc.reason), None
    except OSError as exc:
        return FileResult(str(path), "failed", error=f"Datei nicht lesbar ({exc.strerror or exc})"), None


def _parse(plan: Plan, registry: Registry, limits: dict) -> tuple[FileResult, Document | None]:
    parsed = read_document(plan.path, sidecar=plan.sidecar, **limits)
    sha = plan.sha256 or file_sha256(plan.path)
    doc_id, replaces = plan.doc_id, plan.replaces
    if replaces is None:
        edition = registry.edition_of(parsed.title)
        if edition is not None:  # a renamed file with a known title: a new edition of that document
            doc_id = replaces = edition
    document = parsed.assemble(doc_id, sha)
    if not document.passages:
        return FileResult(str(plan.path), "failed", error="kein verwertbarer Text gefunden"), None
    registry.claim(doc_id, sha, replaces)
    return FileResult(str(plan.path), "updated" if replaces else "added", doc_id), document


def _reread(entry: store.DocumentEntry, limits: dict) -> Document | store.DocumentEntry:
    """A document not named in this run, under a new pipeline: parse its file again if it is
    still the same file; otherwise keep its passages (only the vectors may be renewed)."""
    source = Path(entry.info.path)
    try:
        if source.is_file() and file_sha256(source) == entry.info.sha256:
            parsed = read_document(source, sidecar=read_sidecar(source), **limits)
            return parsed.assemble(entry.info.id, entry.info.sha256)
    except (IngestError, OSError):
        pass  # e.g. its sidecar was broken meanwhile: what was indexed stays as it was
    return entry


def assemble(
    entries: dict[str, store.DocumentEntry],
    model_name: str,
    dimensions: int,
    fingerprint: Fingerprint,
    ann_min_passages: int,
) -> store.IndexData:
    """One index version from its documents: FAISS, sentence vectors, BM25, vocabulary, manifest."""
    documents, pages, passages, commitments, blocks, unit_blocks = [], {}, [], [], [], []
    for doc_id in sorted(entries):
        entry = entries[doc_id]
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
    vectors = VectorIndex.for_size(matrix, ann_min_passages)
    passage_terms = [terms(store.search_text(p)) for p in passages]  # once, for BM25 and the vocabulary
    manifest = {
        "format_version": store.FORMAT_VERSION,
        "model": model_name,
        "dimensions": dimensions,
        "vector_index": vectors.kind,
        "fingerprint": fingerprint.to_dict(),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "documents": [{"id": d.id, "title": d.title, "sha256": d.sha256, "pages": d.pages} for d in documents],
        "passages": len(passages),
        "commitments": len(commitments),
        "versions": {
            pkg: _version(pkg) for pkg in ("sentence-transformers", "faiss-cpu", "bm25s", "pypdf", "leitbild-assistent")
        },
    }
    return store.IndexData(
        manifest,
        documents,
        pages,
        passages,
        commitments,
        vectors,
        LexicalIndex.of_terms(passage_terms),
        Vocabulary.of_terms(zip((p.document for p in passages), passage_terms, strict=True)),
        unit_vectors,
        unit_offsets,
    )


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


class LastDocumentError(RuntimeError):
    """Removing the only document would leave an index that cannot answer (and BM25 cannot be built empty)."""


def remove_document(root: Path, doc_id: str) -> bool:
    """Publish a version without the document: its passages, vectors, BM25 entries and commitments go."""
    with store.writer_lock(root):
        current = store.load(root)
        if doc_id not in {d.id for d in current.documents}:
            return False
        if len(current.documents) == 1:
            raise LastDocumentError(
                f"{doc_id} ist das einzige Dokument im Index und kann nicht entfernt werden – "
                "bitte zuerst ein anderes einlesen oder das Index-Verzeichnis neu anlegen."
            )
        entries = current.entries()
        entries.pop(doc_id)
        # The others are untouched: they keep the fingerprint they were made with, so the next
        # ingest still knows what is current. BM25 and vocabulary are rebuilt with today's tokenizer.
        recorded = Fingerprint.of(current.manifest)
        manifest = current.manifest
        data = assemble(entries, manifest["model"], manifest["dimensions"], recorded, get_settings().ann_min_passages)
        store.publish(root, data)
        return True


__all__ = ["FileResult", "IngestReport", "LastDocumentError", "expand_paths", "ingest_paths", "remove_document"]
