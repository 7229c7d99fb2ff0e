"""Every tuned number of the ingest in one place: how a PDF's layout is read.

Each field says why it has its value and on which documents it was measured. The documents:
the bundled Industriepolitisches Leitbild NRW (46 pages, InDesign, one font size for body and
headings) and the four coalition agreements in ../shared/corpus/related/ (2005: Word export with
margin line numbers; 2009: Word via PScript with justified text; 2013: InDesign, two columns;
2021: Ghostscript re-export, one glyph per string). A change here changes what is stored: the
index fingerprints ingest/*.py (index/builder.py `pipeline_version`), this file included, so the
next ingest re-reads every document.
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, Field


class IngestPolicy(BaseModel):
    model_config = ConfigDict(frozen=True)

    # --- reading positioned text (ingest/pdf_text.py, ingest/layout.py) ---
    word_gap: float = Field(
        0.3,
        description="A horizontal gap between two strings of at least this share of the font's space width is a "
        "word gap. Measured: glyph-to-glyph kerning in the 2021 agreement stays under 0.1 space widths, word "
        "gaps without a space glyph (2021, 2009's TJ offsets) are 0.7 and more; 2009's Word export sets word "
        "fragments with no gap at all.",
    )
    baseline_tolerance: float = Field(
        0.15,
        description="Strings whose baselines differ by less than this share of the font size stand on one line. "
        "Rounding in Ghostscript re-exports (2021) moves glyphs of one line by up to 0.1 pt; a superscript "
        "footnote mark is raised by about a third of the size and stays its own line, as before.",
    )
    chunk_gap: float = Field(
        0.8,
        description="A gap of at least this many ems separates pieces of one baseline that may belong to "
        "different things (a margin line number and its line: 18 pt at 12 pt in the 2005 agreement).",
    )
    superscript_rise: float = Field(
        0.2,
        description="Ems; small type whose baseline stands at least this far above its line's is a superscript "
        "(a footnote mark: 7 pt digits 4 pt above 11 pt text).",
    )
    script_size: float = Field(
        0.85,
        description="Type at most this share of a neighbouring line's size, within half a line of it, is a sub- or "
        "superscript of that line (2009: the 8 pt '2' of 'CO2' 1.5 pt below 12 pt text).",
    )
    min_line_gap: float = Field(
        4.0,
        description="Points; smaller vertical steps between lines are sub- and superscripts, not lines (Leitbild).",
    )
    paragraph_gap: float = Field(
        1.5,
        description="A vertical gap larger than this many line heights is a paragraph gap (Leitbild: 14 pt "
        "lines, 28 pt between paragraphs; the agreements 13.8 to 20 pt lines with double spacing between "
        "paragraphs).",
    )

    # --- margin line numbers (ingest/layout.py) ---
    line_numbers_min: int = Field(
        5,
        description="A page has margin line numbers when at least this many digit-only pieces stand aligned at "
        "the outer end of their lines. The 2005 agreement numbers every line (about 50 a page); a table's "
        "column of figures rarely counts up by one.",
    )
    line_numbers_sequence: float = Field(
        0.6,
        description="Share of neighbouring aligned numbers (top to bottom) that must count up by exactly one. "
        "Word numbers blank lines too, so every step is one there; a column of figures in a table is not.",
    )
    line_numbers_align: float = Field(
        3.0,
        description="Points; line numbers are right- or left-aligned to within this (2005: right edge 53.0 for "
        "one to three digits).",
    )

    # --- columns (ingest/layout.py) ---
    column_gutter: float = Field(
        0.5,
        description="Ems; a strip at least this wide that no text crosses can separate two columns (2013: 8 pt "
        "between columns at 9 pt).",
    )
    column_min_lines: int = Field(
        5,
        description="Each side of a gutter must hold at least this many lines; a column may end early "
        "(2013, PDF page 48: 46 lines left, 6 right where the chapter ends).",
    )
    column_crossing_share: float = Field(
        0.05,
        description="Up to this share of a page's baselines, and at least column_crossing_lines, may cross the "
        "gutter without hiding it.",
    )
    column_crossing_lines: int = Field(
        3,
        description="Lines that may cross a gutter on any page: a running header, a chapter title over both "
        "columns and its second line (2013, PDF page 49).",
    )
    column_min_chars: int = Field(
        25,
        description="Lines of a text column average at least this many characters; table cells are shorter.",
    )

    margin_gap: float = Field(
        0.75,
        description="Ems; notes in the right margin stand apart from the body by a strip at least this wide "
        "that no text crosses (2005, PDF page 158: body to 435 pt, a note from 445 pt at 11 pt).",
    )
    margin_max_share: float = Field(
        0.3,
        description="Margin notes share a baseline with at most this share of the body's lines; more is a "
        "table of contents with its page numbers (2013, PDF pages 5-8).",
    )

    # --- footnotes (ingest/footnotes.py) ---
    footnote_size: float = Field(
        0.9,
        description="Footnotes are set in type at most this share of the body's size (2005 annex: 10 pt notes "
        "under 11-12 pt text).",
    )

    # --- page furniture (ingest/furniture.py) ---
    edge_lines: int = Field(
        2,
        description="How many lines at the top and at the foot of a page may be furniture (Leitbild: a page "
        "number and a title line; 2005: page number and running header above the text).",
    )
    edge_lines_numbers: int = Field(
        3,
        description="How many lines from the top or foot a printed page number may stand (2005 prints it above "
        "the running header; a footnote may sit below the number).",
    )
    running_share: float = Field(
        0.5,
        description="A line shape repeated at a page edge on at least this share of the pages is a running "
        "line (Leitbild, 2009: on nearly every page).",
    )
    min_pages_for_running: int = Field(
        3, description="Fewer pages cannot show that a line repeats (a one-page note has no running header)."
    )
    chapter_header_pages: int = Field(
        3,
        description="A line at a page edge repeated on at least this many pages in a row is a running header "
        "carrying the chapter name (2013: each chapter's name heads its pages); text never repeats so.",
    )
    imprint_reach: float = Field(
        2.0,
        description="Ems; lines below an imprint heading ('Impressum', 'Herausgeber:') whose left edge lies this "
        "close to it belong to the imprint (2013: the imprint block beside the back cover).",
    )
    cover_pages: int = Field(
        3,
        description="The first pages, where covers repeat their slogan and title (2009: cover and inner title "
        "page); a line there repeated within them is a cover repetition.",
    )

    # --- printed page numbers (ingest/printed_pages.py) ---
    page_number_agreement: float = Field(
        0.6,
        description="The printed numbers found must agree with one offset from the PDF page index on at least "
        "this share of the pages that print a number. Measured: 2021 and 2013 agree on every numbered page.",
    )
    page_number_min_pages: int = Field(
        3, description="Fewer printed numbers cannot establish an offset; the pages keep printed_page None."
    )

    # --- titles (ingest/titles.py) ---
    title_pages: int = Field(
        2,
        description="The title a reader sees stands on the first pages (2013: cover spread; 2021: cover and "
        "inner title page).",
    )
    title_size_ratio: float = Field(
        1.3,
        description="The visible title is set at least this much larger than the document's body text.",
    )
    display_leading: float = Field(
        2.5,
        description="Lines of display type (titles, large headings) this many of their own sizes apart or less "
        "belong to one title (2009 cover: 67 pt between 70 pt lines; 2021: 35 pt between 38 pt lines; "
        "2005 cover: 37 pt between 16 pt lines of one title).",
    )
    title_max_chars: int = Field(160, description="Longer text at the top of a cover is a paragraph, not a title.")

    # --- structure (ingest/structure.py) ---
    heading_max_chars: int = Field(
        70, description="Longer lines are prose, whatever they look like (Leitbild chapters, agreements)."
    )
    type_heading_max_chars: int = Field(
        100,
        description="A line set apart by type (size, weight, typeface) may be this long and still be a heading: "
        "the style is the evidence (2005: '1.1 Wirtschaftspolitische Strategie: Neues Wachstum, mehr "
        "Beschäftigung', 71 characters).",
    )
    numbered_heading_max_chars: int = Field(
        60, description="A numbered line this long or longer is a list item (Leitbild, 2009 '1.1. …')."
    )
    line_before_heading_max_chars: int = Field(
        50,
        description="A numbered heading may follow a short line directly, but not the wrapped line of a "
        "paragraph ('… bis 2030 sollen' / '15 Gigawatt …', Leitbild).",
    )
    minor_heading_chars: tuple[int, int] = Field(
        (8, 45), description="Length of a stand-alone short line that heads a few paragraphs (Leitbild)."
    )
    heading_size_ratio: float = Field(
        1.15,
        description="A short line set this much larger than the body, or in bold at body size when the body is "
        "not bold, is a heading (2013, 2021: 11-12 pt headings over 9-11 pt text). The Leitbild sets "
        "headings at body size and is read by its wording.",
    )

    type_headings_min: int = Field(
        3,
        description="Fewer lines in heading styles are emphasis, not an outline: the document keeps the wording "
        "rules (the Leitbild has none; the agreements 230 to 370).",
    )
    page_body_chars: int = Field(
        300,
        description="A page with fewer characters in its most frequent style has no body type of its own (a "
        "title page); it is measured against the document's body style (2005's annex sets its text in "
        "another typeface than the agreement).",
    )

    # --- commitments (ingest/commitments.py) ---
    list_commitments_share: float = Field(
        0.5,
        description="A document whose list commitments ('Wir werden:' bullets) are at least this share of its "
        "committing prose sentences states its measures in lists and is taken at its word: no prose "
        "commitments. Leitbild: 136 list items against 34 committing sentences in its introductions; the agreements: "
        "a handful of list items against hundreds of sentences.",
    )

    # --- passages (ingest/passages.py) ---
    chunk_chars: int = Field(
        500,
        description="Characters of prose per passage: whole sentences up to this length (GUIDE: 800-character "
        "chunks and longer lose points; Leitbild gold set measured at 500).",
    )

    def fingerprint(self) -> str:
        """A short hash of the values, for an index manifest that must notice a changed policy."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


DEFAULT_POLICY = IngestPolicy()
