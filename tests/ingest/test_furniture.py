"""Page furniture on generated PDFs: page numbers in every usual form, running headers that name
the chapter, covers, imprints, address lines and untitled tables of contents."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import ingest_pdf
from ingest.furniture import page_number
from tests.support.pdfgen import LEFT, TOP, Text, write_pdf, write_positioned_pdf

PROSE = (
    "Die Landesregierung unterstützt die Kommunen bei der Wärmeplanung mit Beratung, Daten und Geld. "
    "Bis zum Jahr 2028 soll die Planung in allen Gemeinden vorliegen und danach regelmäßig fortgeschrieben werden."
)


TOPICS = ("Wärmeplanung", "Windenergie", "Radwege", "Schulbau", "Breitband", "Pflege", "Wasserstoff", "Kitas")


def _page(topic: str) -> list[tuple[str, str]]:
    """A page of prose whose first and last lines no other page repeats, not even in their shape."""
    return [("para", f"{topic}: {PROSE}"), ("para", PROSE), ("para", f"Zuständig für {topic} ist das Ministerium.")]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("19", "19"),
        ("- 19 -", "19"),
        ("– 20 –", "20"),
        ("20/132", "20"),
        ("Seite 5", "5"),
        ("Seite 5 von 9", "5"),
        ("S. 7", "7"),
        ("IV", "IV"),
        ("Koalitionsvertrag | 57", "57"),
        ("Bis 2030 wollen wir", None),
        ("15 Euro im Jahr 2026", None),
    ],
)
def test_page_number_forms(text: str, number: str | None):
    assert page_number(text) == number


@pytest.mark.parametrize("footer", ["{n}", "- {n} -", "– {n} –", "{n}/{total}", "Seite {n}"])
def test_page_number_lines_leave_the_text_and_give_the_printed_page(tmp_path: Path, footer: str):
    pages = [_page(topic) for topic in TOPICS[:5]]
    document = ingest_pdf(write_pdf(tmp_path / "zahlen.pdf", pages, footer=footer, first_number=0))
    # The footer of PDF page n prints n - 1 (the first page, a title page, prints nothing).
    assert [p.printed_page for p in document.pages] == [None, "1", "2", "3", "4"]
    for page, topic in zip(document.pages, TOPICS, strict=False):
        assert page.clean_text.strip().endswith(f"Zuständig für {topic} ist das Ministerium.")
    assert all("2028" in p.text for p in document.passages)  # the text's own numbers stay


def test_running_header_that_names_the_chapter_is_furniture(tmp_path: Path):
    chapters = ["Wachstum und Arbeit"] * 4 + ["Bildung und Forschung"] * 4
    pages = [_page(topic) for topic in TOPICS]
    document = ingest_pdf(write_pdf(tmp_path / "kapitel.pdf", pages, header=lambda n: chapters[n - 1]))
    for page in document.pages:
        assert "Wachstum und Arbeit" not in page.clean_text
        assert "Bildung und Forschung" not in page.clean_text


def test_cover_in_display_type_and_its_repetition_are_not_content(tmp_path: Path):
    cover = [
        Text("WACHSTUM.", LEFT, TOP, size=40),
        Text("BILDUNG.", LEFT, TOP - 50, size=40),
        Text("Koalitionsvertrag für die Jahre 2030 bis 2035", LEFT, TOP - 100, size=18),
    ]
    inner = [
        Text("WACHSTUM. BILDUNG.", LEFT, TOP, size=24),
        Text(PROSE[:90], LEFT, TOP - 60),
        Text(PROSE[90:170], LEFT, TOP - 74),
    ]
    body = [Text(f"Im Kapitel {k} geht es um die Wärmeplanung der Gemeinden.", LEFT, TOP - 14 * k) for k in range(5)]
    document = ingest_pdf(write_positioned_pdf(tmp_path / "titel.pdf", [cover, inner, body]))
    assert document.pages[0].clean_text == ""
    assert "WACHSTUM" not in document.pages[1].clean_text
    assert PROSE[:40] in document.pages[1].clean_text


def test_imprint_and_address_lines_are_not_content(tmp_path: Path):
    page = [Text(PROSE[k : k + 90], LEFT, TOP - 14 * (k // 90)) for k in range(0, len(PROSE), 90)]
    page += [
        Text("www.land.nrw / www.wirtschaft.nrw", LEFT, 300),
        Text("Impressum", LEFT, 200, size=9),
        Text("Herausgeber: Ministerium für Wirtschaft", LEFT, 188, size=9),
        Text("Berliner Allee 1, 40212 Düsseldorf", LEFT, 176, size=9),
    ]
    document = ingest_pdf(write_positioned_pdf(tmp_path / "impressum.pdf", [page]))
    text = document.pages[0].clean_text
    assert "Impressum" not in text and "Düsseldorf" not in text and "www." not in text
    assert PROSE[:40] in text


def test_untitled_table_of_contents_is_not_content(tmp_path: Path):
    headings = ["1. Wachstum und Arbeit", "1.1 Steuern und Abgaben", "2. Bildung für alle", "2.1 Schulen und Kitas"]
    toc = [("line", h) for h in headings]
    chapters = [[("heading", h), ("para", PROSE)] for h in headings]
    document = ingest_pdf(write_pdf(tmp_path / "inhalt.pdf", [toc, *chapters], footer=None))
    assert document.pages[0].clean_text == ""
    assert [s.page for s in document.sections if s.title == "1. Wachstum und Arbeit"] == [2]
