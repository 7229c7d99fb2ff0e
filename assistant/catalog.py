"""The commitment catalog: every "Wir werden" measure as a record, filtered and searched.

A search ranks commitments with the same hybrid retrieval as answers and keeps those a list
answer would name, so the catalog and the chat never disagree about what is relevant.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant import compose
from assistant.relevance import signals, supported
from assistant.retrieve import rank
from domain.types import Commitment
from index.embedder import Embedder
from index.store import IndexData


def filter_commitments(
    data: IndexData, *, section: str | None = None, documents: Sequence[str] | None = None
) -> list[Commitment]:
    wanted = set(documents or [])
    needle = (section or "").casefold().strip()
    return [
        c
        for c in data.commitments
        if (not wanted or c.document in wanted) and (not needle or needle in c.section.casefold())
    ]


def search_commitments(
    data: IndexData, embedder: Embedder, query: str, candidates: list[Commitment]
) -> list[Commitment]:
    """The candidates relevant to the query, best first; none when the documents say nothing about it."""
    if not candidates:
        return []
    ids = {c.id for c in candidates}
    allowed = np.array([p.commitment_id in ids for p in data.passages], dtype=bool)
    vector = embedder.queries([query])[0]
    hits = rank(data, vector, query, allowed=allowed)
    if not hits or not supported(signals(data, hits, query, "list")):
        return []
    chosen = compose.relevant_commitments(data, hits, query)
    by_id = {c.id: c for c in candidates}
    return [by_id[data.passages[h.index].commitment_id] for h in chosen]
