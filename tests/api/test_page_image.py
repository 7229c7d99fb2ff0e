"""The cited page as an image: which characters are marked (page_marks) and the PNG (page_image),
on a generated two-page PDF whose sentence runs across the page break."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from api.page_image import MARK_RGB, PageError, PageRenderer
from api.page_marks import PagePiece, line_boxes, locate, pieces, quote_pages
from domain.types import Passage, Span, Unit

FIRST = "Die Landesregierung fördert das Wasserstofflabor in Bielefeld mit zwölf Millionen Euro."
SECOND_A = "Das Labor eröffnet im Jahr 2031 und forscht an der"
SECOND_B = "Elektrolyse im industriellen Maßstab."


def two_pages(path: Path, line_numbers: bool = False) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 11)
    for number, line in enumerate(
        ["Einleitung ohne Zitat.", FIRST, "Das Labor eröffnet im Jahr 2031", "und forscht an der"]
    ):
        if line_numbers:
            pdf.drawString(30, 760 - 20 * number, str(100 + number))
        pdf.drawString(60, 760 - 20 * number, line)
    pdf.showPage()
    pdf.setFont("Helvetica", 11)
    pdf.drawString(60, 760, "Elektro-")
    pdf.drawString(60, 740, "lyse im industriellen Maßstab.")
    pdf.drawString(60, 700, "Ein anderer Absatz.")
    pdf.showPage()
    pdf.save()
    return path


def passage() -> Passage:
    units = (
        Unit(FIRST, Span(1, 0, len(FIRST))),
        Unit(SECOND_A, Span(1, 0, len(SECOND_A))),
        Unit(SECOND_B, Span(2, 0, len(SECOND_B))),
    )
    text = " ".join(u.text for u in units)
    return Passage("doc:p1", "doc", "Titel", ("Kapitel",), "paragraph", 1, text, units)


def test_a_quote_across_the_page_break_has_a_piece_on_each_page() -> None:
    quote = "forscht an der Elektrolyse im industriellen"
    parts = pieces(passage(), quote)
    assert [p.page for p in parts] == [1, 2]
    assert parts[0].text == "forschtander" and parts[1].text == "elektrolyseimindustriellen"
    assert quote_pages(passage(), quote) == [1, 2]
    assert quote_pages(passage(), "zwölf Millionen") == [1]
    assert pieces(passage(), "steht nicht in der Passage") == []
    assert quote_pages(passage()) == [1, 2]  # the whole passage


def test_locate_prefers_the_passage_place_and_survives_line_numbers() -> None:
    chars = list("Labor X. 12 Das Labor eröffnet 13 im Jahr")
    piece = PagePiece(1, "labor", "daslaboreröffnetimjahr")
    first, last = locate(chars, piece)
    assert "".join(chars[first : last + 1]) == "Labor" and first > 10  # the second "Labor", inside the passage
    numbered = locate(chars, PagePiece(1, "eröffnetimjahr", "daslaboreröffnetimjahr"))
    assert numbered is not None and "".join(chars[numbered[0] : numbered[1] + 1]) == "eröffnet 13 im Jahr"
    assert locate(chars, PagePiece(1, "nirgends", "nirgends")) is None


def test_line_boxes_merge_characters_of_a_line() -> None:
    boxes = [(10, 100, 15, 110), (15, 100, 20, 110), None, (0, 0, 0, 0), (10, 80, 14, 90), (14, 80, 30, 90)]
    assert line_boxes(boxes) == [(10, 100, 20, 110), (10, 80, 30, 90)]


@pytest.mark.parametrize("line_numbers", [False, True])
def test_the_png_marks_the_quote_on_both_pages(tmp_path: Path, line_numbers: bool) -> None:
    pdf = two_pages(tmp_path / "zwei.pdf", line_numbers)
    renderer = PageRenderer()
    parts = tuple(pieces(passage(), "forscht an der Elektrolyse im industriellen"))
    assert renderer.page_count(pdf, "sha") == 2
    for page, lines in ((1, 1), (2, 2)):  # "und forscht an der" | "Elektro-" "lyse im industriellen"
        boxes = renderer.marks(pdf, "sha", page, parts)
        assert len(boxes) == lines, f"Seite {page}: {lines} markierte Zeilen erwartet, {boxes}"
        marks = renderer.fractions(pdf, "sha", page, boxes)
        assert 0 < marks[0].y < 0.2 and 0 < marks[0].x < 0.2  # near the top left, where the text is
        image = np.asarray(Image.open(io.BytesIO(renderer.png(pdf, "sha", page, 1.0, boxes))).convert("RGB"))
        plain = np.asarray(Image.open(io.BytesIO(renderer.png(pdf, "sha", page, 1.0, []))).convert("RGB"))
        assert image.shape == plain.shape and image.shape[0] == 842
        changed = np.argwhere((image != plain).any(axis=2))
        top, left = changed.min(axis=0)
        assert abs(top / image.shape[0] - marks[0].y) < 0.01 and abs(left / image.shape[1] - marks[0].x) < 0.01
        # The mark is the highlighter colour multiplied into white paper.
        paper = image[changed[:, 0], changed[:, 1]].max(axis=0)
        assert np.allclose(paper / 255, MARK_RGB, atol=0.02)
    renderer.close()


def test_the_same_request_is_served_from_the_cache_and_limits_hold(tmp_path: Path) -> None:
    pdf = two_pages(tmp_path / "zwei.pdf")
    renderer = PageRenderer(cache_bytes=10_000_000)
    first = renderer.png(pdf, "sha", 1, 0.5, [])
    assert renderer.png(pdf, "sha", 1, 0.5, []) is first
    assert renderer.png(pdf, "anders", 1, 0.5, []) is not first  # another file content, another entry
    with pytest.raises(PageError, match="zu groß"):
        PageRenderer(cache_bytes=1).png(pdf, "sha", 1, 10.0, [])
    renderer.close()
