"""The document registry: add, skip unchanged, update, remove – and what each costs in embeddings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant
from domain.settings import Settings
from index import store
from index.builder import LastDocumentError, remove_document
from tests.conftest import LEITBILD_ID
from tests.support import corpus
from tests.support.index import copy_index


@pytest.fixture
def own_energy(tmp_path: Path) -> Path:
    """The second strategy at a place of its own, free to be changed by one test."""
    folder = tmp_path / "strategien"
    folder.mkdir()
    return corpus.write_energy(folder / f"{corpus.ENERGY_ID}.pdf")


@pytest.fixture
def own_index(leitbild_index: Path, own_energy: Path, tmp_path: Path, run_ingest) -> Path:
    index = copy_index(leitbild_index, tmp_path / "index")
    report = run_ingest([own_energy], index)
    assert [f.status for f in report.files] == ["added"]
    return index


def test_new_document_is_added_and_the_leitbild_is_not_embedded_again(
    two_documents, leitbild_index: Path, leitbild_pdf: Path, energy_pdf: Path, run_ingest, factory
):
    index, report, first = two_documents
    assert [(f.status, f.document) for f in report.files] == [("added", corpus.ENERGY_ID)]
    before, after = store.load(leitbild_index), store.load(index)
    kept, carried = before.entries()[LEITBILD_ID], after.entries()[LEITBILD_ID]
    assert np.array_equal(kept.passage_vectors, carried.passage_vectors)
    assert np.array_equal(kept.unit_vectors, carried.unit_vectors)
    leitbild_texts = {store.search_text(p) for p in before.passages}
    assert first.calls == 1 and first.texts and not leitbild_texts & set(first.texts)
    # Named again, both files are unchanged: no model is loaded and no version is published.
    again = run_ingest([leitbild_pdf, energy_pdf], index, factory)
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]
    assert factory.calls == 0
    assert again.version == after.version == store.current_version(index).name


def test_documents_json_lists_both(two_documents, cli):
    index = two_documents[0]
    result = cli("--index", str(index), "documents", "--json")
    assert result.returncode == 0, result.stderr
    listed = {d["id"]: d for d in json.loads(result.stdout)}
    assert set(listed) == {LEITBILD_ID, corpus.ENERGY_ID}
    energy = listed[corpus.ENERGY_ID]
    assert (energy["title"], energy["pages"], energy["passages"]) == (corpus.ENERGY_TITLE, 5, 13)
    assert len(energy["sha256"]) == 64 and energy["commitments"] == 4
    assert (energy["date"], energy["source_url"]) == (
        "2019-07-02",
        "https://example.org/energieversorgungsstrategie.pdf",
    )
    leitbild = listed[LEITBILD_ID]
    assert (leitbild["pages"], leitbild["passages"], leitbild["commitments"]) == (46, 311, 136)


def test_changed_file_is_updated_and_its_old_passages_go(own_index: Path, own_energy: Path, run_ingest, factory):
    old = store.load(own_index)
    corpus.write_energy(own_energy, variant=" Sie gilt bis zum Jahr 2035.")
    report = run_ingest([own_energy], own_index, factory)
    assert [(f.status, f.document) for f in report.files] == [("updated", corpus.ENERGY_ID)]
    new = store.load(own_index)
    assert [d.id for d in new.documents] == [d.id for d in old.documents]
    energy = [p for p in new.passages if p.document == corpus.ENERGY_ID]
    assert any("bis zum Jahr 2035" in p.text for p in energy)
    old_intro = next(p.text for p in old.passages if p.text.startswith("Mit dieser Strategie"))
    assert old_intro not in {p.text for p in new.passages}
    assert len(new.passages) == len(old.passages)  # replaced, not added beside the old ones
    # Only text that is new was embedded: the changed paragraph and its new sentence.
    assert factory.calls == 1 and factory.texts and all("2035" in t for t in factory.texts)


def test_changed_sidecar_alone_updates_without_embedding(own_index: Path, own_energy: Path, run_ingest, factory):
    sidecar = own_energy.with_name(own_energy.name + ".json")
    sidecar.write_text(json.dumps({"title": "Energiestrategie NRW 2030", "date": "2023"}), encoding="utf-8")
    report = run_ingest([own_energy], own_index, factory)
    assert [f.status for f in report.files] == ["updated"]
    assert factory.calls == 0
    data = store.load(own_index)
    info = next(d for d in data.documents if d.id == corpus.ENERGY_ID)
    assert (info.title, info.date, info.publisher) == ("Energiestrategie NRW 2030", "2023", None)
    answer = Assistant(Settings(index_dir=own_index)).ask(corpus.STORAGE_QUESTION)
    assert answer.citations[0].title == "Energiestrategie NRW 2030"


def test_same_file_name_in_another_folder_is_another_document(own_index: Path, tmp_path: Path, run_ingest):
    other = tmp_path / "entwurf" / f"{corpus.ENERGY_ID}.pdf"
    other.parent.mkdir()
    corpus.write_energy(other, variant=" Dies ist der Entwurf.", sidecar=False)
    report = run_ingest([other], own_index)
    assert [(f.status, f.document) for f in report.files] == [("added", f"{corpus.ENERGY_ID}-2")]


def test_moved_and_changed_file_keeps_its_id(own_index: Path, own_energy: Path, tmp_path: Path, run_ingest):
    moved = tmp_path / "archiv" / own_energy.name
    moved.parent.mkdir()
    shutil.move(own_energy, moved)
    own_energy.with_name(own_energy.name + ".json").unlink()
    corpus.write_energy(moved, variant=" Neue Fassung.", sidecar=False)
    report = run_ingest([moved], own_index)
    assert [(f.status, f.document) for f in report.files] == [("updated", corpus.ENERGY_ID)]
    info = next(d for d in store.load(own_index).documents if d.id == corpus.ENERGY_ID)
    assert info.path == str(moved.resolve())


def test_renamed_new_edition_with_a_known_title_replaces_the_old(own_index: Path, own_energy: Path, run_ingest):
    edition = own_energy.with_name("energiestrategie-fassung-2024.pdf")
    corpus.write_energy(edition, variant=" Fassung 2024.")  # its sidecar carries the same title
    for old in (own_energy, own_energy.with_name(own_energy.name + ".json")):
        old.unlink()
    report = run_ingest([edition], own_index)
    assert [(f.status, f.document) for f in report.files] == [("updated", corpus.ENERGY_ID)]
    assert [d.id for d in store.load(own_index).documents] == [corpus.ENERGY_ID, LEITBILD_ID]


def test_removed_document_leaves_answers_and_commitments(two_documents, tmp_path: Path, cli):
    index = copy_index(two_documents[0], tmp_path / "index")
    before = store.load(index)
    result = cli("--index", str(index), "remove", corpus.ENERGY_ID)
    assert result.returncode == 0, result.stderr
    after = store.load(index)
    assert [d.id for d in after.documents] == [LEITBILD_ID]
    assert not any(p.document == corpus.ENERGY_ID for p in after.passages)
    assert not any(c.document == corpus.ENERGY_ID for c in after.commitments)
    remaining = sum(p.document == LEITBILD_ID for p in before.passages)
    assert after.vectors.ntotal == remaining == len(after.passages)
    assistant = Assistant(Settings(index_dir=index))
    answer = assistant.ask(corpus.STORAGE_QUESTION)
    assert not any(c.document == corpus.ENERGY_ID for c in answer.citations)
    assert len(assistant.commitments()) == 136
    assert not remove_document(index, corpus.ENERGY_ID)  # a second time: nothing to remove
    with pytest.raises(LastDocumentError, match="das einzige Dokument"):
        remove_document(index, LEITBILD_ID)
