"""The stored-answer page as HTML: printed page numbers, links to the PDF page, escaping, the note."""

from __future__ import annotations

from datetime import UTC, datetime

from api.answer_page import page_label, render
from api.archive import ArchivedAnswer

CITATION = {
    "n": 1,
    "document": "koalition-2021",
    "title": "Koalitionsvertrag <2021>",
    "page": 58,
    "printed_page": "57",
    "section": "Arbeit",
    "quote": "Wir werden den Mindestlohn auf zwölf Euro erhöhen.",
    "passage_id": "koalition-2021:p0100",
    "score": 0.9,
}


def stored(citations: list[dict], question: str = "Was gilt <b>beim</b> Mindestlohn?") -> ArchivedAnswer:
    answer = {"question": question, "answer": "Zum Mindestlohn: [1]", "abstained": False, "citations": citations}
    return ArchivedAnswer("abc", datetime(2026, 11, 25, 12, 0, tzinfo=UTC), question, [], None, answer, "v1", {})


def test_the_printed_page_is_shown_and_the_pdf_page_is_linked() -> None:
    assert page_label(CITATION) == "S. 57"
    assert page_label({**CITATION, "printed_page": None}) == "S. 58"
    html = render(stored([CITATION]), index_changed=False, changed_documents=[])
    assert "Koalitionsvertrag &lt;2021&gt;, S. 57" in html
    assert 'href="/api/documents/koalition-2021/pdf#page=58"' in html and "PDF-Seite 58" in html
    assert "/api/documents/koalition-2021/pages/58.png?passage=koalition-2021%3Ap0100&amp;quote=" in html
    assert 'href="#quelle-1"' in html and "Abschnitt: Arbeit" in html
    assert "<b>beim</b>" not in html and "&lt;b&gt;beim&lt;/b&gt;" in html
    assert "neu eingelesen" not in html


def test_a_changed_index_is_noted_visibly() -> None:
    html = render(stored([CITATION]), index_changed=True, changed_documents=["koalition-2021"])
    assert 'class="permalink-note" role="note"' in html and "Geändert: koalition-2021." in html
