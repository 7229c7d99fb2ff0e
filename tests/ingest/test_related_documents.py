"""The four real coalition agreements in ../shared/corpus/related/: clean text, titles, printed
page numbers, structure and commitments as a reader of the printed documents sees them."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.related

RUNNING = {
    "koalitionsvertrag-bund-2005": "Koalitionsvertrag CDU, CSU, SPD – 11.11.2005",
    "koalitionsvertrag-bund-2009": "Koalitionsvertrag zwischen CDU, CSU und FDP",
}
PAGE_NUMBER_LINE = re.compile(r"(?<!\w)[-–]\s*\d{1,3}\s*[-–](?!\w)|\b\d{1,3}/13[23]\b|\bSeite \d{1,3}\b")


def _page(documents: dict, doc_id: str, number: int):
    return documents[doc_id].pages[number - 1]


def test_no_line_number_page_number_or_running_header_in_any_passage(related_documents):
    for doc_id, document in related_documents.items():
        for passage in document.passages:
            text = passage.text
            assert not PAGE_NUMBER_LINE.search(text), (doc_id, passage.page, text[:200])
            assert doc_id not in RUNNING or RUNNING[doc_id] not in text, (doc_id, passage.page)
            # A margin line number reads as a number counting up line by line inside the text.
            numbers = [int(n) for n in re.findall(r"(?<![\d.,/])\b\d{3}\b(?![\d.,/])", text)]
            assert not any(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False)), (doc_id, text[:200])


def test_word_export_line_numbers_are_gone_and_the_text_reads_on(related_documents):
    page = _page(related_documents, "koalitionsvertrag-bund-2005", 11)
    assert "473" not in page.clean_text and "522" not in page.clean_text
    assert "Deutschland steht vor großen Herausforderungen: Arbeitslosigkeit, Staatsverschuldung" in page.clean_text
    assert "Reformen in Deutschland nutzen, Mut machen zur Anstrengung und das Vertrauen" in page.clean_text


def test_notes_in_the_margin_and_footnotes_are_not_body_text(related_documents):
    # The 2005 agreement's annex sets references ("Rdnr. 11 u.12", "42") beside the body, some on a
    # body line's baseline: they ran into the sentences ("Naturschut- 42 zes"). Now notes of their own.
    doc_2005 = related_documents["koalitionsvertrag-bund-2005"]
    on_158 = [p for p in doc_2005.passages if p.page == 158]
    assert not any("Umsetzung von" in p.text for p in on_158 if p.kind != "note")
    assert "Umsetzung von Rdnr. 11 u.12" in [p.text for p in on_158 if p.kind == "note"]
    assert "Grundsätze des Naturschutzes" in _page(related_documents, "koalitionsvertrag-bund-2005", 191).clean_text
    assert (
        "Parallelkompetenz für Landesrichter" in _page(related_documents, "koalitionsvertrag-bund-2005", 150).clean_text
    )
    # The annex's footnote is a passage of its own; its mark and the Basic Law's sentence numbers are superscripts.
    assert "1 Wird im Gesetzgebungsverfahren geklärt." in [p.text for p in doc_2005.passages if p.kind == "note"]
    assert "kann bestimmt werden¹, dass es" in _page(related_documents, "koalitionsvertrag-bund-2005", 163).clean_text
    assert "(1) „¹Führen die Länder" in _page(related_documents, "koalitionsvertrag-bund-2005", 149).clean_text
    # A word split at a line end where the document writes it closed elsewhere ("BaFin").
    assert "Die BaFin erhält" in _page(related_documents, "koalitionsvertrag-bund-2013", 48).clean_text


def test_chapter_running_header_is_not_text(related_documents):
    page = _page(related_documents, "koalitionsvertrag-bund-2013", 11)
    assert not page.clean_text.startswith("Präambel")
    assert page.clean_text.startswith("Energiewende voranbringen – Wirtschaftsstandort sichern")


@pytest.mark.parametrize(
    ("doc_id", "title", "source"),
    [
        (
            "koalitionsvertrag-bund-2005",
            "Gemeinsam für Deutschland – mit Mut und Menschlichkeit – Koalitionsvertrag zwischen CDU, CSU und SPD",
            "heading",
        ),
        (
            "koalitionsvertrag-bund-2009",
            "Wachstum. Bildung. Zusammenhalt. – Der Koalitionsvertrag zwischen CDU, CSU und FDP.",
            "heading",
        ),
        ("koalitionsvertrag-bund-2013", "Koalitionsvertrag zwischen CDU, CSU und SPD", "metadata"),
        (
            "koalitionsvertrag-bund-2021",
            "Mehr Fortschritt wagen – Bündnis für Freiheit, Gerechtigkeit und Nachhaltigkeit",
            "heading",
        ),
    ],
)
def test_titles(related_documents, doc_id: str, title: str, source: str):
    info = related_documents[doc_id].info
    assert (info.title, info.title_source) == (title, source)


@pytest.mark.parametrize(
    ("doc_id", "page", "printed"),
    [
        ("koalitionsvertrag-bund-2021", 58, "57"),  # the file's /PageLabels claim 59
        ("koalitionsvertrag-bund-2021", 1, None),  # the cover prints none
        ("koalitionsvertrag-bund-2013", 11, "9"),
        ("koalitionsvertrag-bund-2013", 3, None),
        ("koalitionsvertrag-bund-2009", 11, "10"),  # "10/132"
        ("koalitionsvertrag-bund-2005", 11, "10"),  # "– 10 –"
        ("koalitionsvertrag-bund-2005", 190, "46"),  # the annex counts anew
    ],
)
def test_printed_page_numbers(related_documents, doc_id: str, page: int, printed: str | None):
    assert _page(related_documents, doc_id, page).printed_page == printed


def test_spacing_restored(related_documents):
    doc_2021 = related_documents["koalitionsvertrag-bund-2021"]
    assert any("mit mindestens 15 Millionen Elektro-Pkw im Jahr 2030" in p.text for p in doc_2021.passages)
    assert "zu verkraften haben" in _page(related_documents, "koalitionsvertrag-bund-2009", 11).clean_text
    assert (
        "Zwanzig20" in _page(related_documents, "koalitionsvertrag-bund-2013", 29).clean_text
    )  # a name keeps its number
    # A real number in the text survives.
    assert "ca. 200 GW bis 2030" in _page(related_documents, "koalitionsvertrag-bund-2021", 58).clean_text


def test_every_unit_is_a_span_of_its_page(related_documents):
    for document in related_documents.values():
        pages = {p.number: p for p in document.pages}
        for passage in document.passages:
            for unit in passage.units:
                page = pages[unit.span.page]
                assert page.clean_text[unit.span.start : unit.span.end] == unit.text
                assert len(page.clean_to_raw) == len(page.clean_text)


def test_sections_follow_the_printed_outline(related_documents):
    sections_2021 = {s.title: s.path for s in related_documents["koalitionsvertrag-bund-2021"].sections}
    assert sections_2021["Transparenz"] == (
        "II. Moderner Staat, digitaler Aufbruch und Innovationen",
        "Moderner Staat und Demokratie",
        "Transparenz",
    )
    sections_2013 = {s.title: s.path for s in related_documents["koalitionsvertrag-bund-2013"].sections}
    assert sections_2013["1.1. Deutschlands Wirtschaft stärken"] == (
        "1. Wachstum, Innovation und Wohlstand",
        "1.1. Deutschlands Wirtschaft stärken",
    )


def test_prose_commitments_carry_document_section_and_both_pages(related_documents):
    document = related_documents["koalitionsvertrag-bund-2021"]
    portal = next(c for c in document.commitments if c.text.startswith("Wir werden ein digitales Gesetzgebungsportal"))
    assert portal.source == "prose"
    assert (portal.document, portal.page, portal.printed_page) == ("koalitionsvertrag-bund-2021", 11, "10")
    assert portal.section_path[0] == "II. Moderner Staat, digitaler Aufbruch und Innovationen"
    assert portal.section == portal.section_path[-1] == "Lebendige Demokratie"
    assert portal.passage_id and portal.text in next(p.text for p in document.passages if p.id == portal.passage_id)
    for doc_id, found in related_documents.items():
        prose = [c for c in found.commitments if c.source == "prose"]
        assert len(prose) > 500, doc_id  # agreements write their measures in sentences
        assert all(c.printed_page is not None or found.pages[c.page - 1].printed_page is None for c in prose)
