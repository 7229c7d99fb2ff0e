"""The vector index: exact flat search, HNSW close to it, chosen by size, memory-mapped on disk."""

from __future__ import annotations

import numpy as np
import pytest

from index import store
from index.vectors import VectorIndex, choose_kind
from tests.support.tiny_index import P, tiny_index


def _unit_rows(rng: np.random.Generator, count: int, dimensions: int = 32) -> np.ndarray:
    x = rng.standard_normal((count, dimensions)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_flat_search_is_exact():
    rng = np.random.default_rng(1)
    vectors, queries = _unit_rows(rng, 500), _unit_rows(rng, 5)
    scores, ids = VectorIndex.build(vectors).search(queries, 7)
    expected = np.argsort(-(queries @ vectors.T), axis=1)[:, :7]
    assert (ids == expected).all()
    assert np.allclose(scores, np.take_along_axis(queries @ vectors.T, expected, axis=1), atol=1e-5)


def test_hnsw_finds_nearly_what_flat_finds_and_honours_a_mask():
    rng = np.random.default_rng(2)
    vectors = _unit_rows(rng, 3000)
    queries = vectors[:50] + 0.2 * _unit_rows(rng, 50)
    flat, hnsw = VectorIndex.build(vectors), VectorIndex.build(vectors, kind="hnsw")
    assert hnsw.kind == "hnsw" and flat.kind == "flat"
    truth, found = flat.search(queries, 10)[1], hnsw.search(queries, 10)[1]
    recall = np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found, strict=True)])
    assert recall >= 0.95
    assert (hnsw.search(queries[:1], 200)[1] >= 0).sum() == 200  # ef widens to k
    allowed = np.zeros(len(vectors), dtype=bool)
    allowed[::9] = True
    for index in (flat, hnsw):
        ids = index.search(queries, 5, allowed=allowed)[1]
        assert (ids % 9 == 0).all()
    with pytest.raises(ValueError, match="Maske"):
        flat.search(queries, 5, allowed=allowed[:-1])


def test_the_kind_follows_the_collection_size():
    assert choose_kind(199_999, 200_000) == "flat"
    assert choose_kind(200_000, 200_000) == "hnsw"
    rng = np.random.default_rng(3)
    assert VectorIndex.for_size(_unit_rows(rng, 50), ann_min_passages=40).kind == "hnsw"
    assert VectorIndex.for_size(_unit_rows(rng, 50), ann_min_passages=60).kind == "flat"


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_saved_and_mapped_back_it_answers_the_same(tmp_path, kind):
    rng = np.random.default_rng(4)
    vectors, queries = _unit_rows(rng, 400), _unit_rows(rng, 3)
    built = VectorIndex.build(vectors, kind=kind)
    built.save(tmp_path)
    loaded = VectorIndex.load(tmp_path)
    assert loaded.kind == kind and loaded.ntotal == 400
    assert (loaded.search(queries, 10)[1] == built.search(queries, 10)[1]).all()
    assert np.allclose(loaded.reconstruct_batch(np.array([3, 7])), vectors[[3, 7]])


def test_an_empty_index_returns_no_ids():
    empty = VectorIndex.build(np.zeros((0, 8), dtype=np.float32))
    scores, ids = empty.search(np.ones(8, dtype=np.float32), 5)
    assert (ids == -1).all() and ids.shape[0] == 1


def test_the_store_maps_vectors_instead_of_copying_them(tmp_path):
    store.publish(tmp_path, tiny_index([P("Der Hafen wächst.", (1, 0, 0, 0)), P("Netze.", (0, 1, 0, 0))]))
    loaded = store.load(tmp_path)
    units = loaded.unit_vectors
    assert not units.flags.writeable and not units.flags.owndata  # a view of the mapped file, not a copy
    assert loaded.vectors.search(np.array([[1, 0, 0, 0]], dtype=np.float32), 1)[1][0][0] == 0
