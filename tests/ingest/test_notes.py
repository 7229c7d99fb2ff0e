"""Footnotes and their marks: small type at a page's foot is read apart from the body, so a sentence a
page break cuts stays whole; a raised mark reads as a superscript, not as a digit glued to the word."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from ingest.document import ingest_pdf
from tests.support.pdfgen import LEFT, LINE, TOP, Text, write_positioned_pdf

FILLER = [f"Zeile {k} des Fließtextes über die Energiewende und den Netzausbau im Land." for k in range(30)]


def _strategy(tmp_path: Path, foot: list[Text]) -> Path:
    """Two pages: a footnote mark after "Wasserstoff", a sentence from page 1 onto page 2, `foot` at page 1's foot."""
    start = "Die Landesregierung setzt auf Wasserstoff"
    width = stringWidth(start, "Helvetica", 11)
    page1 = [
        Text(start, LEFT, TOP, size=11),
        Text("1", LEFT + width + 0.5, TOP + 4, size=7),
        Text("als Energieträger der Zukunft.", LEFT + width + 7, TOP, size=11),
    ]
    page1 += [Text(line, LEFT, TOP - (k + 2) * LINE, size=11) for k, line in enumerate(FILLER)]
    page1.append(Text("Außerdem werden wir die Förderung der Elektrolyse", LEFT, TOP - 33 * LINE, size=11))
    page2 = [Text("in den kommenden Jahren verdoppeln und die Industrie begleiten.", LEFT, TOP, size=11)]
    page2 += [Text(line, LEFT, TOP - (k + 2) * LINE, size=11) for k, line in enumerate(FILLER[:8])]
    return write_positioned_pdf(tmp_path / "strategie.pdf", [page1 + foot, page2])


def test_a_footnote_does_not_cut_the_sentence_it_interrupts_and_is_a_passage_of_its_own(tmp_path: Path):
    note = "1 Vgl. Landesregierung Nordrhein-Westfalen, Wasserstoff Roadmap, 2020."
    document = ingest_pdf(_strategy(tmp_path, [Text(note, LEFT, 70, size=8)]), doc_id="strategie")
    texts = [p.text for p in document.passages]
    sentence = "Außerdem werden wir die Förderung der Elektrolyse in den kommenden Jahren verdoppeln und die Industrie"
    assert any(sentence in t and "Vgl." not in t for t in texts)
    notes = [p for p in document.passages if p.kind == "note"]
    assert [(p.text, p.page) for p in notes] == [(note, 1)]
    assert any("setzt auf Wasserstoff¹ als Energieträger" in t for t in texts)  # the mark as the reader sees it
    for passage in document.passages:  # every quote stays a span of its page's text
        for unit in passage.units:
            page = document.pages[unit.span.page - 1]
            assert page.clean_text[unit.span.start : unit.span.end] == unit.text


def test_small_type_at_the_foot_without_a_note_number_is_body_text(tmp_path: Path):
    source = "Quelle: IT.NRW, Landesdatenbank, eigene Berechnungen 2020."
    document = ingest_pdf(_strategy(tmp_path, [Text(source, LEFT, 70, size=8)]), doc_id="strategie")
    assert not any(p.kind == "note" for p in document.passages)
    assert any(source in p.text for p in document.passages)


def test_small_type_at_the_foot_that_opens_with_another_number_than_a_mark_is_body_text(tmp_path: Path):
    foot = [Text("100 Prozent Ökostrom bis 2030 in allen Landesgebäuden.", LEFT, 70, size=8)]
    document = ingest_pdf(_strategy(tmp_path, foot), doc_id="strategie")  # the body marks only a "1"
    assert not any(p.kind == "note" for p in document.passages)
    assert any("100 Prozent Ökostrom bis 2030" in p.text for p in document.passages)


def test_raised_digits_a_word_gap_apart_stay_a_number(tmp_path: Path):
    start = "Der Anteil am Strom liegt bei"
    width = stringWidth(start, "Helvetica", 11)
    items = [Text(start, LEFT, TOP, size=11), Text("45", LEFT + width + 6, TOP + 4, size=7)]
    items += [Text(line, LEFT, TOP - (k + 2) * LINE, size=11) for k, line in enumerate(FILLER[:10])]
    document = ingest_pdf(write_positioned_pdf(tmp_path / "anteil.pdf", [items]), doc_id="anteil")
    assert "Der Anteil am Strom liegt bei 45" in document.pages[0].clean_text


def test_a_footnote_stands_in_the_section_whose_text_sets_its_mark(tmp_path: Path):
    start = "Die Landesregierung setzt auf Wasserstoff"
    width = stringWidth(start, "Helvetica", 11)
    items = [
        Text("1. Wasserstoff", LEFT, TOP, size=16, font="Helvetica-Bold"),
        Text(start, LEFT, TOP - 2 * LINE, size=11),
        Text("1", LEFT + width + 0.5, TOP - 2 * LINE + 4, size=7),
        Text("als Energieträger der Zukunft.", LEFT + width + 7, TOP - 2 * LINE, size=11),
        *[Text(line, LEFT, TOP - (k + 3) * LINE, size=11) for k, line in enumerate(FILLER[:8])],
        Text("2. Windenergie", LEFT, TOP - 13 * LINE, size=16, font="Helvetica-Bold"),
        *[Text(line, LEFT, TOP - (k + 15) * LINE, size=11) for k, line in enumerate(FILLER[8:16])],
        Text("1 Vgl. Wasserstoff Roadmap Nordrhein-Westfalen, 2020.", LEFT, 70, size=8),
    ]
    document = ingest_pdf(write_positioned_pdf(tmp_path / "zwei.pdf", [items]), doc_id="zwei")
    [note] = [p for p in document.passages if p.kind == "note"]
    assert note.section_path[-1] == "1. Wasserstoff"
    assert any(p.section_path[-1] == "2. Windenergie" for p in document.passages)
