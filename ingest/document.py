"""The ingest entry point: one PDF file in, one Document out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from domain.files import file_sha256
from domain.types import Commitment, DocumentInfo, Page, Passage, Section
from ingest.cleaning import known_compounds
from ingest.commitments import extract_commitments
from ingest.pages import build_pages
from ingest.passages import build_passages
from ingest.pdf_lines import MAX_PAGES, MAX_PDF_BYTES, read_pdf
from ingest.sidecar import read_sidecar
from ingest.structure import detect_blocks


@dataclass(frozen=True)
class Document:
    info: DocumentInfo
    pages: tuple[Page, ...]
    passages: tuple[Passage, ...]
    commitments: tuple[Commitment, ...]
    sections: tuple[Section, ...] = ()


def document_id(path: Path) -> str:
    """A readable slug from the file name: "Industriepolitisches Leitbild NRW.pdf" → "industriepolitisches-leitbild-nrw"."""
    stem = unicodedata.normalize("NFKD", path.stem.replace("ß", "ss"))
    stem = "".join(ch for ch in stem if not unicodedata.combining(ch))
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "dokument"


def ingest_pdf(
    path: Path | str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    max_bytes: int = MAX_PDF_BYTES,
    max_pages: int = MAX_PAGES,
) -> Document:
    """Read, clean and structure one PDF (and its sidecar metadata, if any).

    Raises IngestError naming the file and the reason. The title is, in this order: `title`,
    the sidecar's, the PDF's metadata title (unless a tool's placeholder), the first heading,
    the file name."""
    path = Path(path)
    sidecar = read_sidecar(path) if path.is_file() else None
    content = read_pdf(path, max_bytes=max_bytes, max_pages=max_pages)
    blocks = detect_blocks(content.pages)
    compounds = known_compounds(line.text for page in content.pages for line in page.lines)
    pages, texts = build_pages(content.pages, blocks, compounds)
    doc_id = doc_id or document_id(path)
    first_heading = next((b.section_path[-1] for b in blocks if b.kind == "heading"), None)
    title = title or (sidecar and sidecar.title) or content.metadata_title or first_heading or path.stem
    commitments = extract_commitments(doc_id, title, texts)
    passages = build_passages(doc_id, title, texts, commitments)
    info = DocumentInfo(
        id=doc_id,
        title=title,
        path=str(path.resolve()),  # absolute: a later ingest from another directory finds the same file
        sha256=file_sha256(path),
        pages=len(pages),
        passages=len(passages),
        commitments=len(commitments),
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        publisher=sidecar.publisher if sidecar else None,
        date=sidecar.date if sidecar else None,
        source_url=sidecar.source_url if sidecar else None,
        sidecar_sha256=sidecar.sha256 if sidecar else None,
    )
    sections = tuple(Section(b.section_path, b.lines[0].page) for b in blocks if b.kind == "heading")
    return Document(
        info=info,
        pages=tuple(pages),
        passages=tuple(passages),
        commitments=tuple(commitments.values()),
        sections=sections,
    )
