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
from ingest.layout import page_lines
from ingest.pdf_text import TextReader
from ingest.policy import DEFAULT_POLICY, IngestPolicy

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 2000

# Bullet glyphs that reach us as control or private-use characters: WinAnsi code 0x7F (which
# the PDF specification shows as a bullet), Symbol's and Wingdings' bullets. As "•" the list
# detection in structure.py recognises them like any other bullet.
_BULLET_GLYPHS = str.maketrans({"\x7f": "•", "\uf0b7": "•", "\uf0a7": "▪", "\uf06c": "●", "\uf0d8": "•"})


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    text: str
    y: float
    raw_start: int  # offset of the line in the page's raw text
    blank_before: bool  # a paragraph gap (or the page top) precedes the line
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0  # font size of most of its characters, in points on the page
    font: str = ""  # the font of most of its characters
    margin: bool = False  # a note beside the body (ingest/layout.py), furniture for the text


@dataclass(frozen=True)
class RawPage:
    number: int
    raw_text: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class PdfContent:
    pages: tuple[RawPage, ...]
    metadata_title: str | None  # as written in the file, placeholders included
    labels: tuple[str | None, ...] = ()  # the file's /PageLabels, as the file claims them


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
        raise IngestError(path, _damage(path, exc)) from exc
    if count == 0:
        raise IngestError(path, "die PDF-Datei hat keine Seiten")
    if count > max_pages:
        raise IngestError(path, f"zu viele Seiten ({count}, erlaubt sind höchstens {max_pages})")
    return reader


def read_pdf(
    path: Path, *, max_bytes: int = MAX_PDF_BYTES, max_pages: int = MAX_PAGES, policy: IngestPolicy = DEFAULT_POLICY
) -> PdfContent:
    reader = open_pdf(path, max_bytes=max_bytes, max_pages=max_pages)
    try:
        text = TextReader(policy)
        pages = tuple(_read_page(text, page, number, policy) for number, page in enumerate(reader.pages, start=1))
        title = _metadata_title(reader)
        labels = _labels(reader)
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged streams
        raise IngestError(path, _damage(path, exc)) from exc
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise IngestError(path, "keine Textebene – OCR erforderlich")
    return PdfContent(pages=pages, metadata_title=title, labels=labels)


def _damage(path: Path, exc: Exception) -> str:
    """Why pypdf failed, in words a person can act on: a download that broke off lacks the end marker."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 2048))
        tail = handle.read()
    if b"%%EOF" not in tail:
        return f"beschädigte oder abgeschnittene PDF-Datei – das Dateiende (%%EOF) fehlt, wohl unvollständig geladen ({exc})"
    return f"beschädigte oder abgeschnittene PDF-Datei ({exc})"


def _metadata_title(reader: PdfReader) -> str | None:
    """The metadata title as the file states it; ingest/titles.py decides whether it is one."""
    meta = reader.metadata
    title = " ".join(((meta.title if meta else None) or "").split())
    return title or None


def _labels(reader: PdfReader) -> tuple[str | None, ...]:
    if "/PageLabels" not in reader.root_object:
        return ()
    try:
        return tuple(reader.page_labels)
    except Exception:  # a broken label tree only costs the tie-breaker it would give
        return ()


def _read_page(reader: TextReader, page, number: int, policy: IngestPolicy) -> RawPage:
    layout = page_lines(reader.runs(page), policy)
    texts = [(line, line.text.translate(_BULLET_GLYPHS).strip()) for line in layout]
    texts = [(line, text) for line, text in texts if text]
    gaps = [texts[i - 1][0].y - texts[i][0].y for i in range(1, len(texts))]
    line_height = _line_height(gaps, policy)
    lines: list[Line] = []
    raw_parts: list[str] = []
    offset = 0
    for i, (line, text) in enumerate(texts):
        gap = gaps[i - 1] if i else 0.0
        blank = i == 0 or (line_height > 0 and gap > line_height * policy.paragraph_gap) or gap < 0
        lines.append(
            Line(
                page=number,
                text=text,
                y=round(line.y, 1),
                raw_start=offset,
                blank_before=blank,
                x0=round(line.x0, 1),
                x1=round(line.x1, 1),
                size=line.size,
                font=line.font,
                margin=line.margin,
            )
        )
        raw_parts.append(text)
        offset += len(text) + 1
    return RawPage(number=number, raw_text="\n".join(raw_parts), lines=tuple(lines))


def _line_height(gaps: list[float], policy: IngestPolicy) -> float:
    """The spacing of lines inside a paragraph: the smallest gap that recurs on the page.

    Not the median of all gaps: on a page of bullets and short paragraphs the paragraph gap is
    the most frequent one. A gap seen once may be a raised footnote mark or a heading's own
    spacing; a page without a recurring gap falls back to the median, capped near the smallest.
    """
    positive = sorted(g for g in gaps if g > policy.min_line_gap)
    if not positive:
        return 0.0
    for g in positive:
        if sum(1 for other in positive if abs(other - g) <= 0.5) >= 2:
            return g
    return min(statistics.median(positive), positive[0] * 1.6)
