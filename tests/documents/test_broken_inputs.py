"""Broken inputs, all in one ingest run through the command line: each fails with a reason a
person understands, the good file of the same run is added, the index keeps what it had, and
the exit code says that something failed. Size and page limits come from the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index import store
from tests.conftest import LEITBILD_ID
from tests.support import corpus
from tests.support.index import copy_index
from tests.support.pdfgen import write_pdf

MAX_BYTES, MAX_PAGES = 100_000, 6

REASONS = {
    "verschluesselt.pdf": "verschlüsselte PDF-Datei – bitte eine unverschlüsselte Fassung verwenden",
    "abgeschnitten.pdf": "beschädigte oder abgeschnittene PDF-Datei – das Dateiende (%%EOF) fehlt",
    "kein-pdf.pdf": "keine PDF-Datei (der PDF-Kopf %PDF- fehlt)",
    "scan.pdf": "keine Textebene – OCR erforderlich",
    "leer.pdf": "die PDF-Datei hat keine Seiten",
    "zu-gross.pdf": f"Datei zu groß (BYTES Bytes, erlaubt sind höchstens {MAX_BYTES})",
    "zu-lang.pdf": f"zu viele Seiten (7, erlaubt sind höchstens {MAX_PAGES})",
    "fehlt.pdf": "Datei nicht gefunden",
}


@pytest.fixture(scope="module")
def broken_files(tmp_path_factory: pytest.TempPathFactory, energy_pdf: Path) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("kaputt")
    source = corpus.write_energy(folder / "vorlage.pdf", sidecar=False)
    files = {
        "verschluesselt.pdf": corpus.write_encrypted(folder / "verschluesselt.pdf", source),
        "abgeschnitten.pdf": corpus.write_truncated(folder / "abgeschnitten.pdf", source),
        "kein-pdf.pdf": corpus.write_not_pdf(folder / "kein-pdf.pdf"),
        "scan.pdf": corpus.write_image_only(folder / "scan.pdf"),
        "leer.pdf": corpus.write_zero_pages(folder / "leer.pdf"),
        "zu-lang.pdf": write_pdf(folder / "zu-lang.pdf", [[("para", f"Seite {n} des Berichts.")] for n in range(7)]),
        "fehlt.pdf": folder / "fehlt.pdf",
    }
    big = folder / "zu-gross.pdf"
    # A valid PDF followed by padding, as a scanned annex would make it: only the size is wrong.
    big.write_bytes(source.read_bytes() + b"%" + b"x" * (MAX_BYTES + 10) + b"\n")
    files["zu-gross.pdf"] = big
    source.unlink()
    return files


@pytest.fixture(scope="module")
def broken_run(broken_files, energy_pdf: Path, leitbild_index: Path, tmp_path_factory, cli):
    index = copy_index(leitbild_index, tmp_path_factory.mktemp("kaputt-index") / "index")
    before = store.load(index)
    paths = [str(p) for p in broken_files.values()]
    env = {"LEITBILD_MAX_PDF_BYTES": str(MAX_BYTES), "LEITBILD_MAX_PDF_PAGES": str(MAX_PAGES)}
    # The good file in the middle: a failure before it must not stop the run.
    result = cli("--index", str(index), "ingest", "--json", *paths[:3], str(energy_pdf), *paths[3:], env=env)
    return index, before, result


def test_exit_code_is_non_zero(broken_run):
    assert broken_run[2].returncode == 1


@pytest.mark.parametrize("name", list(REASONS))
def test_each_broken_input_fails_with_its_reason(broken_run, broken_files, name: str):
    files = {f["path"]: f for f in json.loads(broken_run[2].stdout)["files"]}
    result = files[str(broken_files[name])]
    reason = REASONS[name].replace("BYTES", str(broken_files[name].stat().st_size) if name == "zu-gross.pdf" else "")
    assert result["status"] == "failed" and result["document"] is None
    assert result["error"].startswith(reason), result["error"]
    assert f"{broken_files[name]}: {result['error']}" in broken_run[2].stderr  # the person at the terminal sees it too


def test_good_file_of_the_same_run_is_added(broken_run, energy_pdf: Path):
    files = json.loads(broken_run[2].stdout)["files"]
    assert {"path": str(energy_pdf), "status": "added", "document": corpus.ENERGY_ID, "error": None} in files
    assert len(files) == len(REASONS) + 1


def test_index_keeps_what_it_had(broken_run):
    index, before, _ = broken_run
    after = store.load(index)
    assert [d.id for d in after.documents] == [corpus.ENERGY_ID, LEITBILD_ID]
    old, new = before.documents[0], next(d for d in after.documents if d.id == LEITBILD_ID)
    assert (new.sha256, new.passages, new.commitments) == (old.sha256, old.passages, old.commitments)
    assert sum(p.document == LEITBILD_ID for p in after.passages) == len(before.passages)
