"""The last gate: a quote that is not verbatim on its page never leaves."""

from assistant.verify import verify
from domain.types import Citation, Page

PAGES = {"doc": [Page(1, "", "Der Hafen Duisburg wächst stark."), Page(2, "", "Neue Kräne kommen.")]}


def _citation(n, page, quote):
    return Citation(n, "doc", "Dokument", page, "Abschnitt", quote, f"doc:p{n:04d}", 1.0)


def test_keeps_verbatim_quotes_and_renumbers():
    kept = verify(
        [_citation(1, 1, "Der Hafen wächst."), _citation(2, 2, "Neue Kräne kommen."), _citation(3, 9, "x")], PAGES, 600
    )
    assert [(c.n, c.quote) for c in kept] == [(1, "Neue Kräne kommen.")]


def test_too_long_or_unknown_document_is_dropped():
    assert verify([_citation(1, 1, "Der Hafen Duisburg wächst stark.")], PAGES, 10) == []
    assert verify([Citation(1, "anderes", "X", 1, "", "Neue", "x", 1.0)], PAGES, 600) == []
