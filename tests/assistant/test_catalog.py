"""The commitment catalog through the assistant and the CLI."""

import csv
import io
import json

from api.formats import COMMITMENT_FIELDS, commitments_csv
from tests.support.cli import run_cli


def test_catalog_holds_all_commitments(assistant):
    records = assistant.commitments()
    assert len(records) == 136
    assert len({r.id for r in records}) == 136


def test_section_filter_is_case_insensitive_substring(assistant):
    records = assistant.commitments(section="DIGITALE ZUKUNFT")
    assert len(records) == 6
    assert {r.section for r in records} == {"Für eine digitale Zukunft aller Unternehmen"}


def test_query_finds_commitment_worded_differently(assistant):
    records = assistant.commitments(query="schnelles Internet für Gewerbegebiete")
    assert records, "keine Zusage gefunden"
    assert records[0].text.startswith("flächendeckend konvergente Gigabitnetze schaffen")
    assert len(records) <= 10


def test_query_without_support_finds_nothing(assistant):
    assert assistant.commitments(query="Öffnungszeiten der Schwimmbäder") == []


def test_csv_round_trip(assistant):
    records = assistant.commitments()
    rows = list(csv.DictReader(io.StringIO(commitments_csv(records))))
    assert list(rows[0]) == list(COMMITMENT_FIELDS)
    assert [(r["id"], r["text"], int(r["page"]), r["section"]) for r in rows] == [
        (c.id, c.text, c.page, c.section) for c in records
    ]
    nested = [r for r in rows if r["parent"]]
    assert len(nested) == 7


def test_cli_json_records(index_dir):
    result = run_cli("--index", str(index_dir), "commitments", "--format", "json", "--section", "Investitionen")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 12
    assert {"id", "text", "section", "page", "document"} <= set(records[0])
    gigabit = next(r for r in records if "Gigabitnetze" in r["text"])
    assert gigabit["page"] == 20
    assert gigabit["text"].endswith("alle Gewerbegebiete bis 2022 anschließen.")
