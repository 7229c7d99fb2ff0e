"""Lines from glyph positions: margin line numbers, split and glued words, letter-spacing, columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import ingest_pdf
from ingest.pdf_lines import read_pdf
from tests.support.pdfgen import LEFT, LINE, RIGHT, TOP, Text, numbered_lines, write_positioned_pdf

BODY = [
    "Der Mindestlohn steigt auf 15 Euro im Jahr 2026, danach",
    "bis 2030 in zwei Schritten, und zwar durch",
    "1. die Stärkung der Tarifbindung und",
    "2. die Allgemeinverbindlichkeit von Tarifverträgen.",
    "Für die weitere Entwicklung des Mindestlohns gilt die",
    "Gesamtabwägung der Kommission.",
]


def _lines(path: Path, page: int = 0) -> list[str]:
    return [line.text for line in read_pdf(path).pages[page].lines]


@pytest.mark.parametrize("side", ["left", "right"])
def test_margin_line_numbers_are_not_text(tmp_path: Path, side: str):
    pdf = write_positioned_pdf(tmp_path / "word.pdf", [numbered_lines(BODY, first=549, side=side)])
    assert _lines(pdf) == BODY  # "15", "2026", "2030", "1.", "2." are the text's own numbers


def test_a_column_of_figures_that_does_not_count_up_stays(tmp_path: Path):
    figures = ["120", "45", "310", "87", "9", "1250"]
    items = []
    for k, (label, figure) in enumerate(zip(BODY, figures, strict=True)):
        items += [Text(label, LEFT, TOP - k * LINE), Text(figure, RIGHT + 20, TOP - k * LINE)]
    lines = _lines(write_positioned_pdf(tmp_path / "tabelle.pdf", [items]))
    assert [line.rsplit(" ", 1)[1] for line in lines] == figures


def test_word_drawn_in_pieces_is_one_word(tmp_path: Path):
    first = Text("und Wirtschaftskrise zu verkraft", LEFT, TOP)
    rest = Text("en haben, Beschäftigung sichern", first.right(), TOP)
    assert _lines(write_positioned_pdf(tmp_path / "teile.pdf", [[first, rest]])) == [
        "und Wirtschaftskrise zu verkraften haben, Beschäftigung sichern"
    ]


def test_justified_word_spacing_is_one_space(tmp_path: Path):
    # Word spacing stretches a justified line; pypdf's own extraction reads such gaps as extra words.
    first = Text("Wir verstehen Steuerpolitik als Wachstum", LEFT, TOP, word_space=4)
    rest = Text("spolitik, denn wir wissen es.", first.right(), TOP, word_space=4)
    assert _lines(write_positioned_pdf(tmp_path / "block.pdf", [[first, rest]])) == [
        "Wir verstehen Steuerpolitik als Wachstumspolitik, denn wir wissen es."
    ]


def test_gap_between_strings_is_a_space_even_without_a_space_glyph(tmp_path: Path):
    first = Text("ohne das Prinzip der Repräsentation aufzugeben.", LEFT, TOP)
    rest = Text("Wir werden Bürgerräte einsetzen.", first.right() + 3, TOP)
    assert _lines(write_positioned_pdf(tmp_path / "lücke.pdf", [[first, rest]])) == [
        "ohne das Prinzip der Repräsentation aufzugeben. Wir werden Bürgerräte einsetzen."
    ]


def test_letter_spaced_display_type_reads_as_words(tmp_path: Path):
    items = [Text("MEHR FORTSCHRITT WAGEN", LEFT, TOP, size=24, char_space=3)]
    assert _lines(write_positioned_pdf(tmp_path / "sperrsatz.pdf", [items])) == ["MEHR FORTSCHRITT WAGEN"]


def test_two_columns_are_read_one_after_the_other(tmp_path: Path):
    left = [f"Links steht die Zeile Nummer {k} mit Text" for k in range(1, 13)]
    right = [f"Rechts steht die Zeile Nummer {k} mit Text" for k in range(1, 13)]
    items = [Text("Kapitel über beide Spalten hinweg gesetzt", LEFT, TOP + 30, size=16)]
    for k in range(12):
        items.append(Text(left[k], LEFT, TOP - k * LINE, size=9))
        items.append(Text(right[k], LEFT + 240, TOP - k * LINE, size=9))
    lines = _lines(write_positioned_pdf(tmp_path / "spalten.pdf", [items]))
    assert lines == ["Kapitel über beide Spalten hinweg gesetzt", *left, *right]


def test_text_drawn_twice_over_itself_is_read_once(tmp_path: Path):
    items = [Text("WACHSTUM.", LEFT, TOP, size=40), Text("WACHSTUM.", LEFT + 2, TOP + 2, size=38)]
    assert _lines(write_positioned_pdf(tmp_path / "titel.pdf", [items])) == ["WACHSTUM."]


def test_a_note_in_the_margin_does_not_run_into_the_body_and_is_a_note_of_its_own(tmp_path: Path):
    body = [
        "d) Änderungen in der konkurrierenden Gesetzgebung – Art. 74 -",
        "Artikel 74 GG neu: Die konkurrierende Gesetzgebung erstreckt sich",
        "auf folgende Gebiete, die hier in einer Liste stehen, und zwar auf",
        "das bürgerliche Recht, das Strafrecht und die Gerichtsverfassung,",
        "das Personenstandswesen und das Vereinsrecht sowie das Recht der",
        "Wirtschaft mit Bergbau, Industrie, Energiewirtschaft und Handwerk,",
        "das Arbeitsrecht einschließlich der Betriebsverfassung und der",
        "Arbeitsvermittlung sowie die Sozialversicherung einschließlich der",
        "Arbeitslosenversicherung und die Regelung der Ausbildungsbeihilfen",
        "sowie die Förderung der wissenschaftlichen Forschung in Deutschland.",
    ]
    items = [Text(line, LEFT, TOP - k * LINE, size=9) for k, line in enumerate(body)]
    items += [Text("Umsetzung von", LEFT + 330, TOP, size=9), Text("Rdnr. 11 u.12", LEFT + 330, TOP - LINE + 3, size=9)]
    pdf = write_positioned_pdf(tmp_path / "randnotiz.pdf", [items])
    page = read_pdf(pdf).pages[0]
    assert [line.text for line in page.lines if not line.margin] == body
    assert [line.text for line in page.lines if line.margin] == ["Umsetzung von", "Rdnr. 11 u.12"]
    passages = ingest_pdf(pdf, doc_id="randnotiz").passages
    assert [p.text for p in passages if p.kind == "note"] == ["Umsetzung von Rdnr. 11 u.12"]
    assert not any("Umsetzung" in p.text for p in passages if p.kind != "note")


def test_page_numbers_right_of_every_entry_are_no_margin_notes(tmp_path: Path):
    entries = [f"Kapitel {k}: Ein Abschnitt über das Thema Nummer {k}" for k in range(1, 13)]
    items = [Text(entry, LEFT, TOP - k * LINE, size=9) for k, entry in enumerate(entries)]
    items += [Text(str(10 + 3 * k), LEFT + 400, TOP - k * LINE, size=9) for k in range(12)]
    lines = read_pdf(write_positioned_pdf(tmp_path / "inhalt.pdf", [items])).pages[0].lines
    assert not any(line.margin for line in lines)
