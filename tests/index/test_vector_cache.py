"""Vectors are reused by text; the model is asked only for new text, and loaded only then."""

import numpy as np

from index.vector_cache import VectorCache
from tests.support.tiny_index import P, tiny_index


class CountingEncoder:
    """A stand-in encoder for this rule only: a fixed vector per call, and a record of what was asked."""

    dimensions = 4

    def __init__(self):
        self.asked: list[str] = []

    def passages(self, texts):
        self.asked.extend(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def test_known_texts_are_not_embedded_again():
    index = tiny_index([P("Der Hafen wächst.", (1, 0, 0, 0))])
    encoder = CountingEncoder()
    loads = []
    cache = VectorCache(lambda: loads.append(1) or encoder, index.entries().values())
    known = cache.embed(["Der Hafen wächst."], 4)
    assert not loads and known[0][0] == 1.0
    fresh = cache.embed(["Neu.", "Der Hafen wächst.", "Neu."], 4)
    assert loads == [1] and encoder.asked == ["Neu."]
    assert fresh.shape == (3, 4)


def test_nothing_to_embed_loads_no_model():
    cache = VectorCache(lambda: (_ for _ in ()).throw(AssertionError("model loaded")))
    assert cache.embed([], 4).shape == (0, 4)
