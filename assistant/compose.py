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
from index.lexical import terms
from index.store import IndexData

MAX_FACT_CITATIONS = 3
MAX_LIST_CITATIONS = 10
FACT_RELATIVE = 0.8  # further passages must score this share of the best one
LIST_RELATIVE = 0.62
LIST_WINDOW = 40  # list answers look this deep into the ranking for commitments
SHORT_UNIT = 90  # a sentence shorter than this gets its neighbour for context
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Pick:
    hit: Hit
    passage: Passage
    units: tuple[Unit, ...]

    @property
    def quote(self) -> str:
        return " ".join(u.text for u in self.units)


def _unit_scores(
    data: IndexData, hit: Hit, query_vector: np.ndarray, query_terms: set[str], intent: Intent
) -> np.ndarray:
    passage = data.passages[hit.index]
    scores = data.units_of(hit.index) @ query_vector
    for i, unit in enumerate(passage.units):
        overlap = len(query_terms & set(terms(unit.text)))
        scores[i] += 0.02 * overlap
        if intent == "number" and _DIGIT.search(unit.text):
            scores[i] += 0.03
    return scores


def _quote_units(passage: Passage, scores: np.ndarray) -> tuple[Unit, ...]:
    """The best sentence, plus a neighbour on the same page when it is short; never over the limit."""
    units = passage.units
    if passage.kind in ("bullet", "vision_item"):
        # A commitment is quoted whole, as far as it lies on its first page.
        same_page = tuple(u for u in units if u.span.page == units[0].span.page)
        if sum(len(u.text) + 1 for u in same_page) <= MAX_QUOTE_CHARS:
            best_page = units[int(np.argmax(scores))].span.page
            chosen = tuple(u for u in units if u.span.page == best_page)
            if sum(len(u.text) + 1 for u in chosen) <= MAX_QUOTE_CHARS:
                return chosen
    best = int(np.argmax(scores))
    chosen = [best]
    if len(units[best].text) < SHORT_UNIT:
        neighbours = [
            i for i in (best - 1, best + 1) if 0 <= i < len(units) and units[i].span.page == units[best].span.page
        ]
        if neighbours:
            chosen.append(max(neighbours, key=lambda i: scores[i]))
    chosen.sort()
    picked = tuple(units[i] for i in chosen)
    if sum(len(u.text) + 1 for u in picked) > MAX_QUOTE_CHARS:
        picked = (units[best],)
    return picked


def _contiguous(units: tuple[Unit, ...], page_text: str) -> str:
    """The page text from the first to the last unit: what a reader finds on the page."""
    return page_text[units[0].span.start : units[-1].span.end]


def pick(data: IndexData, hits: list[Hit], query_vector: np.ndarray, query: str, intent: Intent) -> list[Pick]:
    if not hits:
        return []
    query_terms = set(terms(query))
    if intent == "list":
        window = [h for h in hits[:LIST_WINDOW] if data.passages[h.index].commitment_id]
        if window:
            floor = window[0].score * LIST_RELATIVE
            chosen = [h for h in window if h.score >= floor][:MAX_LIST_CITATIONS]
            return [_pick(data, h, query_vector, query_terms, intent) for h in chosen]
    floor = hits[0].score * FACT_RELATIVE
    chosen = [h for h in hits[:MAX_FACT_CITATIONS] if h.score >= floor]
    return [_pick(data, h, query_vector, query_terms, intent) for h in chosen]


def _pick(data: IndexData, hit: Hit, query_vector: np.ndarray, query_terms: set[str], intent: Intent) -> Pick:
    passage = data.passages[hit.index]
    scores = _unit_scores(data, hit, query_vector, query_terms, intent)
    return Pick(hit, passage, _quote_units(passage, scores))


def to_citations(data: IndexData, picks: list[Pick]) -> list[Citation]:
    citations: list[Citation] = []
    seen: set[str] = set()
    for pick_ in picks:
        units = pick_.units
        page = units[0].span.page
        pages = data.pages.get(pick_.passage.document, [])
        page_text = pages[page - 1].clean_text if 0 < page <= len(pages) else ""
        quote = _contiguous(units, page_text) if page_text else pick_.quote
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
