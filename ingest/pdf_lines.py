"""Read a PDF page by page into positioned text lines (pypdf).

Layout matters for structure: blank lines between paragraphs exist only as larger
vertical gaps, and page numbers only as short lines at the page foot. So we keep each
line's vertical position instead of pypdf's flat text.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ingest.errors import IngestError

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 2000


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    text: str
    y: float
    raw_start: int  # offset of the line in the page's raw text
    blank_before: bool  # a paragraph gap (or the page top) precedes the line


@dataclass(frozen=True)
class RawPage:
    number: int
    raw_text: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class PdfContent:
    pages: tuple[RawPage, ...]
    metadata_title: str | None


def open_pdf(path: Path, *, max_bytes: int = MAX_PDF_BYTES, max_pages: int = MAX_PAGES) -> PdfReader:
    if not path.exists():
        raise IngestError(path, "Datei nicht gefunden")
    if path.is_dir():
        raise IngestError(path, "ist ein Ordner, keine PDF-Datei")
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(path, f"Datei zu groß ({size} Bytes, erlaubt sind höchstens {max_bytes})")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise IngestError(path, "keine PDF-Datei (der PDF-Kopf %PDF- fehlt)")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise IngestError(path, "verschlüsselte PDF-Datei – bitte eine unverschlüsselte Fassung verwenden")
        count = len(reader.pages)
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(path, f"beschädigte oder abgeschnittene PDF-Datei ({exc})") from exc
    if count == 0:
        raise IngestError(path, "die PDF-Datei hat keine Seiten")
    if count > max_pages:
        raise IngestError(path, f"zu viele Seiten ({count}, erlaubt sind höchstens {max_pages})")
    return reader


def read_pdf(path: Path, *, max_bytes: int = MAX_PDF_BYTES, max_pages: int = MAX_PAGES) -> PdfContent:
    reader = open_pdf(path, max_bytes=max_bytes, max_pages=max_pages)
    try:
        pages = tuple(_read_page(page, number) for number, page in enumerate(reader.pages, start=1))
        title = _metadata_title(reader)
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged streams
        raise IngestError(path, f"beschädigte oder abgeschnittene PDF-Datei ({exc})") from exc
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise IngestError(path, "keine Textebene – OCR erforderlich")
    return PdfContent(pages=pages, metadata_title=title)


def _metadata_title(reader: PdfReader) -> str | None:
    meta = reader.metadata
    title = (meta.title if meta else None) or ""
    return title.strip() or None


def _read_page(page, number: int) -> RawPage:
    fragments: list[tuple[float, float, str]] = []

    def visit(text: str, _cm, tm, _font, _size) -> None:
        if text:
            fragments.append((round(tm[5], 1), tm[4], text))

    page.extract_text(visitor_text=visit)
    # Fragments sharing a baseline form one line; pypdf reports them in drawing order.
    by_y: dict[float, list[tuple[float, str]]] = {}
    order: list[float] = []
    for y, x, text in fragments:
        if y not in by_y:
            by_y[y] = []
            order.append(y)
        by_y[y].append((x, text))
    texts = [(y, "".join(t for _, t in sorted(by_y[y], key=lambda f: f[0])).replace("\n", " ").rstrip()) for y in order]
    texts = [(y, t) for y, t in texts if t.strip()]
    gaps = [texts[i - 1][0] - texts[i][0] for i in range(1, len(texts))]
    positive = [g for g in gaps if g > 0]
    line_height = min(statistics.median(positive), min(positive) * 1.6) if positive else 0.0
    lines: list[Line] = []
    raw_parts: list[str] = []
    offset = 0
    for i, (y, text) in enumerate(texts):
        gap = gaps[i - 1] if i else 0.0
        blank = i == 0 or (line_height > 0 and gap > line_height * 1.5) or gap < 0
        lines.append(Line(page=number, text=text, y=y, raw_start=offset, blank_before=blank))
        raw_parts.append(text)
        offset += len(text) + 1
    return RawPage(number=number, raw_text="\n".join(raw_parts), lines=tuple(lines))
