"""Ingest files into the index: parse new or changed PDFs, embed them, publish a new version.

Unchanged files (same SHA-256, same sidecar) keep their passages and vectors and are not
read again; a failed file is reported and leaves everything else, in this run and in the
index, as it was. Vectors are reused by text wherever the embedding is the same: a changed
file, a new ingest pipeline or a new title costs only the embeddings of text that is new.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import inspect
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
from ingest.document import Document, document_id, file_sha256, ingest_pdf, read_document
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


def pipeline_version() -> str:
    """A hash of the code that turns PDFs into passages; a change re-reads every document."""
    digest = hashlib.sha256()
    for source in sorted((Path(__file__).resolve().parents[1] / "ingest").glob("*.py")):
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:16]


def embedding_version(model_name: str) -> str:
    """What a vector depends on besides its text: the model, how it is called, what text of a
    passage is embedded. Equal versions make a stored vector as good as a fresh one."""
    digest = hashlib.sha256(model_name.encode())
    embedder_source = Path(inspect.getfile(Embedder)).read_bytes()
    for part in (embedder_source, inspect.getsource(store.search_text).encode(), inspect.getsource(_embed).encode()):
        digest.update(part)
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class _Entry:
    """One document as it goes into a version: registry entry, pages, passages, commitments, vectors."""

    info: DocumentInfo
    pages: list[Page]
    passages: list[Passage]
    commitments: list[Commitment]
    passage_vectors: np.ndarray
    unit_vectors: np.ndarray


class _Vectors:
    """Passage texts to vectors: stored ones where the text is known, the model only for the rest.

    The model is loaded on the first miss, so a run that embeds nothing never loads it."""

    def __init__(self, factory: Callable[[], Embedder], known: Iterable[_Entry]) -> None:
        self._factory = factory
        self._model: Embedder | None = None
        self._known: dict[str, np.ndarray] = {}
        for entry in known:
            texts = [store.search_text(p) for p in entry.passages]
            self._known.update(zip(texts, entry.passage_vectors, strict=True))
            units = [u.text for p in entry.passages for u in p.units]
            self._known.update(zip(units, entry.unit_vectors, strict=True))

    @property
    def model(self) -> Embedder:
        if self._model is None:
            self._model = self._factory()
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def embed(self, texts: list[str], dimensions: int) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._known))
        if missing:
            self._known.update(zip(missing, self.model.passages(missing), strict=True))
        if not texts:
            return np.zeros((0, dimensions), dtype=np.float32)
        return np.vstack([self._known[t] for t in texts]).astype(np.float32)


def _embed(vectors: _Vectors, document: Document | _Entry, dimensions: int) -> _Entry:
    info = document.info
    passages = list(document.passages)
    passage_vectors = vectors.embed([store.search_text(p) for p in passages], dimensions)
    unit_vectors = vectors.embed([u.text for p in passages for u in p.units], dimensions)
    return _Entry(info, list(document.pages), passages, list(document.commitments), passage_vectors, unit_vectors)


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
        manifest = current.manifest if current is not None else {}
        same_embedding = manifest.get("embedding") == embedding_version(model_name)
        # Passages carry over unread only if today's code would produce the same ones.
        same_pipeline = same_embedding and manifest.get("pipeline") == pipeline_version()
        kept = _entries(current) if current is not None else {}
        vectors = _Vectors(embedder, kept.values() if same_embedding else ())
        reader = _Reader(kept, same_pipeline, max_bytes, max_pages)
        for path in expand_paths(paths):
            reader.read(path)
        if not reader.fresh and not reader.moved:  # nothing new: whatever is published stays as it is
            return IngestReport(reader.results, current.version if current else None)
        dimensions = int(manifest["dimensions"]) if same_embedding else vectors.model.dimensions
        for document in tqdm(reader.fresh, desc="Einbetten", disable=not progress):
            kept[document.info.id] = _embed(vectors, document, dimensions)
        if not same_pipeline:
            fresh_ids = {d.info.id for d in reader.fresh}
            for doc_id in [d for d in kept if d not in fresh_ids]:
                kept[doc_id] = _embed(vectors, _reread(kept[doc_id], max_bytes, max_pages), dimensions)
        data = _assemble(kept, model_name, dimensions, pipeline_version(), embedding_version(model_name))
        store.publish(root, data)
        return IngestReport(reader.results, data.version)


class _Reader:
    """Decides for each file what it is to the index (new, a new edition, unchanged, broken) and parses it."""

    def __init__(self, kept: dict[str, _Entry], same_pipeline: bool, max_bytes: int, max_pages: int) -> None:
        self.kept = kept
        self.same_pipeline = same_pipeline
        self.max_bytes = max_bytes
        self.max_pages = max_pages
        self.results: list[FileResult] = []
        self.fresh: list[Document] = []
        self.moved = False  # an unchanged file found at a new place: the registry changes, the vectors do not
        self._claimed: dict[str, str] = {}  # SHA-256 → document id, for files read in this run

    def read(self, path: Path) -> None:
        try:
            result = self._read(path)
        except IngestError as exc:
            result = FileResult(str(path), "failed", error=exc.reason)
        except OSError as exc:
            result = FileResult(str(path), "failed", error=f"Datei nicht lesbar ({exc.strerror or exc})")
        self.results.append(result)

    def _read(self, path: Path) -> FileResult:
        sha = sidecar_sha = None
        sidecar = None
        if path.is_file():
            sha = file_sha256(path)
            sidecar = read_sidecar(path)
            sidecar_sha = sidecar.sha256 if sidecar else None
            if sha in self._claimed:  # the same file twice in one run (copies in two folders)
                return FileResult(str(path), "unchanged", self._claimed[sha])
            same = next((e for e in self.kept.values() if e.info.sha256 == sha), None)
            if same is not None and self.same_pipeline and same.info.sidecar_sha256 == sidecar_sha:
                self._note_move(same, path)
                self._claimed[sha] = same.info.id
                return FileResult(str(path), "unchanged", same.info.id)
        target, replaced = self._target(path, sha)
        parsed = read_document(path, sidecar=sidecar, max_bytes=self.max_bytes, max_pages=self.max_pages)
        document = parsed.assemble(target, sha)
        if not document.passages:
            return FileResult(str(path), "failed", error="kein verwertbarer Text gefunden")
        if replaced is None:
            edition = self._earlier_edition(parsed.title)
            if edition is not None:  # a renamed file with a known title: a new edition of that document
                replaced = edition
                document = parsed.assemble(edition, sha)
        if replaced is not None:
            self.kept.pop(replaced)
        self.fresh.append(document)
        self._claimed[document.info.sha256] = document.info.id
        return FileResult(str(path), "updated" if replaced else "added", document.info.id)

    def _target(self, path: Path, sha: str | None) -> tuple[str, str | None]:
        """The id the document gets and the id of the entry it replaces (None for a new document)."""
        taken = set(self.kept) | set(self._claimed.values())
        same_content = next((e for e in self.kept.values() if sha and e.info.sha256 == sha), None)
        if same_content is not None:  # same PDF, new sidecar or new pipeline
            return same_content.info.id, same_content.info.id
        resolved = _resolved(path)
        same_place = next((e for e in self.kept.values() if _resolved(Path(e.info.path)) == resolved), None)
        if same_place is not None:
            return same_place.info.id, same_place.info.id
        base = document_id(path)
        holder = self.kept.get(base)
        if holder is not None and not Path(holder.info.path).exists():
            return base, base  # the file moved to another folder and changed on the way
        candidate, n = base, 1
        while candidate in taken:  # another file of the same name in another folder
            n += 1
            candidate = f"{base}-{n}"
        return candidate, None

    def _earlier_edition(self, title: str) -> str | None:
        """A known document of the same title whose file is gone: the new file replaces it.
        One whose file is still there is another document that happens to share the title."""
        claimed = set(self._claimed.values())
        for entry in self.kept.values():
            if entry.info.title == title and entry.info.id not in claimed and not Path(entry.info.path).exists():
                return entry.info.id
        return None

    def _note_move(self, entry: _Entry, path: Path) -> None:
        if _resolved(Path(entry.info.path)) != _resolved(path) and not Path(entry.info.path).exists():
            info = dataclasses.replace(entry.info, path=str(_resolved(path)))
            self.kept[entry.info.id] = dataclasses.replace(entry, info=info)
            self.moved = True


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _reread(entry: _Entry, max_bytes: int, max_pages: int) -> Document | _Entry:
    """A document not named in this run, under a new pipeline: parse its file again if it is
    still the same file; otherwise keep its passages (only the vectors may be renewed)."""
    source = Path(entry.info.path)
    try:
        if source.is_file() and file_sha256(source) == entry.info.sha256:
            return ingest_pdf(source, doc_id=entry.info.id, max_bytes=max_bytes, max_pages=max_pages)
    except (IngestError, OSError):
        pass  # e.g. its sidecar was broken meanwhile: what was indexed stays as it was
    return entry


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


def _assemble(
    kept: dict[str, _Entry], model_name: str, dimensions: int, pipeline: str | None, embedding: str | None
) -> store.IndexData:
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
        "pipeline": pipeline,
        "embedding": embedding,
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
        kept = _entries(current)
        kept.pop(doc_id)
        manifest = current.manifest
        # The others are untouched: they keep the pipeline and embedding they were made with.
        data = _assemble(
            kept, manifest["model"], manifest["dimensions"], manifest.get("pipeline"), manifest.get("embedding")
        )
        store.publish(root, data)
        return True


__all__ = [
    "FileResult",
    "IngestReport",
    "LastDocumentError",
    "document_id",
    "embedding_version",
    "expand_paths",
    "ingest_paths",
    "pipeline_version",
    "remove_document",
]
