"""The on-disk index: one directory per version, published by an atomic rename.

    INDEX_DIR/CURRENT            name of the published version (replaced atomically)
    INDEX_DIR/versions/<name>/   manifest.json, documents.json, pages.json, passages.jsonl,
                                 commitments.json, vectors.faiss, unit_vectors.npy, unit_offsets.npy,
                                 bm25/, vocabulary.json

A reader resolves CURRENT once and reads only that version, so an ingest that is killed
half-way leaves at most an unpublished temporary directory behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from domain.types import Commitment, DocumentInfo, Page, Passage, Span, Unit
from index.lexical import LexicalIndex
from index.vectors import VectorIndex
from index.vocabulary import Vocabulary

FORMAT_VERSION = 3
KEEP_VERSIONS = 3


class IndexMissingError(RuntimeError):
    pass


class IndexBusyError(RuntimeError):
    pass


@dataclass
class IndexData:
    manifest: dict
    documents: list[DocumentInfo]
    pages: dict[str, list[Page]]
    passages: list[Passage]
    commitments: list[Commitment]
    vectors: VectorIndex
    lexical: LexicalIndex
    vocabulary: Vocabulary
    # One vector per quotable unit (sentence), passage by passage; unit_offsets[i] is where passage i starts.
    unit_vectors: np.ndarray
    unit_offsets: np.ndarray
    version: str = ""

    @cached_property
    def passage_positions(self) -> dict[str, int]:
        """Passage id → position in `passages`, computed once per loaded version."""
        return {p.id: i for i, p in enumerate(self.passages)}

    @cached_property
    def documents_by_id(self) -> dict[str, DocumentInfo]:
        return {d.id: d for d in self.documents}

    @cached_property
    def commitment_positions(self) -> dict[str, int]:
        """Commitment id → position of its passage."""
        return {p.commitment_id: i for i, p in enumerate(self.passages) if p.commitment_id}

    @cached_property
    def prose_commitments(self) -> dict[int, tuple[str, ...]]:
        """Passage position → ids of the commitments written as sentences in it, in document order
        (a list item is a passage of its own and carries its id as `Passage.commitment_id`)."""
        found: dict[int, list[str]] = {}
        positions = self.passage_positions
        for c in self.commitments:
            if c.source == "prose" and c.passage_id in positions:
                found.setdefault(positions[c.passage_id], []).append(c.id)
        return {position: tuple(ids) for position, ids in found.items()}

    def commitments_at(self, position: int) -> tuple[str, ...]:
        """Ids of the commitments a passage is (a list item) or holds (sentences of a paragraph)."""
        own = self.passages[position].commitment_id
        return (own,) if own else self.prose_commitments.get(position, ())

    @cached_property
    def commitment_passages(self) -> dict[str, int]:
        """Commitment id → position of the passage it is (a list item) or stands in (a sentence)."""
        found = dict(self.commitment_positions)
        found.update((cid, position) for position, ids in self.prose_commitments.items() for cid in ids)
        return found

    @cached_property
    def section_commitments(self) -> dict[tuple[str, str], list[int]]:
        """(document, section) → positions of the section's passages that are or hold commitments, in
        document order."""
        found: dict[tuple[str, str], list[int]] = {}
        holding = self.prose_commitments
        for i, p in enumerate(self.passages):
            if p.commitment_id or i in holding:
                found.setdefault((p.document, p.section), []).append(i)
        return found

    @cached_property
    def nested_commitments(self) -> dict[str, list[str]]:
        """Commitment id → ids of the items nested under it, in document order."""
        children: dict[str, list[str]] = {}
        for c in self.commitments:
            if c.parent:
                children.setdefault(c.parent, []).append(c.id)
        return children

    def units_of(self, passage_index: int) -> np.ndarray:
        return self.unit_vectors[self.unit_offsets[passage_index] : self.unit_offsets[passage_index + 1]]

    def entries(self) -> dict[str, DocumentEntry]:
        """Each document as it sits in this version, to carry it into the next one."""
        return {
            info.id: DocumentEntry(
                info,
                self.pages[info.id],
                [p for p in self.passages if p.document == info.id],
                [c for c in self.commitments if c.document == info.id],
                *self._document_vectors(info.id),
            )
            for info in self.documents
        }

    def _document_vectors(self, document: str) -> tuple[np.ndarray, np.ndarray]:
        rows = [i for i, p in enumerate(self.passages) if p.document == document]
        if not rows:
            empty = np.zeros((0, self.vectors.d), dtype=np.float32)
            return empty, empty
        passages = self.vectors.reconstruct_batch(np.array(rows))
        units = np.vstack([self.units_of(i) for i in rows])
        return passages, units


@dataclass(frozen=True)
class DocumentEntry:
    """One document as it goes into a version: registry entry, pages, passages, commitments, vectors."""

    info: DocumentInfo
    pages: list[Page]
    passages: list[Passage]
    commitments: list[Commitment]
    passage_vectors: np.ndarray
    unit_vectors: np.ndarray


def search_text(passage: Passage) -> str:
    """What is embedded and BM25-indexed: the section title situates short bullets."""
    parts = [passage.section, passage.context, passage.text]
    return " – ".join(p for p in parts if p)


def versions_dir(root: Path) -> Path:
    return root / "versions"


def current_version(root: Path) -> Path | None:
    pointer = root / "CURRENT"
    if not pointer.exists():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    path = versions_dir(root) / name
    return path if name and (path / "manifest.json").exists() else None


@contextlib.contextmanager
def writer_lock(root: Path):
    """One writer at a time; a second ingest is told so instead of waiting or corrupting."""
    root.mkdir(parents=True, exist_ok=True)
    handle = (root / "LOCK").open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise IndexBusyError(f"Der Index {root} wird gerade von einem anderen Ingest-Vorgang geschrieben.") from exc
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def publish(root: Path, data: IndexData) -> Path:
    """Write a complete new version beside the old ones, then switch CURRENT to it atomically."""
    versions = versions_dir(root)
    versions.mkdir(parents=True, exist_ok=True)
    # Names sort by creation (to the microsecond), so pruning keeps the newest even within one second.
    now = time.time()
    name = time.strftime("v%Y%m%dT%H%M%S", time.localtime(now)) + f"{int(now % 1 * 1e6):06d}-{uuid.uuid4().hex[:6]}"
    staging = versions / f".tmp-{name}"
    staging.mkdir()
    _write(staging, data)
    _fsync_tree(staging)  # the rename must not publish files whose contents are still only in the page cache
    os.rename(staging, versions / name)
    pointer_tmp = root / f".CURRENT.{name}"
    pointer_tmp.write_text(name, encoding="utf-8")
    with pointer_tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, root / "CURRENT")
    _fsync_dir(root)
    _prune(root, keep=name)
    data.version = name
    return versions / name


def _fsync_tree(directory: Path) -> None:
    for path in sorted(directory.rglob("*"), reverse=True):  # files before the directories holding them
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
        else:
            _fsync_dir(path)
    _fsync_dir(directory)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(root: Path, keep: str) -> None:
    versions = versions_dir(root)
    for leftover in versions.glob(".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from an ingest that was killed
    for pointer in root.glob(".CURRENT.*"):
        pointer.unlink(missing_ok=True)  # killed between writing the new pointer and switching to it
    published = sorted(
        (p for p in versions.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name
    )
    for old in published[:-KEEP_VERSIONS]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def _write(directory: Path, data: IndexData) -> None:
    (directory / "manifest.json").write_text(json.dumps(data.manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    _dump(directory / "documents.json", [asdict(d) for d in data.documents])
    _dump(
        directory / "pages.json",
        {
            doc: [
                {
                    "number": p.number,
                    "raw_text": p.raw_text,
                    "clean_text": p.clean_text,
                    "clean_to_raw": list(p.clean_to_raw),
                    "printed_page": p.printed_page,
                }
                for p in pages
            ]
            for doc, pages in data.pages.items()
        },
    )
    with (directory / "passages.jsonl").open("w", encoding="utf-8") as handle:
        for passage in data.passages:
            handle.write(json.dumps(_passage_to_json(passage), ensure_ascii=False) + "\n")
    _dump(directory / "commitments.json", [asdict(c) for c in data.commitments])
    data.vectors.save(directory)
    np.save(directory / "unit_vectors.npy", data.unit_vectors)
    np.save(directory / "unit_offsets.npy", data.unit_offsets)
    data.lexical.save(directory / "bm25")
    data.vocabulary.save(directory / "vocabulary.json")


def _dump(path: Path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def _passage_to_json(p: Passage) -> dict:
    return {
        "id": p.id,
        "document": p.document,
        "title": p.title,
        "section_path": list(p.section_path),
        "kind": p.kind,
        "page": p.page,
        "text": p.text,
        "commitment_id": p.commitment_id,
        "context": p.context,
        "units": [[u.text, u.span.page, u.span.start, u.span.end] for u in p.units],
    }


def _passage_from_json(d: dict) -> Passage:
    units = tuple(Unit(text, Span(page, start, end)) for text, page, start, end in d["units"])
    return Passage(
        id=d["id"],
        document=d["document"],
        title=d["title"],
        section_path=tuple(d["section_path"]),
        kind=d["kind"],
        page=d["page"],
        text=d["text"],
        units=units,
        commitment_id=d["commitment_id"],
        context=d.get("context", ""),
    )


def load_registry(root: Path) -> list[DocumentInfo]:
    """Only the document list of the published version; readable across format versions."""
    version = current_version(root)
    if version is None:
        return []
    raw = json.loads((version / "documents.json").read_text(encoding="utf-8"))
    fields = set(DocumentInfo.__dataclass_fields__)
    return [DocumentInfo(**{k: v for k, v in d.items() if k in fields}) for d in raw]


class IndexFormatError(IndexMissingError):
    pass


def load(root: Path) -> IndexData:
    version = current_version(root)
    if version is None:
        raise IndexMissingError(f"Kein Index unter {root} – bitte zuerst `leitbild ingest` ausführen.")
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexFormatError(f"Index {version} hat ein veraltetes Format – bitte neu einlesen (`leitbild ingest`).")
    documents = [DocumentInfo(**d) for d in json.loads((version / "documents.json").read_text(encoding="utf-8"))]
    raw_pages = json.loads((version / "pages.json").read_text(encoding="utf-8"))
    pages = {
        doc: [
            Page(p["number"], p["raw_text"], p["clean_text"], tuple(p["clean_to_raw"]), p.get("printed_page"))
            for p in items
        ]
        for doc, items in raw_pages.items()
    }
    with (version / "passages.jsonl").open(encoding="utf-8") as handle:
        passages = [_passage_from_json(json.loads(line)) for line in handle if line.strip()]
    commitments = [
        Commitment(**{**c, "section_path": tuple(c.get("section_path") or ())})
        for c in json.loads((version / "commitments.json").read_text(encoding="utf-8"))
    ]
    vectors = VectorIndex.load(version)  # memory-mapped: worker processes share it through the page cache
    lexical = LexicalIndex.load(version / "bm25", len(passages))
    vocabulary = Vocabulary.load(version / "vocabulary.json")
    unit_vectors = np.load(version / "unit_vectors.npy", mmap_mode="r").view(np.ndarray)  # np.memmap slices slowly
    unit_offsets = np.load(version / "unit_offsets.npy")
    return IndexData(
        manifest,
        documents,
        pages,
        passages,
        commitments,
        vectors,
        lexical,
        vocabulary,
        unit_vectors,
        unit_offsets,
        version.name,
    )
