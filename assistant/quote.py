"""Quote: which words of each selected passage a citation shows, and on which page.

Within a passage the quote is the sentence closest to the question (an e5 vector per sentence is
in the index, plus a little for shared words and, for number questions, digits), widened to its
neighbours on the same page while it stays short. A commitment is quoted whole, and so is a
sentence a page break cuts; either then becomes one quote per page. Every quote is a stretch of
its page's clean text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.policy import QuotePolicy
from assistant.retrieve import Hit
from assistant.select import Selection
from domain.german import DIGIT, Intent, term_set, terms
from domain.types import Citation, Page, Unit

UnitVectors = Callable[[int], np.ndarray]  # passage position → its sentences' vectors


@dataclass(frozen=True)
class Quote:
    hit: Hit
    units: tuple[Unit, ...]


def quote(
    selection: Selection,
    query_vector: np.ndarray,
    query: str,
    intent: Intent,
    unit_vectors: UnitVectors,
    policy: QuotePolicy,
) -> list[Quote]:
    query_terms = set(terms(query))
    quotes = []
    for hit in selection.hits:
        scores = _sentence_scores(hit, unit_vectors(hit.position) @ query_vector, query_terms, intent, policy)
        quotes.append(Quote(hit, _window(hit, scores, policy)))
    return quotes


def _sentence_scores(
    hit: Hit, cosines: np.ndarray, query_terms: set[str], intent: Intent, policy: QuotePolicy
) -> np.ndarray:
    scores = np.array(cosines, dtype=np.float32)
    for i, unit in enumerate(hit.passage.units):
        scores[i] += policy.term_bonus * len(query_terms & term_set(unit.text))
        if intent == "number" and DIGIT.search(unit.text):
            scores[i] += policy.digit_bonus
    return scores


def _window(hit: Hit, scores: np.ndarray, policy: QuotePolicy) -> tuple[Unit, ...]:
    """The best sentence, plus neighbours on the same page while short; never over the budget."""
    units = hit.passage.units
    if hit.passage.kind in ("bullet", "vision_item"):
        pages = {u.span.page for u in units}
        if all(sum(len(u.text) + 1 for u in units if u.span.page == p) <= policy.max_chars for p in pages):
            return units
    best = int(np.argmax(scores))
    page = units[best].span.page
    first = last = best
    length = len(units[best].text)
    # Grow towards the better neighbour while the quote stays readable and on one page.
    while True:
        options = [i for i in (first - 1, last + 1) if 0 <= i < len(units) and units[i].span.page == page]
        options = [i for i in options if length + 1 + len(units[i].text) <= policy.budget]
        if not options:
            break
        step = max(options, key=lambda i: scores[i])
        length += 1 + len(units[step].text)
        first, last = min(first, step), max(last, step)
    first, last = _whole_sentences(units, first, last)
    return units[first : last + 1]


def _whole_sentences(units: Sequence[Unit], first: int, last: int) -> tuple[int, int]:
    """A sentence that a page break cuts in two is quoted with its part on the other page (each
    part then becomes a citation of its own page): never "Dies zeigt den" without the rest."""
    while last + 1 < len(units) and units[last].continued_by(units[last + 1]):
        last += 1
    while first > 0 and units[first - 1].continued_by(units[first]):
        first -= 1
    return first, last


def citations(quotes: list[Quote], pages: Mapping[str, Sequence[Page]]) -> list[Citation]:
    """One citation per quote and page, numbered in order; a quote never runs across a page break."""
    found: list[Citation] = []
    seen: set[str] = set()
    for item in quotes:
        passage = item.hit.passage
        document_pages = pages.get(passage.document, [])
        for number in dict.fromkeys(u.span.page for u in item.units):
            units = [u for u in item.units if u.span.page == number]
            page = document_pages[number - 1] if 0 < number <= len(document_pages) else None
            # What a reader finds on the page: the page text from the first to the last sentence.
            text = (
                page.clean_text[units[0].span.start : units[-1].span.end] if page else " ".join(u.text for u in units)
            )
            if text in seen:
                continue
            seen.add(text)
            found.append(
                Citation(
                    n=len(found) + 1,
                    document=passage.document,
                    title=passage.title,
                    page=number,
                    section=passage.section,
                    quote=text,
                    passage_id=passage.id,
                    score=round(item.hit.score, 4),
                    printed_page=page.printed_page if page else None,
                )
            )
    return found
