"""Retrieval on three passages with fixed vectors: meaning, words, sentences, scope, large collections."""

import numpy as np

from assistant.policy import RetrievalPolicy
from assistant.retrieve import retrieve
from tests.support.tiny_index import P, tiny_index, unit

POLICY = RetrievalPolicy()


def _index():
    return tiny_index(
        [
            P("Wasserstoff wird in Duisburg erzeugt.", (1, 0, 0, 0)),
            P("Die Gigabitnetze erreichen alle Gewerbegebiete.", (0, 1, 0, 0)),
            P("Fachkräfte werden ausgebildet.", (0, 0, 1, 0), document="zwei"),
        ]
    )


def test_meaning_decides_without_shared_words():
    hits = retrieve(_index(), unit((0.1, 1, 0, 0)), "schnelles Internet", POLICY).hits
    assert hits[0].passage.text.startswith("Die Gigabitnetze")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_words_count_in_the_hybrid_and_alone():
    index = _index()
    vector = unit((1, 1, 1, 0))  # equally close to everything
    assert retrieve(index, vector, "Fachkräfte", POLICY).hits[0].passage.document == "zwei"
    assert retrieve(index, vector, "Fachkräfte", POLICY, system="bm25").hits[0].lexical > 0


def test_scope_limits_the_passages():
    index = _index()
    scope = np.array([p.document == "zwei" for p in index.passages])
    hits = retrieve(index, unit((1, 0, 0, 0)), "Wasserstoff", POLICY, scope=scope).hits
    assert [h.passage.document for h in hits] == ["zwei"]


def test_a_strong_sentence_lifts_its_passage():
    index = tiny_index(
        [
            P(
                "Allgemeines. Die Batteriefabrik entsteht in Münster.",
                (0, 0, 1, 0),
                sentence_vectors=((0, 0, 1, 0), (1, 0, 0, 0)),
            ),
            P("Über Batterien wird viel gesprochen.", (0.3, 0, 0.95, 0)),
        ]
    )
    with_sentences = retrieve(index, unit((1, 0, 0, 0)), "x", POLICY, system="dense").hits
    without = retrieve(index, unit((1, 0, 0, 0)), "x", RetrievalPolicy(unit_weight=0.0), system="dense").hits
    assert with_sentences[0].passage.text.startswith("Allgemeines")
    assert without[0].passage.text.startswith("Über Batterien")


def test_an_approximate_index_fuses_candidates_with_the_same_best_hits():
    specs = [P(f"Thema {n} im Land.", (1, n / 50, (n % 7) / 7, 0)) for n in range(40)]
    specs.append(P("Die Gigabitnetze erreichen alle Gewerbegebiete.", (0, 1, 0, 0)))
    exact_index, ann_index = tiny_index(specs), tiny_index(specs, ann_min_passages=10)
    assert (exact_index.vectors.kind, ann_index.vectors.kind) == ("flat", "hnsw")
    vector = unit((0.2, 1, 0.1, 0))
    exact = retrieve(exact_index, vector, "Gewerbegebiete", POLICY).hits
    candidates = retrieve(ann_index, vector, "Gewerbegebiete", RetrievalPolicy(candidates=10)).hits
    assert candidates[0].passage.text == exact[0].passage.text == specs[-1].text
    assert len(candidates) <= 20  # ten of each search at most
    scope = np.array([p.text.startswith("Thema 1") for p in ann_index.passages])
    scoped = retrieve(ann_index, vector, "Gewerbegebiete", RetrievalPolicy(candidates=10), scope=scope).hits
    assert scoped and all(h.passage.text.startswith("Thema 1") for h in scoped)


def test_only_the_top_is_ranked_and_deeper_passages_are_looked_up():
    index = tiny_index([P(f"Thema {n} im Land.", (1, n / 100, 0, 0)) for n in range(60)])
    ranking = retrieve(index, unit((1, 0, 0, 0)), "Thema", RetrievalPolicy(depth=50))
    assert len(ranking.hits) == 50
    deep = [p for p in range(60) if p not in {h.position for h in ranking.hits}]
    looked_up = ranking.hits_at(deep)
    assert [h.position for h in looked_up] == deep
    assert max(h.score for h in looked_up) <= min(h.score for h in ranking.hits)
