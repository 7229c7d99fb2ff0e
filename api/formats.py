"""Plain renderings shared by the CLI and the HTTP API: commitment and source records as JSON rows,
CSV (plain or for German Excel), XLSX and a terminal table.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (a tab or CR start does
the same after a paste); PDF text is not ours to trust, so every such text cell is exported with a
leading apostrophe, the convention spreadsheets read as "text, not a formula".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Literal
from urllib.parse import quote

from domain.types import Citation, Commitment

COMMITMENT_FIELDS = (
    "id",
    "text",
    "section",
    "page",
    "printed_page",
    "document",
    "title",
    "parent",
    "position",
    "source",
)
SOURCE_FIELDS = ("n", "title", "document", "page", "printed_page", "section", "quote", "passage_id")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"

Dialect = Literal["default", "excel-de"]


def safe_cell(value):
    """A cell value that no spreadsheet evaluates: text starting like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def pdf_link(document: str, page: int, base_url: str = "") -> str:
    return f"{base_url.rstrip('/')}/api/documents/{quote(document, safe='')}/pdf#page={page}"


def commitment_rows(commitments: Sequence[Commitment]) -> list[dict]:
    return [{name: getattr(c, name) for name in COMMITMENT_FIELDS} for c in commitments]


def source_rows(citations: Sequence[Citation | dict]) -> list[dict]:
    rows = []
    for c in citations:
        record = c if isinstance(c, dict) else c.to_dict()
        rows.append({name: record.get(name) for name in SOURCE_FIELDS})
    return rows


def with_links(fields: Sequence[str], rows: list[dict], base_url: str) -> tuple[list[str], list[dict]]:
    """Adds a `link` column: the PDF opened at the row's page (absolute when a base URL is known)."""
    linked = [{**row, "link": pdf_link(row["document"], row["page"], base_url)} for row in rows]
    return [*fields, "link"], linked


def to_csv(fields: Sequence[str], rows: Sequence[dict], dialect: Dialect = "default") -> str:
    """`default`: comma, LF (as before); `excel-de`: what German Excel opens by double-click —
    UTF-8 with BOM (else umlauts break), semicolon (the comma is the decimal mark), CRLF."""
    buffer = io.StringIO()
    if dialect == "excel-de":
        buffer.write(UTF8_BOM)
        writer = csv.DictWriter(buffer, fieldnames=list(fields), delimiter=";", lineterminator="\r\n")
    else:
        writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(row.get(k)) for k in fields} for row in rows)
    return buffer.getvalue()


def to_xlsx(fields: Sequence[str], rows: Sequence[dict], sheet: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    table = book.active
    table.title = sheet[:31]  # Excel's limit for sheet names
    table.append(list(fields))
    for cell in table[1]:
        cell.font = Font(bold=True)
    for row in rows:
        table.append([safe_cell(row.get(k)) for k in fields])
    for column in table.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    if "link" in fields:
        at = list(fields).index("link") + 1
        for row_cells in table.iter_rows(min_row=2, min_col=at, max_col=at):
            for cell in row_cells:
                if isinstance(cell.value, str) and cell.value.startswith(("http://", "https://")):
                    cell.hyperlink = cell.value
    table.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def commitments_csv(commitments: Sequence[Commitment], dialect: Dialect = "default") -> str:
    return to_csv(COMMITMENT_FIELDS, commitment_rows(commitments), dialect)


def commitments_table(commitments: Sequence[Commitment]) -> str:
    lines = []
    for c in commitments:
        marker = "  └ " if c.parent else ""
        page = c.printed_page or c.page
        lines.append(f"{c.id}  S. {page:<3} {c.section}\n    {marker}{c.text}")
    lines.append(f"\n{len(commitments)} Zusagen")
    return "\n".join(lines)
