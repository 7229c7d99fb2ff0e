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
from domain.types import Commitment, Unit
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
    """The candidates relevant to the query, in the order their passages rank (a paragraph's sentences
    in document order); none when the documents say nothing about it."""
    if not candidates:
        return []
    by_id = {c.id: c for c in candidates}
    positions = index.commitment_passages
    scope = np.zeros(len(index.passages), dtype=bool)
    scope[[positions[c.id] for c in candidates if c.id in positions]] = True
    ranking = retrieve(index, query_vector, query, policy.retrieval, scope=scope)
    vocabulary = index.vocabulary.within({c.document for c in candidates})
    if not judge(ranking.hits, query, "list", vocabulary, policy.judge).supported:
        return []
    chosen = relevant_commitments(ranking, query, Commitments.of(index), policy.select)
    margin = policy.select.sentence_margin
    named = (
        _closest(index, hit, [by_id[c] for c in index.commitments_at(hit.position) if c in by_id], query_vector, margin)
        for hit in chosen
    )
    return list({c.id: c for found in named for c in found}.values())


def _closest(
    index: IndexData, hit: Hit, commitments: list[Commitment], query_vector: np.ndarray, margin: float
) -> list[Commitment]:
    """A list item is its passage. Of a prose paragraph's commitment sentences, those scoring within
    `margin` of its best one, in document order: at least one for every paragraph the ranking chose."""
    if hit.passage.commitment_id:
        return commitments
    cosine = dict(_sentences(hit.passage.units, (index.units_of(hit.position) @ query_vector).tolist()))
    scores = [cosine.get(c.text, 0.0) for c in commitments]
    best = max(scores, default=0.0)
    return [c for c, score in zip(commitments, scores, strict=True) if score >= best - margin]


def _sentences(units: Sequence[Unit], cosines: list[float]) -> list[tuple[str, float]]:
    """Each sentence's text as the catalog writes it, with its best unit's cosine: a sentence that a
    page break cut is two units (`Unit.continued_by`) and one commitment."""
    sentences: list[tuple[str, float]] = []
    for i, (unit, cosine) in enumerate(zip(units, cosines, strict=True)):
        if i and units[i - 1].continued_by(unit):
            text, best = sentences[-1]
            sentences[-1] = (f"{text} {unit.text}", max(best, cosine))
        else:
            sentences.append((unit.text, cosine))
    return sentences
