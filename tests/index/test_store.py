"""Publishing and loading versions: atomic switch, pruning, one writer, old formats refused."""

import json

import pytest

from index import store
from tests.support.tiny_index import P, tiny_index


def _publish(root, text="Der Hafen wächst."):
    return store.publish(root, tiny_index([P(text, (1, 0, 0, 0)), P("Netze.", (0, 1, 0, 0))]))


def test_publish_and_load_round_trip(tmp_path):
    _publish(tmp_path)
    loaded = store.load(tmp_path)
    assert [p.text for p in loaded.passages] == ["Der Hafen wächst.", "Netze."]
    assert loaded.vectors.ntotal == 2 and loaded.unit_offsets.tolist() == [0, 1, 2]
    assert loaded.vocabulary.passages == 2
    assert loaded.version == (tmp_path / "CURRENT").read_text()


def test_only_the_newest_versions_are_kept(tmp_path):
    for n in range(store.KEEP_VERSIONS + 2):
        _publish(tmp_path, f"Version {n}.")
    assert len(list((tmp_path / "versions").iterdir())) == store.KEEP_VERSIONS
    assert store.load(tmp_path).passages[0].text == f"Version {store.KEEP_VERSIONS + 1}."


def test_a_second_writer_is_refused(tmp_path):
    with (
        store.writer_lock(tmp_path),
        pytest.raises(store.IndexBusyError, match="anderen Ingest-Vorgang"),
        store.writer_lock(tmp_path),
    ):
        pass


def test_missing_and_outdated_indexes_are_named(tmp_path):
    with pytest.raises(store.IndexMissingError, match="Kein Index"):
        store.load(tmp_path)
    version = _publish(tmp_path)
    manifest = json.loads((version / "manifest.json").read_text())
    (version / "manifest.json").write_text(json.dumps({**manifest, "format_version": 1}))
    with pytest.raises(store.IndexFormatError, match="veraltetes Format"):
        store.load(tmp_path)
