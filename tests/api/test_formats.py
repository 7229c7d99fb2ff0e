"""Exports for spreadsheets: German Excel's CSV dialect, XLSX, and no cell that runs as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from api.formats import COMMITMENT_FIELDS, commitment_rows, commitments_csv, safe_cell, to_csv, to_xlsx, with_links
from domain.types import Commitment

INJECTED = '=HYPERLINK("http://evil.example/x","Klick") und mehr'
COMMITMENTS = [
    Commitment("c1", "doc", "Titel", "Abschnitt; mit Semikolon", 3, "Wir werden „Netze“ ausbauen.", 1),
    Commitment("c2", "doc", "Titel", "Abschnitt", 4, INJECTED, 2),
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 211", "'+49 211"),
        ("-5 Prozent", "'-5 Prozent"),
        ("@SUMME(A1)", "'@SUMME(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Wir werden = gleich", "Wir werden = gleich"),
        (-5, -5),
        (None, None),
    ],
)
def test_a_cell_that_would_start_a_formula_becomes_text(value, expected) -> None:
    assert safe_cell(value) == expected


def test_csv_for_german_excel_has_bom_semicolons_and_crlf() -> None:
    text = commitments_csv(COMMITMENTS, "excel-de")
    assert text.startswith("\ufeffid;text;section;page;printed_page;")
    assert text.count("\r\n") == 3 and "\n" not in text.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0]["section"] == "Abschnitt; mit Semikolon" and rows[0]["text"] == "Wir werden „Netze“ ausbauen."
    assert rows[1]["text"] == "'" + INJECTED


def test_default_csv_is_unchanged_apart_from_neutralised_cells() -> None:
    text = commitments_csv(COMMITMENTS)
    assert text.startswith("id,text,") and "\r" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == ["c1", "c2"] and rows[1]["text"].startswith("'=HYPERLINK")


def test_xlsx_has_the_rows_links_and_no_formula() -> None:
    fields, rows = with_links(COMMITMENT_FIELDS, commitment_rows(COMMITMENTS), "http://127.0.0.1:8000/")
    book = load_workbook(io.BytesIO(to_xlsx(fields, rows, "Zusagen")))
    sheet = book["Zusagen"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == [*COMMITMENT_FIELDS, "link"]
    assert [v[0] for v in values[1:]] == ["c1", "c2"]
    injected = sheet.cell(row=3, column=2)
    assert injected.value == "'" + INJECTED and injected.data_type == "s"
    link = sheet.cell(row=2, column=len(fields))
    assert link.value == "http://127.0.0.1:8000/api/documents/doc/pdf#page=3"
    assert link.hyperlink.target == link.value
    # Nothing in the file is a formula, whatever the cell.
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_an_empty_export_still_has_its_header() -> None:
    assert to_csv(["n", "quote"], [], "excel-de") == "\ufeffn;quote\r\n"
    sheet = load_workbook(io.BytesIO(to_xlsx(["n", "quote"], [], "Quellen"))).active
    assert [c.value for c in sheet[1]] == ["n", "quote"] and sheet.max_row == 1
