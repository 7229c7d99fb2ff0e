"""How an answer is composed: pick the passages and sentences that answer, then write German text.

Everything the answer says is a verbatim quote. Passages come from the hybrid ranking; within
a passage the quote is the sentence closest to the question (e5 vectors of every sentence are
in the index), widened to its neighbours when the sentence alone is too short to stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.intent import Intent
from assistant.retrieve import Hit
from assistant.verify import MAX_QUOTE_CHARS
from domain.types import Citation, Passage, Unit
from index.lexical import term_set, terms
from index.store import IndexData

MAX_FACT_CITATIONS = 5
MAX_LIST_CITATIONS = 10
FACT_RELATIVE = 0.7  # further passages must score this share of the best one
LIST_RELATIVE = 0.62
LIST_WINDOW = 40  # list answers look this deep into the ranking for commitments
LIST_FALLBACK = 0.75
SECTION_VOTERS = 10  # the best commitments vote for the Handlungsfeld a list question is about
SECTION_MAJORITY = 0.5
MAX_SECTION_CITATIONS = 25
QUOTE_BUDGET = 400  # a quote grows from the best sentence to its neighbours up to this length
NUMBER_BONUS = 0.15  # number questions prefer passages that state a number on the topic
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Pick:
    hit: Hit
    passage: Passage
    units: tuple[Unit, ...]


def _unit_scores(
    data: IndexData, hit: Hit, query_vector: np.ndarray, query_terms: set[str], intent: Intent
) -> np.ndarray:
    passage = data.passages[hit.index]
    scores = data.units_of(hit.index) @ query_vector
    for i, unit in enumerate(passage.units):
        overlap = len(query_terms & term_set(unit.text))
        scores[i] += 0.02 * overlap
        if intent == "number" and _DIGIT.search(unit.text):
            scores[i] += 0.03
    return scores


def _quote_units(passage: Passage, scores: np.ndarray) -> tuple[Unit, ...]:
    """The best sentence, plus a neighbour on the same page when it is short; never over the limit."""
    units = passage.units
    if passage.kind in ("bullet", "vision_item"):
        # A commitment is quoted whole; one running onto the next page becomes one quote per page.
        pages = {u.span.page for u in units}
        if all(sum(len(u.text) + 1 for u in units if u.span.page == p) <= MAX_QUOTE_CHARS for p in pages):
            return units
    best = int(np.argmax(scores))
    page = units[best].span.page
    first = last = best
    length = len(units[best].text)
    # Grow towards the better neighbour while the quote stays readable and on one page.
    while True:
        options = [i for i in (first - 1, last + 1) if 0 <= i < len(units) and units[i].span.page == page]
        options = [i for i in options if length + 1 + len(units[i].text) <= QUOTE_BUDGET]
        if not options:
            break
        step = max(options, key=lambda i: scores[i])
        length += 1 + len(units[step].text)
        first, last = min(first, step), max(last, step)
    return units[first : last + 1]


def _contiguous(units: tuple[Unit, ...], page_text: str) -> str:
    """The page text from the first to the last unit: what a reader finds on the page."""
    return page_text[units[0].span.start : units[-1].span.end]


def pick(data: IndexData, hits: list[Hit], query_vector: np.ndarray, query: str, intent: Intent) -> list[Pick]:
    if not hits:
        return []
    query_terms = set(terms(query))
    if intent == "list":
        commitments = [h for h in hits if data.passages[h.index].commitment_id]
        # When prose answers far better than any commitment, the question was not about measures.
        if commitments and commitments[0].score >= LIST_FALLBACK * hits[0].score:
            chosen = relevant_commitments(data, commitments, query)
            return [_pick(data, h, query_vector, query_terms, intent) for h in chosen]
    if intent == "number":
        hits = _numbers_first(data, hits, query_terms)
    floor = hits[0].score * FACT_RELATIVE
    chosen = [h for h in hits[:MAX_FACT_CITATIONS] if h.score >= floor]
    return [_pick(data, h, query_vector, query_terms, intent) for h in chosen]


def relevant_commitments(data: IndexData, hits: list[Hit], query: str) -> list[Hit]:
    """The commitments a complete list answer names: a whole Handlungsfeld when the question
    names one, otherwise those scoring close to the best, each parent with its nested items."""
    commitments = [h for h in hits if data.passages[h.index].commitment_id]
    if not commitments:
        return []
    return _whole_section(data, commitments, query) or _with_children(data, _best_commitments(commitments), commitments)


def _best_commitments(commitments: list[Hit]) -> list[Hit]:
    window = commitments[:LIST_WINDOW]
    floor = window[0].score * LIST_RELATIVE
    return [h for h in window if h.score >= floor][:MAX_LIST_CITATIONS]


def _with_children(data: IndexData, chosen: list[Hit], hits: list[Hit]) -> list[Hit]:
    """A commitment ending in ":" ("… und dabei insbesondere:") is only answered by its nested items."""
    by_commitment = {data.passages[h.index].commitment_id: h for h in hits if data.passages[h.index].commitment_id}
    children = data.nested_commitments
    result: list[Hit] = []
    for hit in chosen:
        result.append(hit)
        cid = data.passages[hit.index].commitment_id
        result.extend(by_commitment[k] for k in children.get(cid, []) if k in by_commitment)
    unique = list({h.index: h for h in result}.values())
    return unique[:MAX_SECTION_CITATIONS]


def _whole_section(data: IndexData, commitments: list[Hit], query: str) -> list[Hit] | None:
    """ "Welche Maßnahmen für höhere Investitionen?" names a Handlungsfeld: then its whole list is
    the complete answer. The section must lead the ranking and share the question's specific words."""
    votes: dict[tuple[str, str], float] = {}
    for hit in commitments[:SECTION_VOTERS]:
        passage = data.passages[hit.index]
        key = (passage.document, passage.section)
        votes[key] = votes.get(key, 0.0) + hit.score
    (document, section), mass = max(votes.items(), key=lambda item: item[1])
    if mass < SECTION_MAJORITY * sum(votes.values()):
        return None
    specific = set(data.lexical.salient_terms(query, max_share=0.2))
    if not specific & term_set(section):
        return None
    members = [
        h
        for h in commitments
        if (data.passages[h.index].document, data.passages[h.index].section) == (document, section)
    ]
    return members[:MAX_SECTION_CITATIONS]


def _numbers_first(data: IndexData, hits: list[Hit], query_terms: set[str]) -> list[Hit]:
    """Re-rank the top passages so that those stating a number on the question's terms come first."""
    head, tail = hits[:10], hits[10:]

    def boosted(hit: Hit) -> float:
        units = data.passages[hit.index].units
        on_topic = any(_DIGIT.search(u.text) and query_terms & term_set(u.text) for u in units)
        return hit.score + (NUMBER_BONUS if on_topic else 0.0)

    rescored = [Hit(h.index, boosted(h), h.dense, h.lexical) for h in head]
    return sorted(rescored, key=lambda h: -h.score) + tail


def _pick(data: IndexData, hit: Hit, query_vector: np.ndarray, query_terms: set[str], intent: Intent) -> Pick:
    passage = data.passages[hit.index]
    scores = _unit_scores(data, hit, query_vector, query_terms, intent)
    return Pick(hit, passage, _quote_units(passage, scores))


def to_citations(data: IndexData, picks: list[Pick]) -> list[Citation]:
    """One citation per pick and page: a quote never runs across a page break."""
    citations: list[Citation] = []
    seen: set[str] = set()
    for pick_ in picks:
        pages = data.pages.get(pick_.passage.document, [])
        for page in dict.fromkeys(u.span.page for u in pick_.units):
            units = tuple(u for u in pick_.units if u.span.page == page)
            page_text = pages[page - 1].clean_text if 0 < page <= len(pages) else ""
            quote = _contiguous(units, page_text) if page_text else " ".join(u.text for u in units)
            if quote in seen:
                continue
            seen.add(quote)
            citations.append(
                Citation(
                    n=len(citations) + 1,
                    document=pick_.passage.document,
                    title=pick_.passage.title,
                    page=page,
                    section=pick_.passage.section,
                    quote=quote,
                    passage_id=pick_.passage.id,
                    score=round(pick_.hit.score, 4),
                    printed_page=pages[page - 1].printed_page if 0 < page <= len(pages) else None,
                )
            )
    return citations


def render(intent: Intent, citations: list[Citation]) -> str:
    """German answer text with [n] markers, one quote per line."""
    titles = {c.title for c in citations}
    source = f"„{next(iter(titles))}“" if len(titles) == 1 else "Die vorliegenden Dokumente"
    if intent == "list" and len(citations) > 1:
        lead = (
            f"Das Dokument {source} nennt dazu folgende Maßnahmen:"
            if len(titles) == 1
            else f"{source} nennen dazu folgende Maßnahmen:"
        )
    else:
        lead = f"Das Dokument {source} sagt dazu:" if len(titles) == 1 else f"{source} sagen dazu:"
    lines = [lead, ""]
    for c in citations:
        where = f"S. {c.page}" if len(titles) == 1 else f"{c.title}, S. {c.page}"
        bullet = "– " if intent == "list" and len(citations) > 1 else ""
        lines.append(f"{bullet}„{c.quote}“ ({where}) [{c.n}]")
    return "\n".join(lines)
