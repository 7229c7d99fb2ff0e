"""BM25 on German terms: stems and compound parts meet, the scores are per passage."""

import numpy as np

from index.lexical import LexicalIndex

TEXTS = ["Der Handwerksbetrieb bildet aus.", "Die Häfen wachsen.", "Ein leerer Satz: und oder."]


def test_compound_parts_and_stems_match():
    scores = LexicalIndex.build(TEXTS).scores("Welche Betriebe bilden aus?")
    assert int(np.argmax(scores)) == 0 and scores[1] == 0


def test_a_query_of_unknown_or_stop_words_scores_nothing():
    index = LexicalIndex.build(TEXTS)
    assert not index.scores("und oder").any()
    assert not index.scores("Quantencomputer").any()
    assert index.scores("Quantencomputer").shape == (3,)


def test_save_and_load(tmp_path):
    LexicalIndex.build(TEXTS).save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25", 3)
    assert int(np.argmax(loaded.scores("Häfen"))) == 1


def test_the_author_of_a_document_is_no_topic():
    # "Die Koalition" writes every sentence of an agreement: a question naming it is not about
    # the passages that happen to name it too.
    index = LexicalIndex.build(["Die Koalition wird beraten.", "Wir lehnen Fracking mit giftigen Stoffen ab."])
    scores = index.scores("Wie steht die Koalition zum Fracking?")
    assert scores[0] == 0 and scores[1] > 0
