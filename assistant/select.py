"""Select: which of the ranked passages an answer cites.

A fact question cites the best passages close to the best one; a number question first moves
passages that state a number on the question's terms to the front; a list question ("Welche
Maßnahmen …") names commitments: a whole section's list when the question names that section,
otherwise those scoring close to the best, each parent with its nested items. The commitment
catalog uses the same rule (`relevant_commitments`), so chat and catalog never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.policy import SelectPolicy
from assistant.retrieve import Hit, Ranking, best_first
from domain.german import DIGIT, Intent, term_set, terms
from index.store import IndexData
from index.vocabulary import Vocabulary

Kind = Literal["facts", "commitments"]


@dataclass(frozen=True)
class Selection:
    hits: tuple[Hit, ...]
    kind: Kind


@dataclass(frozen=True)
class Commitments:
    """What a list answer needs to know about the catalog: where each commitment stands, which
    nest under which, and which belong to a section."""

    positions: Mapping[str, int]  # commitment id → position of its passage (list items)
    nested: Mapping[str, Sequence[str]]  # commitment id → ids of its nested items, in order
    sections: Mapping[tuple[str, str], Sequence[int]]  # (document, section) → positions of its commitments
    vocabulary: Vocabulary
    # Passage position → the commitments written as sentences in it: a coalition agreement states
    # its measures in prose paragraphs, which a list answer names as it names list items.
    prose: Mapping[int, Sequence[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, index: IndexData) -> Commitments:
        return cls(
            index.commitment_positions,
            index.nested_commitments,
            index.section_commitments,
            index.vocabulary,
            index.prose_commitments,
        )

    def commits(self, hit: Hit) -> bool:
        """Whether the passage is a list item or holds a commitment sentence."""
        return bool(hit.passage.commitment_id) or hit.position in self.prose


def select(
    ranking: Ranking,
    intent: Intent,
    query: str,
    catalog: Commitments,
    policy: SelectPolicy,
    *,
    asked: str | None = None,
) -> Selection:
    """`query` is what was searched; `asked`, the question itself where they differ (a follow-up
    searches both questions, but its number is about the new one: "Bis wann soll das Gesetz dafür
    beschlossen sein?" wants the date of the law, not any date near the toll)."""
    hits = list(ranking.hits)
    if not hits:
        return Selection((), "facts")
    if intent == "list":
        commitments = [h for h in hits if catalog.commits(h)]
        # When prose answers far better than any commitment, the question was not about measures.
        if commitments and commitments[0].score >= policy.list_fallback * hits[0].score:
            return Selection(tuple(relevant_commitments(ranking, query, catalog, policy)), "commitments")
    if intent == "number":
        hits = _numbers_first(hits, set(terms(asked or query)), policy)
    return Selection(_facts(hits, policy), "facts")


def _facts(hits: list[Hit], policy: SelectPolicy) -> tuple[Hit, ...]:
    """The best hits close to the best one. Where several documents answer, each one's best passage
    is among them: "Was sagen die Dokumente zum Mindestlohn?" shows what the 2005, 2009 and 2021
    agreements say beside 2013's four passages on it, which all rank above the others' best but one.
    The citations keep the ranking's order; the answer groups them by document."""
    floor = hits[0].score * policy.fact_relative
    return tuple(_every_document_heard([h for h in hits if h.score >= floor], policy.max_fact_citations))


def _every_document_heard(close: list[Hit], limit: int) -> list[Hit]:
    """At most `limit` of `close` (best first): each document's best, then the best of the rest,
    in the order of `close`."""
    first_of_document: dict[str, Hit] = {}
    for hit in close:
        first_of_document.setdefault(hit.passage.document, hit)
    taken = {h.position for h in list(first_of_document.values())[:limit]}
    rest = [h.position for h in close if h.position not in taken]
    taken.update(rest[: limit - len(taken)])
    return [h for h in close if h.position in taken]


def relevant_commitments(ranking: Ranking, query: str, catalog: Commitments, policy: SelectPolicy) -> list[Hit]:
    """The commitments a complete list answer names: a whole section when the question names one,
    otherwise those scoring close to the best, each parent with its nested items."""
    commitments = [h for h in ranking.hits if catalog.commits(h)]
    if not commitments:
        return []
    whole = _whole_section(ranking, commitments, query, catalog, policy)
    return whole or _with_children(ranking, _best_commitments(commitments, policy), catalog, policy)


def _best_commitments(commitments: list[Hit], policy: SelectPolicy) -> list[Hit]:
    window = commitments[: policy.list_window]
    floor = window[0].score * policy.list_relative
    return _every_document_heard([h for h in window if h.score >= floor], policy.max_list_citations)


def _with_children(ranking: Ranking, chosen: list[Hit], catalog: Commitments, policy: SelectPolicy) -> list[Hit]:
    """A commitment ending in ":" ("… und dabei insbesondere:") is only answered by its nested items."""
    result: list[Hit] = []
    for hit in chosen:
        result.append(hit)
        children = catalog.nested.get(hit.passage.commitment_id, ())
        result.extend(ranking.hits_at(catalog.positions[k] for k in children))
    unique = list({h.position: h for h in result}.values())
    return unique[: policy.max_section_citations]


def _whole_section(
    ranking: Ranking, commitments: list[Hit], query: str, catalog: Commitments, policy: SelectPolicy
) -> list[Hit]:
    """ "Welche Maßnahmen für höhere Investitionen?" names a section: then its whole list is the
    complete answer. The section must lead the ranking and share the question's specific words."""
    votes: dict[tuple[str, str], float] = {}
    for hit in commitments[: policy.section_voters]:
        key = (hit.passage.document, hit.passage.section)
        votes[key] = votes.get(key, 0.0) + hit.score
    (document, section), mass = max(votes.items(), key=lambda item: item[1])
    if mass < policy.section_majority * sum(votes.values()):
        return []
    specific = set(catalog.vocabulary.salient_terms(query, policy.section_share))
    if not specific & term_set(section):
        return []
    members = best_first(ranking.hits_at(catalog.sections[(document, section)]))
    return members[: policy.max_section_citations]


def _numbers_first(hits: list[Hit], query_terms: set[str], policy: SelectPolicy) -> list[Hit]:
    """Re-rank the top passages so that those stating a number on the question's terms come first."""
    head, tail = hits[: policy.number_depth], hits[policy.number_depth :]

    def boosted(hit: Hit) -> Hit:
        on_topic = any(DIGIT.search(u.text) and query_terms & term_set(u.text) for u in hit.passage.units)
        return hit._replace(score=hit.score + (policy.number_bonus if on_topic else 0.0))

    return sorted((boosted(h) for h in head), key=lambda h: -h.score) + tail
