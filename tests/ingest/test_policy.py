"""One documented IngestPolicy holds every tuned layout number; the index notices when it changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from ingest.policy import DEFAULT_POLICY, IngestPolicy


def test_every_field_says_why():
    for name, field in IngestPolicy.model_fields.items():
        assert field.description and len(field.description) > 30, name


def test_policy_is_frozen_and_typed():
    with pytest.raises(ValidationError):
        DEFAULT_POLICY.word_gap = 0.5  # type: ignore[misc]
    with pytest.raises(ValidationError):
        IngestPolicy(edge_lines="zwei")  # type: ignore[arg-type]


def test_fingerprint_changes_with_any_value():
    assert IngestPolicy().fingerprint() == DEFAULT_POLICY.fingerprint()
    assert IngestPolicy(chunk_chars=600).fingerprint() != DEFAULT_POLICY.fingerprint()


def test_the_index_pipeline_fingerprint_changes_when_the_policy_changes(tmp_path: Path, monkeypatch):
    """The index hashes ingest/*.py; the policy lives there, so a changed value re-reads documents."""
    import shutil

    from index import fingerprint

    project = Path(fingerprint.__file__).resolve().parents[1]
    shutil.copytree(project / "ingest", tmp_path / "ingest")
    monkeypatch.setattr(fingerprint, "_PROJECT", tmp_path)
    before = fingerprint.pipeline_fingerprint()
    policy = tmp_path / "ingest" / "policy.py"
    policy.write_text(policy.read_text(encoding="utf-8").replace("        500,", "        600,", 1), encoding="utf-8")
    assert fingerprint.pipeline_fingerprint() != before


def test_a_different_policy_reads_a_document_differently(tmp_path: Path):
    from ingest.pdf_lines import read_pdf
    from tests.support.pdfgen import LEFT, TOP, Text, write_positioned_pdf

    first = Text("verkraft", LEFT, TOP)
    pdf = write_positioned_pdf(tmp_path / "lücke.pdf", [[first, Text("en", first.right() + 1.5, TOP)]])
    assert read_pdf(pdf).pages[0].lines[0].text == "verkraft en"  # 1.5 pt is more than 0.3 of a space
    assert read_pdf(pdf, policy=IngestPolicy(word_gap=0.6)).pages[0].lines[0].text == "verkraften"
