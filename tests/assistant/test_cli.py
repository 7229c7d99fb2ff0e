"""The CLI contract other checks rely on: `leitbild ask` and `leitbild ingest` as a user runs them."""

import json
import shutil
from pathlib import Path

import pytest

from tests.support import corpus
from tests.support.cli import run_cli as run


def test_ask_json_contract(index_dir):
    result = run("--index", str(index_dir), "ask", "--json", "Was plant die Landesregierung für Blockchain?")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"question", "answer", "abstained", "citations", "groups"}
    assert answer["abstained"] is False
    assert answer["citations"], answer
    for n, citation in enumerate(answer["citations"], start=1):
        assert set(citation) == corpus.CITATION_FIELDS
        assert citation["n"] == n
        assert isinstance(citation["page"], int) and citation["page"] >= 1
        assert isinstance(citation["score"], float)
    scores = [c["score"] for c in answer["citations"]]
    assert scores == sorted(scores, reverse=True)
    assert "Blockchain-Institut" in answer["citations"][0]["quote"]


def test_ask_stdin_answers_each_line_in_order(index_dir):
    questions = ["Wann sind in NRW Schulferien?", "Wie viele MINT-Absolventen gibt es jährlich?"]
    result = run("--index", str(index_dir), "ask", "-", stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["question"] for line in lines] == questions
    assert lines[0]["abstained"] is True and lines[0]["citations"] == []
    assert "40.000 MINT-Absolventen" in lines[1]["citations"][0]["quote"]


def test_ask_readable_output_lists_sources(index_dir):
    result = run("--index", str(index_dir), "ask", "Was plant die Landesregierung für Blockchain?")
    assert result.returncode == 0
    assert "Quellen:" in result.stdout
    assert "[1] Industriepolitisches Leitbild der Landesregierung Nordrhein-Westfalen, S. 22" in result.stdout


@pytest.mark.parametrize(("question", "reason"), [("", "leer"), ("x" * 600, "zu lang")])
def test_ask_bad_question_exits_non_zero(index_dir, question, reason):
    result = run("--index", str(index_dir), "ask", question)
    assert result.returncode == 2
    assert reason in result.stderr


@pytest.fixture()
def index_copy(index_dir, tmp_path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(index_dir, target, ignore=shutil.ignore_patterns("LOCK"))
    return target


def snapshot(directory: Path) -> dict[str, bytes]:
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.name != "LOCK")
    return {str(p.relative_to(directory)): p.read_bytes() for p in files}


def make_encrypted(path: Path, source: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(str(source)), pages=(0, 2))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    with path.open("wb") as handle:
        writer.write(handle)


BROKEN = {
    "fehlt.pdf": (None, "Datei nicht gefunden"),
    "notiz.pdf": (lambda p, src: p.write_text("Das ist kein PDF, nur Text."), "keine PDF-Datei"),
    "kaputt.pdf": (lambda p, src: p.write_bytes(src.read_bytes()[:3000]), "beschädigte oder abgeschnittene PDF-Datei"),
    "geheim.pdf": (make_encrypted, "verschlüsselte PDF-Datei"),
}


def test_bad_files_leave_the_index_untouched(index_copy, tmp_path, leitbild_pdf):
    paths = []
    for name, (make, _) in BROKEN.items():
        paths.append(tmp_path / name)
        if make is not None:
            make(paths[-1], leitbild_pdf)
    before = snapshot(index_copy)
    result = run("--index", str(index_copy), "ingest", "--json", *map(str, paths))
    assert result.returncode != 0
    report = json.loads(result.stdout)
    for path, entry, (_, reason) in zip(paths, report["files"], BROKEN.values(), strict=True):
        assert entry == {"path": str(path), "status": "failed", "document": None, "error": entry["error"]}
        assert reason in entry["error"]
        assert f"{path}: " in result.stderr and reason in result.stderr
    assert snapshot(index_copy) == before


def test_unchanged_document_is_skipped(index_copy, leitbild_pdf):
    before = snapshot(index_copy)
    result = run("--index", str(index_copy), "ingest", "--json", str(leitbild_pdf))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["files"][0]["status"] == "unchanged"
    assert snapshot(index_copy) == before
