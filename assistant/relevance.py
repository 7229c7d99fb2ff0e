"""Whether the documents answer a question at all: the honest "keine Aussage" starts here.

Two signals decide. How close the best passage is in meaning (e5 cosine), and how much of
the question's vocabulary the corpus uses at all: a question about "Öffnungszeiten" or
"Schulferien" shares words like "NRW" with the text but its topic word never occurs.
Thresholds are tuned on the gold set's answerable and unanswerable questions
(`python -m eval.tune_relevance`).
"""

from __future__ import annotations

from assistant.retrieve import Hit
from index.store import IndexData

MIN_DENSE = 0.80  # below this nothing in the corpus is about the question
CONFIDENT_DENSE = 0.86  # above this the meaning matches even if words differ
MAX_UNKNOWN_SHARE = 0.34  # share of the question's content terms the corpus never uses


def signals(data: IndexData, hits: list[Hit], question: str) -> tuple[float, float]:
    best_dense = max(h.dense for h in hits[:20])
    known, unknown = data.lexical.known_terms(question)
    total = len(known) + len(unknown)
    unknown_share = len(unknown) / total if total else 1.0
    return best_dense, unknown_share


def supported(data: IndexData, hits: list[Hit], question: str) -> bool:
    best_dense, unknown_share = signals(data, hits, question)
    if best_dense < MIN_DENSE:
        return False
    return best_dense >= CONFIDENT_DENSE or unknown_share <= MAX_UNKNOWN_SHARE
