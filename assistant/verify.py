"""Verify: the last gate before an answer is written. Every quote must stand verbatim on its page."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from domain.types import Citation, Page


def quote_on_page(quote: str, page: Page | None, max_chars: int) -> bool:
    return bool(quote) and page is not None and len(quote) <= max_chars and quote in page.clean_text


def verify(citations: list[Citation], pages: Mapping[str, Sequence[Page]], max_chars: int) -> list[Citation]:
    """Drop every citation whose quote cannot be found on its page; renumber the rest."""
    kept: list[Citation] = []
    for citation in citations:
        document_pages = pages.get(citation.document, [])
        page = document_pages[citation.page - 1] if 0 < citation.page <= len(document_pages) else None
        if quote_on_page(citation.quote, page, max_chars):
            kept.append(citation)
    return [dataclasses.replace(c, n=i) for i, c in enumerate(kept, start=1)]
