"""The last gate before an answer leaves: every quote must stand verbatim on its cited page."""

from __future__ import annotations

import dataclasses

from domain.types import Citation, Page

MAX_QUOTE_CHARS = 600


def quote_on_page(quote: str, page: Page | None) -> bool:
    return bool(quote) and page is not None and len(quote) <= MAX_QUOTE_CHARS and quote in page.clean_text


def verified(citations: list[Citation], pages: dict[str, list[Page]]) -> list[Citation]:
    """Drop every citation whose quote cannot be found on its page; renumber the rest."""
    kept: list[Citation] = []
    for citation in citations:
        doc_pages = pages.get(citation.document, [])
        page = doc_pages[citation.page - 1] if 0 < citation.page <= len(doc_pages) else None
        if quote_on_page(citation.quote, page):
            kept.append(citation)
    return [dataclasses.replace(c, n=i) for i, c in enumerate(kept, start=1)]
