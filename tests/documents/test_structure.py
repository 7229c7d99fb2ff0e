"""Layouts beyond the Leitbild: numbered and capitalised headings, running headers and footers,
tables of contents, pages without headings, titles from metadata, sidecar or first heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import ingest_pdf
from tests.support import corpus
from tests.support.pdfgen import write_pdf


@pytest.fixture(scope="module")
def energy(energy_pdf: Path):
    return ingest_pdf(energy_pdf)


def test_numbered_headings_nest_by_their_number(energy):
    paths = {s.title: s.path for s in energy.sections}
    assert paths["2.1 Stromnetze"][-2:] == ("2 Netze und Speicher", "2.1 Stromnetze")
    assert paths["2.2 Wärmespeicher"][-2:] == ("2 Netze und Speicher", "2.2 Wärmespeicher")
    assert paths["1 Einleitung"][-1] == "1 Einleitung" and "2 Netze und Speicher" not in paths["1 Einleitung"]
    pages = {s.title: s.page for s in energy.sections}
    assert pages["1 Einleitung"] == 3 and pages["2.2 Wärmespeicher"] == 4 and pages["4 Ausblick"] == 5


def test_capitals_line_opens_a_chapter(energy):
    paths = {s.title: s.path for s in energy.sections}
    assert paths["3 Wasserstoff-Startnetz"] == ("WASSERSTOFF UND INDUSTRIE", "3 Wasserstoff-Startnetz")
    # A title set in capitals over two lines is one heading.
    assert energy.sections[0].title == "ENERGIEVERSORGUNGSSTRATEGIE NORDRHEIN-WESTFALEN"


def test_running_header_footer_and_page_numbers_are_not_content(energy):
    for page in energy.pages:
        assert corpus.ENERGY_HEADER not in page.clean_text
        assert "Seite" not in page.clean_text
    assert not any(corpus.ENERGY_HEADER in p.text or "Seite 3 von 5" in p.text for p in energy.passages)


def test_table_of_contents_is_not_indexed(energy):
    assert energy.pages[1].clean_text == ""
    assert not any(p.page == 2 for p in energy.passages)
    assert not any(s.page == 2 for s in energy.sections)
    # Each heading exists once, where its chapter starts.
    assert [s.title for s in energy.sections].count("2.1 Stromnetze") == 1


def test_own_commitment_list(energy):
    assert [c.text for c in energy.commitments] == list(corpus.ENERGY_COMMITMENTS)
    assert {c.section for c in energy.commitments} == {"2.2 Wärmespeicher"}
    assert [c.position for c in energy.commitments] == [1, 2, 3, 4]
    # The paragraph after the list is prose, not part of the last commitment.
    closing = next(p for p in energy.passages if "Spitzenverbänden" in p.text)
    assert closing.kind == "paragraph" and closing.commitment_id is None


def test_fact_is_quotable_on_its_page(energy):
    fact = next(p for p in energy.passages if corpus.STORAGE_FACT in p.text)
    assert fact.page == 4 and fact.section == "2.2 Wärmespeicher"
    unit = next(u for u in fact.units if corpus.STORAGE_FACT in u.text)
    assert energy.pages[3].clean_text[unit.span.start : unit.span.end] == unit.text


def test_sidecar_title_and_fields(energy, energy_pdf: Path):
    info = energy.info
    assert info.id == corpus.ENERGY_ID
    assert info.title == corpus.ENERGY_TITLE
    assert (info.publisher, info.date) == (
        "Ministerium für Wirtschaft, Industrie, Klimaschutz und Energie NRW",
        "2019-07-02",
    )
    assert info.source_url == "https://example.org/energieversorgungsstrategie.pdf"
    assert info.sidecar_sha256 and len(info.sidecar_sha256) == 64
    assert info.path == str(energy_pdf.resolve())
    assert all(p.title == corpus.ENERGY_TITLE for p in energy.passages)


def test_title_from_first_heading_when_metadata_is_a_placeholder(tmp_path: Path):
    # reportlab writes "untitled" as the title when none is set; it names no document.
    pdf = corpus.write_energy(tmp_path / "strategie.pdf", sidecar=False)
    assert ingest_pdf(pdf).info.title == "ENERGIEVERSORGUNGSSTRATEGIE NORDRHEIN-WESTFALEN"


def test_title_from_metadata(tmp_path: Path):
    pdf = write_pdf(tmp_path / "bericht.pdf", corpus.energy_pages(), title="Energiebericht 2024")
    assert ingest_pdf(pdf).info.title == "Energiebericht 2024"


def test_pages_without_headings_become_page_sections(tmp_path: Path):
    prose = (
        "Die Landesregierung unterstützt Kommunen bei der Wärmeplanung mit Beratung und Daten. "
        "Die Planung soll bis zum Jahr 2028 in allen Gemeinden vorliegen und regelmäßig fortgeschrieben werden."
    )
    pages = [[("para", prose), ("para", prose.replace("2028", "2029"))] for _ in range(3)]
    document = ingest_pdf(write_pdf(tmp_path / "notiz.pdf", pages, header="Vermerk Wärmeplanung"))
    assert {(p.page, p.section_path) for p in document.passages} == {
        (1, ("Seite 1",)),
        (2, ("Seite 2",)),
        (3, ("Seite 3",)),
    }
    assert document.info.title == "notiz"  # no metadata, no heading: the file name
    assert "Vermerk" not in document.pages[1].clean_text


def test_repeated_line_inside_pages_is_content(tmp_path: Path):
    """Only lines at a page's top or foot can be running lines; a list intro on every page stays."""
    pages = [
        [
            (
                "para",
                f"Abschnitt {n}: Die Landesregierung setzt die folgenden Vorhaben in diesem Jahr um, "
                "gemeinsam mit den Kommunen und den Verbänden des Landes.",
            ),
            ("intro", "Wir werden:"),
            ("bullet", f"das Vorhaben Nummer {n} mit eigenen Mitteln fördern."),
            (
                "para",
                "Die Umsetzung wird jährlich überprüft und dem Landtag berichtet, damit alle Beteiligten "
                "den Fortschritt nachvollziehen können.",
            ),
        ]
        for n in range(1, 5)
    ]
    document = ingest_pdf(write_pdf(tmp_path / "vorhaben.pdf", pages))
    assert len(document.commitments) == 4


def test_wrapped_line_starting_with_a_number_is_not_a_heading(tmp_path: Path):
    page = [
        ("heading", "1 Windenergie"),
        ("para", "Bis 2030 sollen nach den Planungen der Landesregierung zusätzlich"),
        ("line", "15 Gigawatt Leistung aus Windenergie an Land entstehen"),
        ("line", "und die Versorgung der Industrie im ganzen Land sichern."),
    ]
    document = ingest_pdf(write_pdf(tmp_path / "wind.pdf", [page]))
    assert [s.title for s in document.sections] == ["1 Windenergie"]
    assert "zusätzlich 15 Gigawatt Leistung" in document.passages[0].text
