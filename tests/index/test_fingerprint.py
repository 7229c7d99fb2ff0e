"""Index identity: each part of the fingerprint follows what it declares, and a changed part
re-derives what depends on it (here: the tokenizer, on a copy of the real index)."""

import pytest

from domain import german
from index import fingerprint
from index.fingerprint import Fingerprint


def test_the_tokenizer_part_follows_the_stop_words(monkeypatch):
    before = fingerprint.tokenizer_fingerprint()
    monkeypatch.setattr(german, "STOPWORDS", german.STOPWORDS | {"industrie"})
    assert fingerprint.tokenizer_fingerprint() != before


def test_the_model_part_follows_the_model_files(tmp_path):
    (tmp_path / "config.json").write_text('{"hidden_size": 384}')
    before = fingerprint.embedding_fingerprint("m", str(tmp_path))
    (tmp_path / "config.json").write_text('{"hidden_size": 768}')
    assert fingerprint.embedding_fingerprint("m", str(tmp_path)) != before
    assert fingerprint.embedding_fingerprint("ein/hub-name", "ein/hub-name") != before


def test_round_trip_through_the_manifest():
    now = Fingerprint("a", "b", "c")
    assert Fingerprint.of({"fingerprint": now.to_dict()}) == now
    assert Fingerprint.of({"pipeline": "a"}) is None  # an index from before fingerprints


@pytest.mark.model
def test_a_changed_tokenizer_rebuilds_bm25_without_reading_or_embedding(
    leitbild_index, leitbild_pdf, tmp_path, run_ingest, factory, monkeypatch
):
    from index import store
    from tests.support.index import copy_index

    index = copy_index(leitbild_index, tmp_path / "index")
    before = store.load(index)
    word = german.stem("Industrie")
    assert before.vocabulary.frequency(word) > 0
    monkeypatch.setattr(german, "STOPWORDS", german.STOPWORDS | {"industrie"})
    german.term_set.cache_clear()
    report = run_ingest([leitbild_pdf], index, factory)
    assert [f.status for f in report.files] == ["unchanged"]
    assert report.version != before.version  # published anew although no file changed
    after = store.load(index)
    assert after.vocabulary.frequency(word) < before.vocabulary.frequency(word)
    assert Fingerprint.of(after.manifest).tokenizer == fingerprint.tokenizer_fingerprint()
    assert factory.calls == 0  # nothing was embedded
    german.term_set.cache_clear()
