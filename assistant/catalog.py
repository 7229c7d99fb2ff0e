"""The commitment catalog: every commitment as a record, filtered and searched.

A search ranks commitments with the same retrieval and the same selection rule as list answers,
so the catalog and the chat never disagree about what is relevant.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.judge import judge
from assistant.policy import AnswerPolicy
from assistant.retrieve import retrieve
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
    ids = {c.id for c in candidates}
    scope = np.array([p.commitment_id in ids for p in index.passages], dtype=bool)
    ranking = retrieve(index, query_vector, query, policy.retrieval, scope=scope)
    vocabulary = index.vocabulary.within({c.document for c in candidates})
    if not judge(ranking.hits, query, "list", vocabulary, policy.judge).supported:
        return []
    by_id = {c.id: c for c in candidates}
    chosen = relevant_commitments(ranking, query, Commitments.of(index), policy.select)
    return [by_id[h.passage.commitment_id] for h in chosen]
