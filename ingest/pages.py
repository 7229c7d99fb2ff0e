"""Where page numbers and clean page text come from.

Each page's clean text is the concatenation of the cleaned pieces of the blocks that lie
on it (one line per block piece). Every quotable unit is a span of exactly this text, so a
quote is verbatim on its page by construction, and the check in the assistant can prove it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from domain.types import Page, Span, Unit
from ingest.cleaning import CleanText, join_lines
from ingest.pdf_lines import RawPage
from ingest.sentences import sentence_spans
from ingest.structure import BULLET_MARKERS, Block


@dataclass(frozen=True)
class BlockText:
    """A block's cleaned text across pages and its sentence units, each on one page."""

    block: Block
    text: str
    units: tuple[Unit, ...]
    page: int


def build_pages(
    raw_pages: tuple[RawPage, ...],
    blocks: list[Block],
    compounds: frozenset[str],
    printed: tuple[str | None, ...] = (),
    words: frozenset[str] = frozenset(),
) -> tuple[list[Page], list[BlockText]]:
    page_parts: dict[int, list[str]] = defaultdict(list)
    page_maps: dict[int, list[int]] = defaultdict(list)
    results: list[BlockText] = []
    for block in blocks:
        by_page: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for line in block.lines:
            by_page[line.page].append((line.text, line.raw_start))
        units: list[Unit] = []
        for page_no, pieces in by_page.items():
            clean = join_lines(pieces, compounds, words)
            offset = _append(page_parts[page_no], page_maps[page_no], clean)
            # The bullet sign stays on the page but is not part of what the bullet says.
            skip = _marker_length(clean.text) if not units and block.kind == "bullet" else 0
            for start, end in sentence_spans(clean.text[skip:]):
                start, end = start + skip, end + skip
                units.append(Unit(text=clean.text[start:end], span=Span(page_no, offset + start, offset + end)))
        all_pieces = [(line.text, line.raw_start) for line in block.lines]
        text = join_lines(all_pieces, compounds, words).text
        if block.kind == "bullet":
            text = text[_marker_length(text) :]
        results.append(BlockText(block=block, text=text, units=tuple(units), page=block.lines[0].page))
    pages = [
        Page(
            number=raw.number,
            raw_text=raw.raw_text,
            clean_text="".join(page_parts[raw.number]),
            clean_to_raw=tuple(page_maps[raw.number]),
            printed_page=printed[raw.number - 1] if printed else None,
        )
        for raw in raw_pages
    ]
    return pages, results


def _marker_length(text: str) -> int:
    match = BULLET_MARKERS.match(text)
    return match.end() if match else 0


def _append(parts: list[str], mapping: list[int], clean: CleanText) -> int:
    """Add a block piece to a page's clean text on its own line; returns where it starts."""
    if parts:
        parts.append("\n")
        mapping.append(mapping[-1] if mapping else 0)
    offset = len(mapping)
    parts.append(clean.text)
    mapping.extend(clean.to_raw)
    return offset
