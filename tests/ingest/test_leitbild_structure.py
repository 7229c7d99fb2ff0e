"""Structure of the real Leitbild PDF: sections, pages, bullets, page texts."""

import re

import pytest
from pypdf import PdfReader

HANDLUNGSFELDER = {
    "Für höhere gesellschaftliche Wertschätzung": 17,
    "Für höhere Investitionen": 19,
    "Für Innovationsfähigkeit und technologische Marktführerschaft": 21,
    "Für eine digitale Zukunft aller Unternehmen": 23,
    "Für eine sozialpartnerschaftlich gestaltete digitalisierte Arbeitswelt": 25,
    "Für Klimaschutz als Innovationstreiber": 27,
    "Für eine verlässliche und wettbewerbsfähige Energieversorgung": 29,
    "Für eine zukunftssichere Rohstoffversorgung": 32,
    "Für eine bessere Vernetzung von Industrie und Gründern": 34,
    "Für hervorragend ausgebildete Fachkräfte": 36,
    "Für eine verantwortliche Flächenpolitik": 38,
    "Für leistungsstarke Verkehrswege und eine moderne Mobilitätsinfrastruktur": 39,
    "Für beste Chancen auf internationalen Märkten": 42,
    "Für eine innovative Industriepolitik in Europa": 43,
}


def test_document_metadata(leitbild):
    assert leitbild.info.id == "industriepolitisches-leitbild-nrw"
    assert leitbild.info.title == "Industriepolitisches Leitbild der Landesregierung Nordrhein-Westfalen"
    assert leitbild.info.pages == 46
    assert len(leitbild.info.sha256) == 64


def test_fourteen_handlungsfelder_with_their_pages(leitbild):
    handlungsfelder = {
        p.section_path[1]: None
        for p in leitbild.passages
        if p.section_path[0].startswith("Kapitel II") and len(p.section_path) > 1
    }
    assert list(handlungsfelder) == list(HANDLUNGSFELDER)
    starts = {s.title: s.page for s in leitbild.sections if s.path[0].startswith("Kapitel II") and len(s.path) == 2}
    assert starts == HANDLUNGSFELDER


def test_front_matter_chapters_and_ausblick(leitbild):
    tops = list(dict.fromkeys(p.section_path[0] for p in leitbild.passages))
    assert tops == [
        "Einleitung",
        "Kapitel I: Herausforderungen für die Zukunft",
        "Kapitel II: Handlungsfelder",
        "Ausblick",
    ]
    sections = {p.section_path[1] for p in leitbild.passages if p.section_path[0].startswith("Kapitel I:")}
    assert "1. Industrieland Nordrhein-Westfalen auf dem Weg in die Zukunft" in sections
    assert "2. Herausforderungen" in sections


def test_vision_list_has_fourteen_items(leitbild):
    items = [p for p in leitbild.passages if p.kind == "vision_item"]
    assert [int(p.text.split(".")[0]) for p in items] == list(range(1, 15))
    assert all(p.section == "Unsere Vision für 2030" for p in items)
    assert items[9].text.endswith("Die Beschäftigten nutzen die Chancen von Qualifizierung.")  # runs onto page 14


def test_gigabit_bullet_kept_whole_across_its_gap(leitbild):
    gigabit = [p for p in leitbild.passages if "Gigabitnetze schaffen" in p.text]
    assert len(gigabit) == 1
    assert (
        gigabit[0].text
        == "flächendeckend konvergente Gigabitnetze schaffen und alle Gewerbegebiete bis 2022 anschließen."
    )
    assert gigabit[0].page == 20
    assert gigabit[0].section == "Für höhere Investitionen"


def test_bullet_continuing_on_next_page_stays_one_passage(leitbild):
    rohstoff = next(p for p in leitbild.passages if "Versorgungszeiträume" in p.text)
    assert rohstoff.page == 32
    assert "Sekundärrohstoffe vorangebracht werden." in rohstoff.text
    assert {u.span.page for u in rohstoff.units} == {32, 33}


def test_passages_never_cross_sections_or_cut_sentences(leitbild):
    for p in leitbild.passages:
        assert p.units, p.id
        assert len(set(p.section_path)) == len(p.section_path)
        last = p.units[-1].text
        if p.kind == "paragraph":
            assert re.search(r"[.!?:“\")]$", last) or p.units[-1].span.page != p.units[0].span.page or len(p.units) >= 1
        assert len(p.text) <= 1200, p.id


def test_units_are_verbatim_on_their_pages(leitbild):
    pages = {page.number: page for page in leitbild.pages}
    for p in leitbild.passages:
        for u in p.units:
            assert pages[u.span.page].clean_text[u.span.start : u.span.end] == u.text


def test_clean_page_text_matches_pdf_text(leitbild, leitbild_pdf):
    """Cleaning only joins lines and hyphenation: the letters are the PDF's, in its order."""
    reader = PdfReader(str(leitbild_pdf))

    def letters(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())

    for page in leitbild.pages:
        raw = letters(reader.pages[page.number - 1].extract_text())
        clean = letters(page.clean_text)
        assert clean in raw, page.number
        assert len(clean) >= len(raw) - 4, page.number  # only the page number may go


@pytest.mark.parametrize("word", ["wettbewerbsfähige", "Aus- und Weiterbildung", "5G.NRW", "Start-up", "FuE-Ausgaben"])
def test_dehyphenated_words_in_the_leitbild(leitbild, word):
    assert any(word in page.clean_text for page in leitbild.pages)


def test_no_line_break_hyphen_fragments_left(leitbild):
    text = " ".join(page.clean_text for page in leitbild.pages)
    assert "Wettbe- werbs" not in text
    assert "wettbe-werbs" not in text.lower()
    assert "Energieversorgungs- und Ressourcensicherheit" in text or "Energieversorgungs-" not in text
