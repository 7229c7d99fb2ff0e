"""Which characters of a PDF page to mark for a passage or a quote, and where they stand.

The passage text comes from our cleaned page text, the characters from PDFium's own text layer;
the two join hyphenation, ligatures and line breaks differently. As in api/highlight.py, they are
matched on casefolded letters and digits only, then mapped back to PDFium's character boxes. Word
exports print line numbers in the margin, which the cleaned text drops: when the match with digits
fails, letters alone are tried.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.types import Passage

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


def _folded(text: str, digits: bool = True) -> tuple[str, list[int]]:
    """Casefolded letters (and digits) of `text`, and for each the index of its source character."""
    out: list[str] = []
    at: list[int] = []
    for i, ch in enumerate(text):
        if ch.isalpha() or (digits and ch.isdigit()):
            folded = ch.casefold()
            out.append(folded)
            at.extend([i] * len(folded))
    return "".join(out), at


@dataclass(frozen=True)
class PagePiece:
    """The part of a passage (or of its quote) that stands on one page."""

    page: int
    text: str  # letters and digits of the piece, casefolded
    context: str  # letters and digits of the whole passage part on that page, to place `text` in it


def pieces(passage: Passage, quote: str | None = None) -> list[PagePiece]:
    """The passage's text per page, narrowed to `quote` when given; pages without a part are left out.

    A quote the passage does not contain (another index version) gives no pieces."""
    per_page: dict[int, list[str]] = {}
    for unit in passage.units:
        per_page.setdefault(unit.span.page, []).append(_folded(unit.text)[0])
    spans: list[tuple[int, int, int]] = []  # page, start, end in the passage's letters
    full = ""
    for page, parts in sorted(per_page.items()):
        text = "".join(parts)
        spans.append((page, len(full), len(full) + len(text)))
        full += text
    lo, hi = 0, len(full)
    if quote:
        needle = _folded(quote)[0]
        at = full.find(needle) if needle else -1
        if at < 0:
            return []
        lo, hi = at, at + len(needle)
    out = []
    for page, start, end in spans:
        a, b = max(lo, start), min(hi, end)
        if a < b:
            out.append(PagePiece(page, full[a:b], full[start:end]))
    return out


def quote_pages(passage: Passage, quote: str | None = None) -> list[int]:
    return [piece.page for piece in pieces(passage, quote)] or sorted({u.span.page for u in passage.units})


def locate(chars: Sequence[str], piece: PagePiece) -> tuple[int, int] | None:
    """Indices (first, last) into the page's characters of `piece.text`, or None if not found.

    Inside the passage's own place on the page first (a short quote may occur twice on a page),
    then anywhere; each with digits, then without (for margin line numbers)."""
    text = "".join(chars)
    folded = {digits: _folded(text, digits) for digits in (True, False)}

    def strip(value: str, digits: bool) -> str:
        return value if digits else "".join(ch for ch in value if not ch.isdigit())

    for within_context in (True, False):
        for digits in (True, False):
            haystack, at = folded[digits]
            needle, context = strip(piece.text, digits), strip(piece.context, digits)
            if not needle:
                continue
            if within_context:
                where = haystack.find(context) if context else -1
                offset = context.find(needle) if where >= 0 else -1
                start = where + offset if offset >= 0 else -1
            else:
                start = haystack.find(needle)
            if start >= 0:
                return at[start], at[start + len(needle) - 1]
    return None


def line_boxes(boxes: Sequence[Box | None]) -> list[Box]:
    """Character boxes merged into one box per line (a new line where the baseline moves or x jumps back)."""
    lines: list[list[float]] = []
    for box in boxes:
        if box is None:
            continue
        left, bottom, right, top = box
        if right - left <= 0 or top - bottom <= 0:
            continue
        current = lines[-1] if lines else None
        middle = (bottom + top) / 2
        if current and current[1] <= middle <= current[3] and left >= current[0] - 1:
            current[0], current[1] = min(current[0], left), min(current[1], bottom)
            current[2], current[3] = max(current[2], right), max(current[3], top)
        else:
            lines.append([left, bottom, right, top])
    return [(a, b, c, d) for a, b, c, d in lines]
