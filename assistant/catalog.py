"""The commitment catalog: every commitment as a record, filtered and searched.

A search ranks commitments with the same retrieval and the same selection rule as list answers,
so the catalog and the chat never disagree about what is relevant.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.judge import judge
from assistant.policy import AnswerPolicy
from assistant.retrieve import Hit, retrieve
from assistant.select import Commitments, relevant_commitments
from domain.types import Commitment
from index.store import IndexData


def filter_commitments(
    index: IndexData, *, section: str | None = None, documents: Sequence[str] | None = None
) -> list[Commitment]:
    wanted = set(documents or [])
    needle = (section or "").casefold().strip()
    return [
        c
        for c in index.commitments
        if (not wanted or c.document in wanted) and (not needle or needle in c.section.casefold())
    ]


def search_commitments(
    index: IndexData, query_vector: np.ndarray, query: str, candidates: list[Commitment], policy: AnswerPolicy
) -> list[Commitment]:
    """The candidates relevant to the query, best first; none when the documents say nothing about it."""
    if not candidates:
        return []
    by_id = {c.id: c for c in candidates}
    held = index.prose_commitments
    # Each passage's commitments among the candidates: a list item's own, or the sentences of a prose paragraph.
    in_passage = {
        i: [cid for cid in ((p.commitment_id,) if p.commitment_id else held.get(i, ())) if cid in by_id]
        for i, p in enumerate(index.passages)
    }
    scope = np.array([bool(in_passage[i]) for i in range(len(index.passages))], dtype=bool)
    ranking = retrieve(index, query_vector, query, policy.retrieval, scope=scope)
    vocabulary = index.vocabulary.within({c.document for c in candidates})
    if not judge(ranking.hits, query, "list", vocabulary, policy.judge).supported:
        return []
    chosen = relevant_commitments(ranking, query, Commitments.of(index), policy.select)
    named = (
        _closest(index, h, [by_id[cid] for cid in in_passage[h.position]], query_vector, policy.select.sentence_margin)
        for h in chosen
    )
    return list({c.id: c for found in named for c in found}.values())


def _closest(
    index: IndexData, hit: Hit, commitments: list[Commitment], query_vector: np.ndarray, margin: float
) -> list[Commitment]:
    """A list item is its passage; of a prose paragraph's commitment sentences, those about the query."""
    if hit.passage.commitment_id:
        return commitments
    cosines = list(zip(hit.passage.units, (index.units_of(hit.position) @ query_vector).tolist(), strict=True))
    # A commitment is one sentence, or both parts of one that a page break cuts (two units).
    scores = [
        max((c for u, c in cosines if u.text in item.text or item.text in u.text), default=0.0) for item in commitments
    ]
    best = max(scores, default=0.0)
    return [c for c, score in zip(commitments, scores, strict=True) if score >= best - margin]
