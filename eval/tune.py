"""Tune retrieval fusion and the abstention thresholds on the gold set (`python -m eval.tune`).

Prints passage-level hit@5/MRR for a grid of dense weights, and the relevance signals of
answerable and unanswerable questions, so the constants in assistant/retrieve.py and
assistant/relevance.py can be set from figures instead of guesses.
"""

from __future__ import annotations

import numpy as np

from assistant import Assistant
from assistant.intent import classify
from assistant.relevance import signals, supported
from assistant.retrieve import rank
from eval.gold import letters, load_gold


def passage_rank(assistant: Assistant, hits, gold) -> int | None:
    wanted = [letters(s.quote) for s in gold.support]
    for position, hit in enumerate(hits, start=1):
        text = letters(assistant.data.passages[hit.index].text)
        if any(w in text for w in wanted):
            return position
    return None


def main() -> None:
    assistant = Assistant()
    gold = [q for q in load_gold() if not q.follows]
    vectors = assistant.question_vectors([q.question for q in gold])
    print("dense_weight unit_weight  hit@1  hit@5  mrr   (passage level, answerable, no follow-ups)")
    for unit_weight in (0.0, 0.3, 0.5, 0.7, 1.0):
        for weight in (0.0, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0):
            ranks = []
            for q, v in zip(gold, vectors, strict=True):
                if q.answerable:
                    hits = rank(assistant.data, v, q.question, dense_weight=weight, unit_weight=unit_weight)
                    ranks.append(passage_rank(assistant, hits, q))
            h1 = np.mean([r == 1 for r in ranks])
            h5 = np.mean([r is not None and r <= 5 for r in ranks])
            mrr = np.mean([1 / r if r else 0 for r in ranks])
            print(f"{weight:>12.1f} {unit_weight:>11.1f}  {h1:.3f}  {h5:.3f}  {mrr:.3f}")
    print("\nrelevance signals: kind id supported best_dense unseen_share number_found rank question")
    for q, v in zip(gold, vectors, strict=True):
        hits = rank(assistant.data, v, q.question)
        found = signals(assistant.data, hits, q.question, classify(q.question))
        r = passage_rank(assistant, hits, q) if q.answerable else None
        print(
            f"{'UNANS' if not q.answerable else 'ans':6} {q.id} {supported(found)!s:5} {found.best_dense:.3f} "
            f"{found.unseen_share:.2f} {found.number_found!s:5} rank={r} {q.question[:60]} {found.unseen}"
        )


if __name__ == "__main__":
    main()
