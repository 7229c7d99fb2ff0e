"""The ingest entry point: one PDF file in, one Document out, in two steps.

`read_document` parses the file once (pages, structure, clean text, title) without knowing which
document id it will get; `ParsedDocument.assemble` then numbers passages and commitments under
the id the index registry decided on. So a file whose identity depends on what it contains (a
renamed new edition of a known title) is still parsed only once, and the file's hash and sidecar
are read once, by whoever decides its identity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from domain.files import file_sha256
from domain.types import Commitment, DocumentInfo, Page, Passage, Section
from ingest.cleaning import known_compounds, standalone_words
from ingest.commitments import extract_commitments
from ingest.furniture import classify
from ingest.pages import BlockText, build_pages
from ingest.passages import build_passages
from ingest.pdf_lines import MAX_PAGES, MAX_PDF_BYTES, read_pdf
from ingest.policy import DEFAULT_POLICY, IngestPolicy
from ingest.sidecar import Sidecar, read_sidecar
from ingest.structure import detect_blocks
from ingest.titles import metadata_title, visible_title


@dataclass(frozen=True)
class Document:
    info: DocumentInfo
    pages: tuple[Page, ...]
    passages: tuple[Passage, ...]
    commitments: tuple[Commitment, ...]
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class ParsedDocument:
    """What one PDF says, before it has an id in an index."""

    path: Path
    title: str
    title_source: str  # sidecar | metadata | heading | file_name
    pages: tuple[Page, ...]
    texts: tuple[BlockText, ...]
    sections: tuple[Section, ...]
    sidecar: Sidecar | None
    policy: IngestPolicy = DEFAULT_POLICY

    def assemble(self, doc_id: str, sha256: str) -> Document:
        """Number passages and commitments under `doc_id`: cheap, no parsing."""
        texts = list(self.texts)
        printed = {page.number: page.printed_page for page in self.pages}
        found = extract_commitments(doc_id, self.title, texts, printed, self.policy)
        passages = build_passages(doc_id, self.title, texts, found.by_block, self.policy)
        commitments = found.linked(passages)
        sidecar = self.sidecar
        info = DocumentInfo(
            id=doc_id,
            title=self.title,
            path=str(self.path.resolve()),  # absolute: a later ingest from another directory finds the same file
            sha256=sha256,
            pages=len(self.pages),
            passages=len(passages),
            commitments=len(commitments),
            ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            publisher=sidecar.publisher if sidecar else None,
            date=sidecar.date if sidecar else None,
            source_url=sidecar.source_url if sidecar else None,
            sidecar_sha256=sidecar.sha256 if sidecar else None,
            title_source=self.title_source,
            aliases=sidecar.aliases if sidecar else (),
        )
        return Document(
            info=info,
            pages=self.pages,
            passages=tuple(passages),
            commitments=commitments,
            sections=self.sections,
        )


def document_id(path: Path) -> str:
    """A readable slug from the file name: "Industriepolitisches Leitbild NRW.pdf" → "industriepolitisches-leitbild-nrw"."""
    stem = unicodedata.normalize("NFKD", path.stem.replace("ß", "ss"))
    stem = "".join(ch for ch in stem if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "dokument"


def read_document(
    path: Path | str,
    *,
    sidecar: Sidecar | None = None,
    max_bytes: int = MAX_PDF_BYTES,
    max_pages: int = MAX_PAGES,
    policy: IngestPolicy = DEFAULT_POLICY,
) -> ParsedDocument:
    """Read, clean and structure one PDF; `sidecar` is the one the caller already read (or None).

    Raises IngestError naming the file and the reason. The title is, in this order: the sidecar's,
    the PDF's metadata title (unless a tool's placeholder or the file name), the title set in display
    type on the first pages or else the first heading, the file name (ingest/titles.py)."""
    path = Path(path)
    content = read_pdf(path, max_bytes=max_bytes, max_pages=max_pages, policy=policy)
    furniture = classify(content.pages, list(content.labels) or None, policy)
    blocks = detect_blocks(content.pages, furniture, policy)
    compounds = known_compounds(line.text for page in content.pages for line in page.lines)
    words = standalone_words(line.text for page in content.pages for line in page.lines)
    pages, texts = build_pages(content.pages, blocks, compounds, furniture.printed, words)
    first_heading = next((b.section_path[-1] for b in blocks if b.kind == "heading"), None)
    candidates = (
        ("sidecar", sidecar.title if sidecar else None),
        ("metadata", metadata_title(content.metadata_title, path)),
        ("heading", visible_title(content.pages, furniture, policy) or first_heading),
        ("file_name", path.stem),
    )
    title_source, title = next((source, value) for source, value in candidates if value)
    sections = tuple(Section(b.section_path, b.lines[0].page) for b in blocks if b.kind == "heading")
    return ParsedDocument(path, title, title_source, tuple(pages), tuple(texts), sections, sidecar, policy)


def ingest_pdf(
    path: Path | str,
    *,
    doc_id: str | None = None,
    max_bytes: int = MAX_PDF_BYTES,
    max_pages: int = MAX_PAGES,
    policy: IngestPolicy = DEFAULT_POLICY,
) -> Document:
    """One PDF to one Document, reading its sidecar and hash itself: for callers outside an index."""
    path = Path(path)
    sidecar = read_sidecar(path) if path.is_file() else None
    parsed = read_document(path, sidecar=sidecar, max_bytes=max_bytes, max_pages=max_pages, policy=policy)
    return parsed.assemble(doc_id or document_id(path), file_sha256(path))
