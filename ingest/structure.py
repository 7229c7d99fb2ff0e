"""Find a document's structure in its lines: sections, paragraphs, bullets, numbered items.

Government PDFs carry structure in wording and layout, not in fonts (the Leitbild uses a
single font size), so headings and lists are recognised by table-driven line patterns.
Add a pattern to HEADING_RULES, LIST_INTROS or BULLET_MARKERS to teach the detector a new
document style; the walk below stays the same. Page furniture (running headers and footers,
page numbers, tables of contents) is removed before, in furniture.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.german import MONTHS
from domain.types import BlockKind
from ingest.cleaning import join_lines
from ingest.furniture import Furniture, classify
from ingest.notes import Note, marks, split_notes
from ingest.pdf_lines import Line, RawPage
from ingest.policy import DEFAULT_POLICY, IngestPolicy
from ingest.typography import headings


@dataclass(frozen=True)
class HeadingRule:
    name: str
    pattern: re.Pattern[str]
    level: int
    page_top_only: bool = False
    short: bool = False  # at most IngestPolicy.numbered_heading_max_chars, else heading_max_chars
    needs_gap: bool = True  # must follow a paragraph gap


# "ENERGIE UND KLIMA": six capitals at least, so "NRW" or "EU" alone is not a heading.
_CAPITALS = re.compile(r"^(?=(?:[^A-ZÄÖÜ]*[A-ZÄÖÜ]){6})[A-ZÄÖÜ][A-ZÄÖÜß0-9 .,&/()–-]*[A-ZÄÖÜ0-9)]$")

HEADING_RULES: tuple[HeadingRule, ...] = (
    HeadingRule("front_matter", re.compile(r"^(EINLEITUNG|VORWORT|AUSBLICK|FAZIT|ZUSAMMENFASSUNG|ANHANG)$"), 1),
    HeadingRule("chapter", re.compile(r"^KAPITEL\s+([IVXLC]+|\d+)$"), 1),
    # "Für eine digitale Zukunft aller Unternehmen": the Leitbild's Handlungsfelder open a page.
    HeadingRule("handlungsfeld", re.compile(r"^Für\s+\S.*[^.,;:]$"), 2, page_top_only=True, short=True),
    # "1.  Industrieland Nordrhein-Westfalen", "3.2 Netze": short numbered lines.
    HeadingRule(
        "numbered", re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+[A-ZÄÖÜ].*[^.,;:-]$"), 2, short=True, needs_gap=False
    ),
    # A short line in capitals after a gap opens a chapter in many layouts.
    HeadingRule("capitals", _CAPITALS, 1),
)
# A numbered heading may follow a line directly (the Leitbild sets "1.  Industrieland …" under
# its chapter name), but not the wrapped line of a paragraph: "… bis 2030 sollen" / "15 Gigawatt …"
# (IngestPolicy.line_before_heading_max_chars).

# Lines that open a list of commitments ("Wir werden:"); other strategies phrase it differently.
LIST_INTROS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^Wir werden:?$"),
    re.compile(r"^Die Landesregierung wird:?$"),
    re.compile(r"^Maßnahmen:$"),
    re.compile(r"^Das Land wird:?$"),
)
BULLET_MARKERS = re.compile(r"^[•▪◦●■–-]\s+")
NUMBERED_ITEM = re.compile(rf"^(\d{{1,2}})[.)]\s+(?!(?:{'|'.join(MONTHS)})\s)\S")  # "10. Juni 2017" is a date
_TERMINAL = (".", "!", "?", ":", ";")
_TITLE_CONNECTORS = ("–", "-", " für", " und", " der", " die", " des", " im", " in", " zur", " zum")


@dataclass
class Block:
    kind: BlockKind
    section_path: tuple[str, ...]
    lines: list[Line] = field(default_factory=list)
    in_commitment_list: bool = False

    @property
    def last_text(self) -> str:
        return self.lines[-1].text.rstrip() if self.lines else ""


def _title(text: str, rule: HeadingRule) -> str:
    if rule.name == "front_matter":
        return text.strip().capitalize()
    if rule.name == "chapter":
        return text.strip().replace("KAPITEL", "Kapitel")
    return re.sub(r"\s+", " ", text.strip())


def _match_heading(
    line: Line, first_on_page: bool, previous: Line | None = None, policy: IngestPolicy = DEFAULT_POLICY
) -> HeadingRule | None:
    text = line.text.strip()
    set_apart = line.blank_before or first_on_page
    after_prose = (
        previous is not None
        and len(previous.text.strip()) > policy.line_before_heading_max_chars
        and not previous.text.rstrip().endswith(_TERMINAL)
    )
    for rule in HEADING_RULES:
        if rule.page_top_only and not first_on_page:
            continue
        if rule.needs_gap and not set_apart:
            continue
        if not set_apart and after_prose:
            continue
        limit = policy.numbered_heading_max_chars if rule.short else policy.heading_max_chars
        if len(text) <= limit and rule.pattern.match(text):
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
        following = _match_heading(nxt, nxt_first, flat[i][0])
        if following is not None:
            if _CAPITALS.match(title.strip()) and following.name == "capitals" and not nxt_first:
                lines.append(nxt)  # a title set in capitals over two lines ("ENERGIESTRATEGIE" / "NRW")
                i += 1
                continue
            break
        if nxt_first and not (nxt.text.strip()[:1].islower() or title.rstrip().endswith(_TITLE_CONNECTORS)):
            break  # a title runs onto the next page only mid-phrase ("… Verkehrswege und" / "eine …")
        after = flat[i + 2][0] if i + 2 < len(flat) and not flat[i + 2][1] else None
        if not _continues_title(title, nxt, after):
            break
        lines.append(nxt)
        i += 1
    return lines, i


def _is_minor_heading(line: Line, nxt: Line | None, policy: IngestPolicy = DEFAULT_POLICY) -> bool:
    """A short stand-alone line between paragraph gaps, e.g. "Unsere Vision für 2030"."""
    text = line.text.strip()
    return (
        line.blank_before
        and nxt is not None
        and nxt.blank_before
        and policy.minor_heading_chars[0] <= len(text) <= policy.minor_heading_chars[1]
        and len(text.split()) >= 2
        and text[0].isupper()
        and not text.endswith(_TERMINAL + (",", "-"))
        and not BULLET_MARKERS.match(text)
        and not NUMBERED_ITEM.match(text)
    )


class _Outline:
    """The open headings from the chapter down, each with its level."""

    def __init__(self) -> None:
        self.path: list[str] = []
        self.levels: list[int] = []
        self.minor: list[bool] = []

    def open(self, title: str, level: int) -> None:
        while self.levels and self.levels[-1] >= level:
            self.close_last()
        self.path.append(title)
        self.levels.append(level)
        self.minor.append(False)

    def open_minor(self, title: str) -> None:
        """A minor heading replaces the previous minor one and nests under the last real heading."""
        while self.minor and self.minor[-1]:
            self.close_last()
        self.path.append(title)
        self.levels.append(self.levels[-1] + 1 if self.levels else 3)
        self.minor.append(True)

    def close_last(self) -> None:
        self.path.pop()
        self.levels.pop()
        self.minor.pop()

    def section(self, page: int) -> tuple[str, ...]:
        """Where no heading has been found (yet), the page is the section: "Seite 3"."""
        return tuple(self.path) or (f"Seite {page}",)


def detect_blocks(
    pages: tuple[RawPage, ...], furniture: Furniture | None = None, policy: IngestPolicy = DEFAULT_POLICY
) -> list[Block]:
    """Walk all lines once, opening a block at every heading, gap, bullet or list item."""
    blocks: list[Block] = []
    outline = _Outline()
    in_list = False
    furniture = furniture or classify(pages, policy=policy)
    page_lines: list[list[Line]] = []
    notes: list[Note] = []  # footnotes and margin notes not yet read: at the end of their section
    for lines in furniture.kept(pages):
        body, page_notes = split_notes(lines, furniture.body_size, policy)
        page_lines.append(body)
        notes += page_notes
    marked: dict[tuple[int, str], tuple[str, ...]] = {}  # (page, mark) -> the section of the line that sets it
    placed: dict[int, list[tuple[float, tuple[str, ...]]]] = {}  # page -> (y, section) of its body lines

    def read_notes(before_page: int | None = None) -> None:
        """The notes of the pages before `before_page` (all when None), each a block of its own: a
        footnote in the section whose text sets its mark, a margin note in that of the body beside it."""
        while notes and (before_page is None or notes[0].page < before_page):
            note = notes.pop(0)
            section = _note_section(note, placed.get(note.page, []), marked) or outline.section(note.page)
            blocks.append(Block("note", section, list(note.lines)))

    flat = [(ln, i == 0) for lines in page_lines for i, ln in enumerate(lines)]
    typed = headings(flat, policy)  # empty where headings share the text's type (the Leitbild)
    i = 0
    while i < len(flat):
        line, first_on_page = flat[i]
        text = line.text.strip()
        nxt = flat[i + 1][0] if i + 1 < len(flat) else None
        if i in typed:
            read_notes(line.page)
            heading = typed[i]
            title_lines = [flat[k][0] for k in range(heading.start, heading.end + 1)]
            outline.open(join_lines([(x.text, 0) for x in title_lines], frozenset()).text, heading.level)
            blocks.append(Block("heading", outline.section(line.page), title_lines))
            in_list = False
            i = heading.end + 1
            continue
        rule = None if typed else _match_heading(line, first_on_page, flat[i - 1][0] if i else None, policy)
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
            read_notes(line.page)
            outline.open(title, level)
            blocks.append(Block("heading", outline.section(line.page), list(title_lines)))
            in_list = False
            i += 1
            continue
        section = outline.section(line.page)
        placed.setdefault(line.page, []).append((line.y, section))
        for mark in marks(text):
            marked.setdefault((line.page, mark), section)
        if any(p.match(text) for p in LIST_INTROS):
            blocks.append(Block("list_intro", section, [line]))
            in_list = True
        elif BULLET_MARKERS.match(text):
            blocks.append(Block("bullet", section, [line], in_commitment_list=in_list))
        elif NUMBERED_ITEM.match(text) and not in_list and not _ends_mid_sentence(blocks, line):
            blocks.append(Block("vision_item", section, [line]))
        elif not typed and _is_minor_heading(line, nxt, policy) and blocks and blocks[-1].kind != "heading":
            read_notes(line.page)
            outline.open_minor(text)
            blocks.append(Block("heading", outline.section(line.page), [line]))
            in_list = False
        elif blocks and _continues_block(blocks[-1], line, first_on_page):
            blocks[-1].lines.append(line)
        else:
            if blocks and blocks[-1].kind == "bullet" and in_list:
                in_list = False  # prose after a list closes the list
            blocks.append(Block("paragraph", section, [line]))
        i += 1
    read_notes()
    return [b for b in blocks if b.lines]


def _note_section(
    note: Note, placed: list[tuple[float, tuple[str, ...]]], marked: dict[tuple[int, str], tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The section a note belongs to: a footnote's is that of the line setting its mark, a margin
    note's that of the body line beside or nearest above it; else that of the page's last body line."""
    if note.mark is not None and (note.page, note.mark) in marked:
        return marked[(note.page, note.mark)]
    if note.mark is None:
        above = [(y, section) for y, section in placed if y >= note.lines[0].y - 1]
        if above:
            return min(above)[1]
    return placed[-1][1] if placed else None


def _ends_mid_sentence(blocks: list[Block], line: Line) -> bool:
    """The paragraph before stops mid-sentence right above the line ("… – erstmals zum" / "10. …"):
    a number at the line's start goes on with that sentence and opens no numbered item."""
    if not blocks or blocks[-1].kind != "paragraph" or line.blank_before:
        return False
    return not blocks[-1].last_text.endswith(_TERMINAL)


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
