"""Headings by typography: for documents that set their headings apart by type, not by wording.

Most publications mark headings by size, weight or typeface: the 2013 agreement sets chapters in
20 pt, sections in 13 pt and sub-sections in 11 pt bold over 9 pt text; the 2021 agreement uses
its own typefaces at 13 and 11 pt; Word exports set every level in body-size bold and tell the
levels apart by their numbers ("I.", "1.", "1.1"). A heading here is a short line, set apart
from what precedes it, in a style other than the text around it: larger, bold, or another
(upright) typeface. Its level comes from its style (larger first; among equal sizes upright
before italic, rarer before more frequent) and, within one style, from its numbering: a line in
capitals, then "A.", "I.", "1.", "1.1", …; an unnumbered heading that stands amid numbered ones
of its style is a sub-heading of the numbered one before it.

A document whose text and headings share one style (the Leitbild) has no such headings; its
structure comes from the wording rules in structure.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.pdf_lines import Line
from ingest.policy import IngestPolicy

_ITALIC = re.compile(r"italic|oblique|kursiv", re.IGNORECASE)
_BOLD = re.compile(r"bold|black|heavy|demi|semibold", re.IGNORECASE)
_TERMINAL = (".", ",", ";", ":", "!", "?")
_CONNECTORS = ("–", "-", " und", " für", " der", " die", " des", " im", " in", " zur", " zum", " mit", " von")
_BULLET = re.compile(r"^[•▪◦●■–-]\s+")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class TypeHeading:
    start: int  # index of its first line in the document's line sequence
    end: int  # index of its last line
    level: int


Style = tuple[str, float]


def _style(line: Line) -> Style:
    return (line.font, round(line.size * 2) / 2)


def _numbering(text: str) -> int | None:
    """How deep a heading's own numbering puts it: capitals 0, "A." 1, "I." 2, "1." 3, "1.1" 4 …"""
    letters = _LETTERS.findall(text)
    if len(letters) >= 6 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters):
        return 0
    if re.match(r"^[A-H]\.\s", text):
        return 1
    if re.match(r"^[IVX]{1,5}\.\s", text):
        return 2
    number = re.match(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s", text)
    if number:
        return 3 + number.group(1).count(".")
    return None


def headings(flat: list[tuple[Line, bool]], policy: IngestPolicy) -> dict[int, TypeHeading]:
    """Typographic headings keyed by the index of their first line; empty when the document does
    not set headings apart by type."""
    page_body = _page_body_styles(flat, policy)
    found: list[tuple[int, int, Style, int | None]] = []
    i = 0
    while i < len(flat):
        line, first = flat[i]
        body = page_body.get(line.page)
        if body is None or not _is_heading_line(line, first, flat[i - 1][0] if i else None, body, policy):
            i += 1
            continue
        end = i
        while end + 1 < len(flat) and end - i < 2 and _continues(flat[end][0], flat[end + 1], body[1], policy):
            end += 1
        text = " ".join(flat[k][0].text for k in range(i, end + 1))
        if len(text) <= 2 * policy.type_heading_max_chars and not text.rstrip().endswith(_TERMINAL):
            found.append((i, end, _style(line), _numbering(line.text.strip())))
        i = end + 1
    counts = Counter(style for _, _, style, _ in found)
    if len(found) < policy.type_headings_min:
        return {}
    italic = {style: bool(_ITALIC.search(style[0])) for style in counts}
    style_rank = {
        style: rank for rank, style in enumerate(sorted(counts, key=lambda s: (-s[1], italic[s], counts[s], s[0])))
    }
    numbered_at: dict[Style, list[int]] = {}
    for start, _, style, number in found:
        if number is not None:
            numbered_at.setdefault(style, []).append(start)
    keys: list[tuple[int, int]] = []
    for start, _, style, number in found:
        if number is None:
            positions = numbered_at.get(style)
            if positions and positions[0] < start < positions[-1]:
                number = 9  # amid numbered headings of its style: under the one before it
            else:
                number = min((n for _, _, s, n in found if s == style and n is not None), default=0)
        keys.append((style_rank[style], number))
    level_of = {key: level for level, key in enumerate(sorted(set(keys)), start=1)}
    return {start: TypeHeading(start, end, level_of[key]) for (start, end, _, _), key in zip(found, keys, strict=True)}


def _page_body_styles(flat: list[tuple[Line, bool]], policy: IngestPolicy) -> dict[int, Style]:
    """The style most characters of each page are set in (an annex may use another typeface)."""
    per_page: dict[int, Counter[Style]] = {}
    for line, _ in flat:
        per_page.setdefault(line.page, Counter())[_style(line)] += len(line.text)
    overall: Counter[Style] = Counter()
    for styles in per_page.values():
        overall.update(styles)
    document = overall.most_common(1)[0][0] if overall else ("", 0.0)
    body: dict[int, Style] = {}
    for page, styles in per_page.items():
        style, chars = styles.most_common(1)[0]
        body[page] = style if chars >= policy.page_body_chars else document
    return body


def _is_heading_line(line: Line, first: bool, previous: Line | None, body: Style, policy: IngestPolicy) -> bool:
    text = line.text.strip()
    style = _style(line)
    if style == body or not text or len(text) > policy.type_heading_max_chars or _BULLET.match(text):
        return False
    if not (first or line.blank_before) and previous is not None and _style(previous) == style:
        return False  # the next line of a heading is collected with it, not a heading of its own
    if not _LETTERS.search(text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    larger = line.size >= policy.heading_size_ratio * body[1]
    emphasised = line.size >= body[1] - 0.5 and (
        bool(_BOLD.search(line.font))
        and not _BOLD.search(body[0])
        or (line.font != body[0] and not _ITALIC.search(line.font))
    )
    set_apart = first or line.blank_before or (previous is not None and _style(previous) != style)
    return (larger or emphasised) and set_apart


def _continues(line: Line, following: tuple[Line, bool], body_size: float, policy: IngestPolicy) -> bool:
    """A heading set over two or three lines: the same style, directly below."""
    nxt, first = following
    if first or _style(nxt) != _style(line) or _BULLET.match(nxt.text.strip()):
        return False
    if _numbering(nxt.text.strip()) not in (None, 0):
        return False  # "1. Wirtschaft und Technologie" / "1.1 Wirtschaftspolitische Strategie": two headings
    if line.size >= policy.heading_size_ratio * body_size:
        apart = not 0 < line.y - nxt.y <= policy.display_leading * nxt.size  # display type: a leading of its own
    else:
        apart = nxt.blank_before
    if apart and not line.text.rstrip().endswith(_CONNECTORS):
        return False
    return len(nxt.text.strip()) <= policy.type_heading_max_chars
