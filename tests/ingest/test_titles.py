"""Titles: real metadata titles only, else the title a reader sees on the first page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.document import ingest_pdf
from ingest.titles import metadata_title
from tests.support.pdfgen import LEFT, TOP, Text, write_positioned_pdf

BODY = [
    Text(f"Absatz {k}: Die Landesregierung stärkt die Wirtschaft im ganzen Land.", LEFT, TOP - 14 * k)
    for k in range(20)
]


@pytest.mark.parametrize(
    "title",
    [
        "Microsoft Word - Gesamt Koalitionsvertrag ohne Zeilennummern.doc",
        "Koa-Vertrag - Endfassung _11.11._.doc",
        "untitled",
        "Dokument1",
        "strategie_final_v3",
        "Energie Strategie",  # the file name again
        "",
    ],
)
def test_tool_placeholders_and_file_names_are_not_titles(title: str):
    assert metadata_title(title, Path("/daten/energie-strategie.pdf")) is None


def test_a_real_metadata_title_is_kept():
    assert metadata_title("Koalitionsvertrag zwischen CDU, CSU und SPD", Path("kv.pdf")) == (
        "Koalitionsvertrag zwischen CDU, CSU und SPD"
    )


def test_title_by_font_size_not_running_header_nor_address_line(tmp_path: Path):
    cover = [
        Text("SPD.DE / GRUENE.DE / FDP.DE", LEFT, 40, size=14),
        Text("MEHR", LEFT, TOP, size=36),
        Text("FORTSCHRITT WAGEN", LEFT, TOP - 38, size=36),
        Text("Bündnis für Freiheit und Nachhaltigkeit", LEFT, TOP - 90, size=18),
        Text("Koalitionsvertrag zwischen drei Parteien", LEFT, TOP - 200, size=10),
    ]
    pages = [cover] + [[Text("Mehr Fortschritt wagen", LEFT, 800, size=9), *BODY] for _ in range(3)]
    pdf = write_positioned_pdf(tmp_path / "kv.pdf", pages, title="Microsoft Word - kv_final.doc")
    info = ingest_pdf(pdf).info
    assert info.title_source == "heading"
    # The largest type and the subtitle below it; capitals spelled as the document writes the words.
    assert info.title == "Mehr Fortschritt wagen – Bündnis für Freiheit und Nachhaltigkeit"


def test_without_display_type_the_file_name_stands_in(tmp_path: Path):
    pdf = write_positioned_pdf(tmp_path / "vermerk.pdf", [BODY])
    info = ingest_pdf(pdf).info
    assert (info.title, info.title_source) == ("vermerk", "file_name")
