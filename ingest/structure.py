"""Find a document's structure in its lines: sections, paragraphs, bullets, numbered items.

Government PDFs carry structure in wording and layout, not in fonts (the Leitbild uses a
single font size), so headings and lists are recognised by table-driven line patterns.
Add a pattern to HEADING_RULES, LIST_INTROS or BULLET_MARKERS to teach the detector a new
document style; the walk below stays the same.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from domain.types import BlockKind
from ingest.pdf_lines import Line, RawPage


@dataclass(frozen=True)
class HeadingRule:
    name: str
    pattern: re.Pattern[str]
    level: int
    page_top_only: bool = False
    max_length: int = 70
    needs_gap: bool = True  # must follow a paragraph gap


HEADING_RULES: tuple[HeadingRule, ...] = (
    HeadingRule("front_matter", re.compile(r"^(EINLEITUNG|VORWORT|AUSBLICK|FAZIT|ZUSAMMENFASSUNG|ANHANG)$"), 1),
    HeadingRule("chapter", re.compile(r"^KAPITEL\s+([IVXLC]+|\d+)$"), 1),
    # "Für eine digitale Zukunft aller Unternehmen": the Leitbild's Handlungsfelder open a page.
    HeadingRule("handlungsfeld", re.compile(r"^Für\s+\S.*[^.,;:]$"), 2, page_top_only=True, max_length=60),
    # "1.  Industrieland Nordrhein-Westfalen", "3.2 Netze": short numbered lines.
    HeadingRule(
        "numbered", re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-ZÄÖÜ].*[^.,;:-]$"), 2, max_length=60, needs_gap=False
    ),
)

# Lines that open a list of commitments ("Wir werden:"); other strategies phrase it differently.
LIST_INTROS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^Wir werden:?$"),
    re.compile(r"^Die Landesregierung wird:?$"),
    re.compile(r"^Maßnahmen:$"),
    re.compile(r"^Das Land wird:?$"),
)
BULLET_MARKERS = re.compile(r"^[•▪◦●■–-]\s+")
NUMBERED_ITEM = re.compile(r"^(\d{1,2})[.)]\s+\S")
_TERMINAL = (".", "!", "?", ":", ";")
_TITLE_CONNECTORS = ("–", "-", " für", " und", " der", " die", " des", " im", " in", " zur", " zum")
_TOC_LINE = re.compile(r"(\.{3,}|…+|\s{3,})\s*\d{1,3}$")


@dataclass
class Block:
    kind: BlockKind
    section_path: tuple[str, ...]
    lines: list[Line] = field(default_factory=list)
    in_commitment_list: bool = False

    @property
    def last_text(self) -> str:
        return self.lines[-1].text.rstrip() if self.lines else ""


def strip_running_lines(pages: tuple[RawPage, ...]) -> list[list[Line]]:
    """Drop page numbers, running headers/footers and table-of-contents lines."""

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.strip().lower())

    counts = Counter(shape(line.text) for page in pages for line in {shape(x.text): x for x in page.lines}.values())
    repeated = {s for s, n in counts.items() if len(pages) >= 4 and n >= max(3, len(pages) // 2)}
    kept: list[list[Line]] = []
    for page in pages:
        lines = [ln for ln in page.lines if ln.text.strip()]
        lines = [ln for ln in lines if shape(ln.text) not in repeated]
        while lines and re.fullmatch(r"(Seite\s+)?\d{1,4}(\s*/\s*\d{1,4})?", lines[-1].text.strip()):
            lines.pop()
        toc = [ln for ln in lines if _TOC_LINE.search(ln.text.strip())]
        if len(toc) >= 3 and len(toc) >= len(lines) // 2:
            lines = []  # a table of contents repeats the headings; indexing it would duplicate them
        kept.append(lines)
    return kept


def _title(text: str, rule: HeadingRule) -> str:
    if rule.name == "front_matter":
        return text.strip().capitalize()
    if rule.name == "chapter":
        return text.strip().replace("KAPITEL", "Kapitel")
    return re.sub(r"\s+", " ", text.strip())


def _match_heading(line: Line, first_on_page: bool) -> HeadingRule | None:
    text = line.text.strip()
    for rule in HEADING_RULES:
        if rule.page_top_only and not first_on_page:
            continue
        if (
            len(text) <= rule.max_length
            and rule.pattern.match(text)
            and (line.blank_before or first_on_page or not rule.needs_gap)
        ):
            return rule
    return None


def _continues_title(title: str, nxt: Line, after: Line | None) -> bool:
    text = nxt.text.strip()
    if not text or BULLET_MARKERS.match(text) or any(p.match(text) for p in LIST_INTROS):
        return False
    if text[0].islower():
        return True
    if nxt.blank_before and not title.rstrip().endswith(_TITLE_CONNECTORS):
        return False
    if title.rstrip().endswith(_TITLE_CONNECTORS):
        return True
    return len(text) <= 60 and not text.endswith(_TERMINAL) and (after is None or after.blank_before)


def _collect_title(flat: list[tuple[Line, bool]], i: int) -> tuple[list[Line], int]:
    """The heading line at i and the lines that continue its title; returns them and the last index."""
    lines = [flat[i][0]]
    while i + 1 < len(flat):
        nxt, nxt_first = flat[i + 1]
        title = " ".join(x.text for x in lines)
        if _match_heading(nxt, nxt_first) is not None:
            break
        if nxt_first and not (nxt.text.strip()[:1].islower() or title.rstrip().endswith(_TITLE_CONNECTORS)):
            break  # a title runs onto the next page only mid-phrase ("… Verkehrswege und" / "eine …")
        after = flat[i + 2][0] if i + 2 < len(flat) and not flat[i + 2][1] else None
        if not _continues_title(title, nxt, after):
            break
        lines.append(nxt)
        i += 1
    return lines, i


def _is_minor_heading(line: Line, nxt: Line | None) -> bool:
    """A short stand-alone line between paragraph gaps, e.g. "Unsere Vision für 2030"."""
    text = line.text.strip()
    return (
        line.blank_before
        and nxt is not None
        and nxt.blank_before
        and 8 <= len(text) <= 45
        and len(text.split()) >= 2
        and text[0].isupper()
        and not text.endswith(_TERMINAL + (",", "-"))
        and not BULLET_MARKERS.match(text)
        and not NUMBERED_ITEM.match(text)
    )


def detect_blocks(pages: tuple[RawPage, ...]) -> list[Block]:
    """Walk all lines once, opening a block at every heading, gap, bullet or list item."""
    blocks: list[Block] = []
    path: list[str] = []
    levels: list[int] = []
    in_list = False
    page_lines = strip_running_lines(pages)
    flat = [(ln, i == 0) for lines in page_lines for i, ln in enumerate(lines)]
    i = 0
    while i < len(flat):
        line, first_on_page = flat[i]
        text = line.text.strip()
        nxt = flat[i + 1][0] if i + 1 < len(flat) else None
        rule = _match_heading(line, first_on_page)
        if rule is not None:
            if rule.name != "chapter":
                title_lines, i = _collect_title(flat, i)
                title = _title(" ".join(x.text.strip() for x in title_lines), rule)
            else:
                # "KAPITEL I" is followed by its name ("Herausforderungen für / die Zukunft").
                name_lines: list[Line] = []
                if i + 1 < len(flat) and not flat[i + 1][1] and _match_heading(flat[i + 1][0], False) is None:
                    name_lines, i = _collect_title(flat, i + 1)
                name = " ".join(x.text.strip() for x in name_lines)
                title = _title(line.text, rule) + (f": {name}" if name else "")
                title_lines = [line, *name_lines]
            level = rule.level
            if rule.name == "numbered":
                level = 2 + text.split()[0].rstrip(".").count(".")
            while levels and levels[-1] >= level:
                levels.pop()
                path.pop()
            path.append(title)
            levels.append(level)
            blocks.append(Block("heading", tuple(path), list(title_lines)))
            in_list = False
            i += 1
            continue
        if any(p.match(text) for p in LIST_INTROS):
            blocks.append(Block("list_intro", tuple(path), [line]))
            in_list = True
        elif BULLET_MARKERS.match(text):
            blocks.append(Block("bullet", tuple(path), [line], in_commitment_list=in_list))
        elif NUMBERED_ITEM.match(text) and not in_list:
            blocks.append(Block("vision_item", tuple(path), [line]))
        elif _is_minor_heading(line, nxt) and blocks and blocks[-1].kind != "heading":
            while levels and levels[-1] >= 3:
                levels.pop()
                path.pop()
            path.append(text)
            levels.append(3)
            blocks.append(Block("heading", tuple(path), [line]))
            in_list = False
        elif blocks and _continues_block(blocks[-1], line, first_on_page):
            blocks[-1].lines.append(line)
        else:
            if blocks and blocks[-1].kind == "bullet" and in_list:
                in_list = False  # prose after a list closes the list
            blocks.append(Block("paragraph", tuple(path), [line]))
        i += 1
    return [b for b in blocks if b.lines]


def _continues_block(block: Block, line: Line, first_on_page: bool) -> bool:
    if block.kind in ("heading", "list_intro"):
        return False
    text = line.text.strip()
    open_end = not block.last_text.endswith((".", "!", "?", ":"))
    if block.kind in ("bullet", "vision_item"):
        # A bullet goes on after a blank line or a page break until a new marker appears.
        return first_on_page or text[0].islower() or open_end or not line.blank_before
    if first_on_page or line.blank_before:
        # A page break or a gap inside a sentence does not end the paragraph.
        return text[0].islower() or (first_on_page and open_end)
    return True
