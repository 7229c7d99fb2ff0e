"""Page furniture: what a layout repeats on its pages and a reader skips.

Running headers and footers, page numbers and tables of contents are not content: indexed,
they would make every page look alike to retrieval and duplicate every heading. They are
recognised by position (the top or bottom lines of a page) and repetition, not by wording,
because every publisher words them differently.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ingest.pdf_lines import Line, RawPage

# How many lines at the top and at the foot of a page may be furniture.
EDGE_LINES = 2
# A line shape repeated at a page edge on at least this share of the pages is a running line.
RUNNING_SHARE = 0.5
MIN_PAGES_FOR_RUNNING = 3

PAGE_NUMBER = re.compile(
    r"(Seite|S\.)?\s*\d{1,4}(\s*(/|von|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*\|.*|.*\|\s*\d{1,4}",
    re.IGNORECASE,
)
TOC_TITLE = re.compile(r"^(Inhalt|Inhaltsverzeichnis|Inhaltsübersicht|Gliederung)$", re.IGNORECASE)
# "3.2 Netze ........ 7", "Netze … 7", "Netze      7": leaders or a wide space before the page number.
TOC_LEADER_LINE = re.compile(r"(\.{3,}|…+|\s{3,})\s*\d{1,3}$")
# On a page titled "Inhalt", an entry is any line ending in a page number after a space.
TOC_ENTRY = re.compile(r"\S.*\s\d{1,3}$")


def _shape(text: str) -> str:
    """Running lines differ only in their numbers ("Seite 3 von 9", "Seite 4 von 9")."""
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _edges(lines: list[Line]) -> set[int]:
    """Indexes of the topmost and lowest lines: pypdf lists lines in drawing order, and layout
    programs often draw the header and footer first, so position decides, not list order."""
    by_height = sorted(range(len(lines)), key=lambda i: -lines[i].y)
    return set(by_height[:EDGE_LINES]) | set(by_height[-EDGE_LINES:])


def running_shapes(pages: tuple[RawPage, ...]) -> set[str]:
    """Shapes of the lines that stand at a page edge on most pages."""
    if len(pages) < MIN_PAGES_FOR_RUNNING:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln for ln in page.lines if ln.text.strip()]
        counts.update({_shape(lines[i].text) for i in _edges(lines)})
    # A title page rarely carries the running header, so a three-page document shows it twice.
    needed = max(2, math.ceil(len(pages) * RUNNING_SHARE))
    return {shape for shape, n in counts.items() if n >= needed}


def _is_toc_page(lines: list[Line]) -> bool:
    leaders = [ln for ln in lines if TOC_LEADER_LINE.search(ln.text.strip())]
    return len(leaders) >= 3 and len(leaders) >= len(lines) // 2


def _toc_lines(lines: list[Line]) -> set[int]:
    """A titled table of contents: the title and the entries after it (right-aligned page
    numbers come out of pypdf as "3.2 Netze 7", without leaders)."""
    for start, line in enumerate(lines[:4]):
        if TOC_TITLE.match(line.text.strip()):
            entries = [i for i in range(start + 1, len(lines)) if TOC_ENTRY.match(lines[i].text.strip())]
            if len(entries) >= 2:
                return {start, *entries}
    return set()


def strip_furniture(pages: tuple[RawPage, ...]) -> list[list[Line]]:
    """Each page's content lines: without page numbers, running headers/footers and tables of contents."""
    running = running_shapes(pages)
    kept: list[list[Line]] = []
    for page in pages:
        lines = [ln for ln in page.lines if ln.text.strip()]
        edges = _edges(lines)
        lines = [
            ln
            for i, ln in enumerate(lines)
            if not (i in edges and (_shape(ln.text) in running or PAGE_NUMBER.fullmatch(ln.text.strip())))
        ]
        if _is_toc_page(lines):
            lines = []  # a table of contents repeats the headings; indexing it would duplicate them
        else:
            toc = _toc_lines(lines)
            lines = [ln for i, ln in enumerate(lines) if i not in toc]
        kept.append(lines)
    return kept
