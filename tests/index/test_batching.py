"""Concurrent queries are embedded together and get exactly their own vectors."""

import threading
import time

import numpy as np
import pytest

from index.batching import QueryBatcher
from index.embedder import load_embedder


def test_concurrent_queries_get_their_own_vectors(settings):
    embedder = load_embedder(settings.model_path(), settings.torch_threads)
    questions = [f"Was plant die Landesregierung für Thema {i}?" for i in range(12)] + ["Blockchain-Institut"]
    alone = embedder.queries(questions)
    together: dict[int, np.ndarray] = {}
    barrier = threading.Barrier(len(questions))

    def ask(i: int) -> None:
        barrier.wait()
        together[i] = embedder.queries([questions[i]])[0]

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(questions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(together) == list(range(len(questions)))
    for i, vector in together.items():
        assert float(vector @ alone[i]) > 0.99999, questions[i]


def test_batches_form_under_load_and_errors_reach_the_caller():
    sizes: list[int] = []
    entered = threading.Event()
    gate = threading.Event()

    def forward(texts: list[str]) -> np.ndarray:
        entered.set()
        gate.wait(5)
        sizes.append(len(texts))
        if "kaputt" in texts:
            raise ValueError("kaputt")
        return np.array([[float(len(t))] for t in texts])

    batcher = QueryBatcher(forward, max_batch=4)
    results: dict[str, object] = {}

    def call(text: str) -> None:
        try:
            results[text] = batcher([text])[0][0]
        except ValueError as exc:
            results[text] = exc

    # The first caller runs its own pass; the four that arrive while it runs wait and go in one batch.
    first = threading.Thread(target=call, args=("a",))
    first.start()
    assert entered.wait(5)
    others = [threading.Thread(target=call, args=(t,)) for t in ("bb", "ccc", "dddd", "eeeee")]
    for t in others:
        t.start()
    deadline = time.monotonic() + 5
    while len(batcher._waiting) < 4 and time.monotonic() < deadline:
        time.sleep(0.001)
    gate.set()
    for t in [first, *others]:
        t.join(timeout=10)
    assert results == {"a": 1.0, "bb": 2.0, "ccc": 3.0, "dddd": 4.0, "eeeee": 5.0}
    assert sizes == [1, 4]
    with pytest.raises(ValueError, match="kaputt"):
        batcher(["kaputt"])
