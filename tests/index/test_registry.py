"""File identity, decided before parsing: unchanged, new edition, moved, new document, copies."""

import dataclasses
from pathlib import Path

from domain.files import file_sha256
from index.registry import Plan, Registry
from index.store import DocumentEntry
from tests.support.tiny_index import P, tiny_index


def _entry(doc_id: str, path: Path, title: str = "Strategie") -> DocumentEntry:
    (entry,) = tiny_index([P("Text.", (1, 0, 0, 0), document=doc_id)]).entries().values()
    sha = file_sha256(path) if path.exists() else "0" * 64
    return dataclasses.replace(entry, info=dataclasses.replace(entry.info, path=str(path), sha256=sha, title=title))


def _file(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_same_content_is_unchanged_unless_the_pipeline_changed(tmp_path):
    pdf = _file(tmp_path / "a.pdf", b"%PDF-1 a")
    assert Registry({"a": _entry("a", pdf)}, reparse=False).plan(pdf) == "a"
    plan = Registry({"a": _entry("a", pdf)}, reparse=True).plan(pdf)
    assert isinstance(plan, Plan) and (plan.doc_id, plan.replaces) == ("a", "a")


def test_a_new_sidecar_makes_a_new_edition(tmp_path):
    pdf = _file(tmp_path / "a.pdf", b"%PDF-1 a")
    registry = Registry({"a": _entry("a", pdf)}, reparse=False)
    _file(tmp_path / "a.pdf.json", b'{"title": "Neu"}')
    plan = registry.plan(pdf)
    assert plan.replaces == "a" and plan.sidecar.title == "Neu"


def test_changed_content_at_the_same_place_replaces_the_document(tmp_path):
    pdf = _file(tmp_path / "a.pdf", b"%PDF-1 a")
    registry = Registry({"a": _entry("a", pdf)}, reparse=False)
    pdf.write_bytes(b"%PDF-1 b")
    plan = registry.plan(pdf)
    assert (plan.doc_id, plan.replaces, plan.sha256) == ("a", "a", file_sha256(pdf))


def test_a_moved_file_keeps_its_id(tmp_path):
    old = tmp_path / "alt" / "a.pdf"
    entry = _entry("a", _file(old, b"%PDF-1 a"))
    old.unlink()
    registry = Registry({"a": entry}, reparse=False)
    assert registry.plan(_file(tmp_path / "neu" / "a.pdf", b"%PDF-1 a")) == "a"
    assert registry.moved and registry.entries["a"].info.path.endswith("neu/a.pdf")


def test_another_file_of_the_same_name_gets_its_own_id(tmp_path):
    registry = Registry({"a": _entry("a", _file(tmp_path / "x" / "a.pdf", b"%PDF-1 a"))}, reparse=False)
    plan = registry.plan(_file(tmp_path / "y" / "a.pdf", b"%PDF-1 anders"))
    assert (plan.doc_id, plan.replaces) == ("a-2", None)


def test_copies_in_one_run_are_one_document(tmp_path):
    registry = Registry({}, reparse=False)
    first = registry.plan(_file(tmp_path / "x" / "a.pdf", b"%PDF-1 a"))
    registry.claim(first.doc_id, first.sha256, first.replaces)
    assert registry.plan(_file(tmp_path / "y" / "b.pdf", b"%PDF-1 a")) == "a"


def test_a_renamed_file_with_a_known_title_is_a_new_edition(tmp_path):
    gone = _entry("strategie-2019", tmp_path / "strategie-2019.pdf", title="Energiestrategie")
    still_there = _entry("bericht", _file(tmp_path / "bericht.pdf", b"%PDF-1 b"), title="Bericht")
    registry = Registry({"strategie-2019": gone, "bericht": still_there}, reparse=False)
    assert registry.edition_of("Energiestrategie") == "strategie-2019"
    assert registry.edition_of("Bericht") is None  # its file is still there: another document
