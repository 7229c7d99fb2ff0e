"""Which terms the corpus knows, which of a question's terms are specific, and what one document says."""

import json

from domain.german import stem
from index.vocabulary import Vocabulary

TEXTS = ["Industrieprojekte in NRW", "Projekte des Landes NRW", "NRW fördert Wasserstoff", "NRW baut Netze"]
PASSAGES = [("a", t) for t in TEXTS] + [("b", "Das Opel-Werk in Bochum bleibt"), ("b", "NRW und Opel")]


def _one_document(texts=TEXTS) -> Vocabulary:
    return Vocabulary.build(("doc", t) for t in texts)


def test_a_compound_is_known_through_its_head():
    vocabulary = _one_document()
    assert vocabulary.knows(stem("Projekte"), 5)
    assert vocabulary.knows(stem("Schienenprojekte"), 5)  # ends in a known word of five letters or more
    assert not vocabulary.knows(stem("Mindestlohn"), 5)


def test_salient_terms_are_rare_and_topical():
    vocabulary = _one_document()
    assert vocabulary.salient_terms("Wasserstoff in NRW", max_share=0.3) == [stem("Wasserstoff")]


def test_counts_add_up_over_documents():
    vocabulary = Vocabulary.build(PASSAGES)
    assert vocabulary.passages == 6 and vocabulary.frequency("nrw") == 5
    assert vocabulary.frequency(stem("Opel")) == 2


def test_within_a_document_only_its_words_are_known():
    vocabulary = Vocabulary.build(PASSAGES)
    assert vocabulary.knows(stem("Opel"), 5)
    first = vocabulary.within(["a"])
    assert not first.knows(stem("Opel"), 5) and first.knows(stem("Wasserstoff"), 5)
    assert first.passages == 4 and first.frequency("nrw") == 4
    assert vocabulary.within(["a"]) is first  # computed once per set of documents
    assert vocabulary.within(["a", "b"]) is vocabulary and vocabulary.within(None) is vocabulary
    assert vocabulary.within(["unbekannt"]) is vocabulary


def test_save_and_load(tmp_path):
    Vocabulary.build(PASSAGES).save(tmp_path / "v.json")
    loaded = Vocabulary.load(tmp_path / "v.json")
    assert loaded.passages == 6 and loaded.frequency("nrw") == 5
    assert loaded.within(["b"]).passages == 2


def test_a_vocabulary_saved_before_per_document_counts_still_loads(tmp_path):
    (tmp_path / "v.json").write_text(json.dumps({"passages": 4, "document_frequency": {"nrw": 4}}))
    loaded = Vocabulary.load(tmp_path / "v.json")
    assert loaded.frequency("nrw") == 4 and loaded.within(["a"]) is loaded
