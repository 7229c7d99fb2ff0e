"""Which terms the corpus knows, and which of a question's terms are specific."""

from domain.german import stem
from index.vocabulary import Vocabulary

TEXTS = ["Industrieprojekte in NRW", "Projekte des Landes NRW", "NRW fördert Wasserstoff", "NRW baut Netze"]


def test_a_compound_is_known_through_its_head():
    vocabulary = Vocabulary.build(TEXTS)
    assert vocabulary.knows(stem("Projekte"), 5)
    assert vocabulary.knows(stem("Schienenprojekte"), 5)  # ends in a known word of five letters or more
    assert not vocabulary.knows(stem("Mindestlohn"), 5)


def test_salient_terms_are_rare_and_topical():
    vocabulary = Vocabulary.build(TEXTS)
    assert vocabulary.salient_terms("Wasserstoff in NRW", max_share=0.3) == [stem("Wasserstoff")]


def test_save_and_load(tmp_path):
    Vocabulary.build(TEXTS).save(tmp_path / "v.json")
    loaded = Vocabulary.load(tmp_path / "v.json")
    assert loaded.passages == 4 and loaded.frequency("nrw") == 4
