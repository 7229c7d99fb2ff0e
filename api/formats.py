"""Plain renderings shared by the CLI and the HTTP API: commitment records as JSON rows, CSV, table."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from domain.types import Commitment

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


def commitment_rows(commitments: Sequence[Commitment]) -> list[dict]:
    return [{name: getattr(c, name) for name in COMMITMENT_FIELDS} for c in commitments]


def commitments_csv(commitments: Sequence[Commitment]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COMMITMENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(commitment_rows(commitments))
    return buffer.getvalue()


def commitments_table(commitments: Sequence[Commitment]) -> str:
    lines = []
    for c in commitments:
        marker = "  └ " if c.parent else ""
        lines.append(f"{c.id}  S. {c.page:<3} {c.section}\n    {marker}{c.text}")
    lines.append(f"\n{len(commitments)} Zusagen")
    return "\n".join(lines)
