"""Headings by typography: levels from size, weight and typeface, then from numbering."""

from __future__ import annotations

from pathlib import Path

from ingest.document import ingest_pdf
from tests.support.pdfgen import LEFT, TOP, Text, write_positioned_pdf

PROSE = "Die Koalition wird die Verfahren für {topic} vereinfachen und die Kommunen dabei unterstützen."
_TOPICS = [
    f"{a} {b} {c}"
    for a in ("Wind", "Sonne", "Wasser", "Boden", "Luft", "Wald")
    for b in ("Nord", "Süd", "Ost", "West")
    for c in ("alt", "neu", "klein")
]


def _body(size: float) -> list[tuple[str, float, str]]:
    """Three lines of text that no other line repeats (a repeated line at a page edge is furniture)."""
    return [(PROSE.format(topic=_TOPICS.pop()), size, "Helvetica") for _ in range(3)]


def _page(items: list[tuple[str, float, str]]) -> list[Text]:
    """(text, size, font) lines down the page; a heading gets a gap above it."""
    page, y = [], TOP
    for text, size, font in items:
        if "Bold" in font:
            y -= 14
        page.append(Text(text, LEFT, y, size=size, font=font))
        y -= size + 4
    return page


def test_levels_follow_size_then_numbering(tmp_path: Path):
    pages = [
        _page(
            [
                ("Präambel", 20, "Helvetica-Bold"),
                *_body(9),
                ("Arbeit und Wohlstand sichern", 11, "Helvetica-Bold"),
                *_body(9),
            ]
        ),
        _page(
            [
                ("1. Wachstum und Innovation", 20, "Helvetica-Bold"),
                ("1.1. Wirtschaft stärken", 13, "Helvetica-Bold"),
                *_body(9),
            ]
        ),
        _page([("Mittelstand", 11, "Helvetica-Bold"), *_body(9), ("1.2. Energie", 13, "Helvetica-Bold"), *_body(9)]),
        _page([("2. Bildung", 20, "Helvetica-Bold"), *_body(9)]),
    ]
    document = ingest_pdf(write_positioned_pdf(tmp_path / "kv.pdf", pages))
    paths = {s.title: s.path for s in document.sections}
    assert paths["Arbeit und Wohlstand sichern"] == ("Präambel", "Arbeit und Wohlstand sichern")
    assert paths["1. Wachstum und Innovation"] == ("1. Wachstum und Innovation",)  # a chapter like "Präambel"
    assert paths["Mittelstand"] == ("1. Wachstum und Innovation", "1.1. Wirtschaft stärken", "Mittelstand")
    assert paths["1.2. Energie"] == ("1. Wachstum und Innovation", "1.2. Energie")
    assert paths["2. Bildung"] == ("2. Bildung",)
    commitment = next(c for c in document.commitments if c.page == 3)
    assert commitment.section_path == ("1. Wachstum und Innovation", "1.1. Wirtschaft stärken", "Mittelstand")


def test_body_size_bold_headings_nest_by_their_numbers(tmp_path: Path):
    pages = [
        _page([("I. WOHLSTAND FÜR ALLE", 11, "Helvetica-Bold"), ("1. Wachstum", 11, "Helvetica-Bold"), *_body(11)]),
        _page(
            [
                ("1.1. Entlastung", 11, "Helvetica-Bold"),
                *_body(11),
                ("Mehr Netto vom Brutto", 11, "Helvetica-Bold"),
                *_body(11),
            ]
        ),
        _page(
            [
                ("1.2. Der Weg aus der Krise", 11, "Helvetica-Bold"),
                *_body(11),
                ("II. BILDUNG", 11, "Helvetica-Bold"),
                *_body(11),
            ]
        ),
    ]
    document = ingest_pdf(write_positioned_pdf(tmp_path / "word.pdf", pages))
    paths = {s.title: s.path for s in document.sections}
    assert paths["Mehr Netto vom Brutto"] == (
        "I. WOHLSTAND FÜR ALLE",
        "1. Wachstum",
        "1.1. Entlastung",
        "Mehr Netto vom Brutto",
    )
    assert paths["1.2. Der Weg aus der Krise"] == ("I. WOHLSTAND FÜR ALLE", "1. Wachstum", "1.2. Der Weg aus der Krise")
    assert paths["II. BILDUNG"] == ("II. BILDUNG",)


def test_one_style_for_text_and_headings_gives_no_typographic_headings(leitbild):
    # The Leitbild sets headings in its text type; its outline comes from wording alone.
    assert leitbild.sections[0].path == ("Einleitung",)
    assert len(leitbild.sections) == 22
