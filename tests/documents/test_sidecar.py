"""Sidecar metadata next to a PDF: JSON or YAML, every field optional, every mistake named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index import store
from ingest.document import ingest_pdf
from ingest.errors import IngestError
from ingest.sidecar import read_sidecar


@pytest.fixture
def pdf(tmp_path: Path, energy_pdf: Path) -> Path:
    """The energy strategy without its own sidecar, so each test writes the one it needs."""
    return Path(shutil.copy(energy_pdf, tmp_path / "strategie.pdf"))


def test_yaml_sidecar(pdf: Path):
    (pdf.with_suffix(".yaml")).write_text(
        "title: Wärmestrategie NRW\npublisher: Landesregierung\ndate: 2021-03-15\n", encoding="utf-8"
    )
    info = ingest_pdf(pdf).info
    assert (info.title, info.publisher, info.date, info.source_url) == (
        "Wärmestrategie NRW",
        "Landesregierung",
        "2021-03-15",  # YAML reads a date; the registry keeps the ISO text
        None,
    )


def test_plain_json_name_and_partial_fields(pdf: Path):
    pdf.with_suffix(".json").write_text('{"date": 2020}', encoding="utf-8")
    info = ingest_pdf(pdf).info
    assert info.date == "2020"
    assert info.title == "Energieversorgungsstrategie Nordrhein-Westfalen"  # not in the sidecar: from the PDF


def test_no_sidecar(pdf: Path):
    assert read_sidecar(pdf) is None
    assert ingest_pdf(pdf).info.sidecar_sha256 is None


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("strategie.pdf.json", '{"title": "Wärme', r"strategie\.pdf\.json ist kein gültiges JSON \(Zeile 1"),
        ("strategie.json", '{"title": 42}', r"strategie\.json: Feld „title“ muss ein Text sein, nicht eine Zahl"),
        ("strategie.json", '{"titel": "Wärme"}', r"strategie\.json: unbekanntes Feld „titel“"),
        ("strategie.json", '{"date": "15.03.2021"}', r"strategie\.json: Feld „date“ muss ein Datum wie 2019-07-02"),
        ("strategie.json", '{"date": "2021-02-30"}', r"strategie\.json: Feld „date“ ist kein gültiges Datum"),
        ("strategie.json", '{"source_url": "www.nrw.de"}', r"Feld „source_url“ muss mit http:// oder https://"),
        ("strategie.json", '["Wärme"]', r"strategie\.json: erwartet wird ein Objekt"),
        ("strategie.yaml", "title: [unclosed", r"strategie\.yaml ist kein gültiges YAML"),
        ("strategie.yaml", "publisher:\n  - A\n  - B\n", r"Feld „publisher“ muss ein Text sein, nicht eine Liste"),
        ("strategie.json", '{"aliases": "Ampel"}', r"Feld „aliases“ muss eine Liste von Namen sein, nicht ein Text"),
        ("strategie.json", '{"aliases": ["Ampel", 42]}', r"Feld „aliases\[2\]“ muss ein Text sein, nicht eine Zahl"),
        ("strategie.json", '{"aliases": ["2021"]}', r"Feld „aliases\[1\]“ muss ein Name mit Buchstaben sein"),
    ],
)
def test_bad_sidecar_names_file_and_field(pdf: Path, name: str, content: str, reason: str):
    (pdf.parent / name).write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=reason):
        ingest_pdf(pdf)


def test_two_sidecars_are_ambiguous(pdf: Path):
    pdf.with_suffix(".json").write_text("{}", encoding="utf-8")
    pdf.with_suffix(".yaml").write_text("{}", encoding="utf-8")
    with pytest.raises(IngestError, match=r"mehrere Begleitdateien \(strategie\.json, strategie\.yaml\)"):
        ingest_pdf(pdf)


def test_bad_sidecar_fails_the_file_in_an_ingest(pdf: Path, tmp_path: Path, run_ingest, factory):
    pdf.with_suffix(".json").write_text('{"publisher": true}', encoding="utf-8")
    index = tmp_path / "index"
    report = run_ingest([pdf], index, factory)
    [result] = report.files
    assert result.status == "failed"
    assert result.error == "Begleitdatei strategie.json: Feld „publisher“ muss ein Text sein, nicht ein Wahrheitswert"
    assert factory.calls == 0 and store.current_version(index) is None


def test_aliases_reach_the_registry(pdf: Path, tmp_path: Path, run_ingest, factory):
    pdf.with_suffix(".yaml").write_text("aliases:\n  - Energiestrategie\n  - EVS NRW\n", encoding="utf-8")
    assert ingest_pdf(pdf).info.aliases == ("Energiestrategie", "EVS NRW")
    index = tmp_path / "index"
    run_ingest([pdf], index, factory)
    [document] = store.load(index).documents
    assert document.aliases == ("Energiestrategie", "EVS NRW")  # a tuple again when read back from JSON
