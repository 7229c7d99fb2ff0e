"""The read-only page of a stored answer, `/a/{id}`: rendered on the server, complete without JavaScript.

It shows the answer exactly as it was given (text, [n] markers, every source with its quote and the
cited page as an image) and says so visibly when the index has changed since.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlencode

from api.archive import ArchivedAnswer
from api.formats import pdf_link

_MARKER = re.compile(r"\[(\d+)\]")


def page_label(citation: dict) -> str:
    """ "S. 57" with the number printed on the page when known, else the PDF page."""
    return f"S. {citation.get('printed_page') or citation['page']}"


def _answer_html(text: str, numbers: set[int]) -> str:
    out, last = [], 0
    for match in _MARKER.finditer(text):
        out.append(escape(text[last : match.start()]))
        n = int(match.group(1))
        marker = escape(match.group(0))
        out.append(f'<a class="marker" href="#quelle-{n}">{marker}</a>' if n in numbers else marker)
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)  # line breaks stay as they are: .answer-text keeps white space


def _source(citation: dict) -> str:
    n = int(citation["n"])
    page = int(citation["page"])
    image = f"/api/documents/{quote(citation['document'], safe='')}/pages/{page}.png?" + urlencode(
        {"passage": citation["passage_id"], "quote": citation["quote"]}
    )
    section = (
        f'<p class="permalink-section">Abschnitt: {escape(citation["section"])}</p>' if citation.get("section") else ""
    )
    label = page_label(citation)
    # The PDF viewer counts PDF pages; say which one when the printed number differs.
    pdf_page = f" (PDF-Seite {page})" if citation.get("printed_page") not in (None, str(page)) else ""
    return f"""
      <li class="permalink-source" id="quelle-{n}">
        <p class="permalink-source-head"><strong>[{n}]</strong> {escape(citation["title"])}, {escape(label)}</p>
        {section}
        <blockquote class="source-passage"><mark>{escape(citation["quote"])}</mark></blockquote>
        <p><a class="pdf-link" href="{escape(pdf_link(citation["document"], page))}" target="_blank"
          rel="noopener noreferrer">PDF auf {escape(label)} öffnen{pdf_page}</a></p>
        <details class="page-image-details">
          <summary>Seite {page} als Bild mit markiertem Zitat</summary>
          <img class="page-image" loading="lazy" src="{escape(image)}"
            alt="PDF-Seite {page} von „{escape(citation["title"])}“, das Zitat [{n}] gelb markiert">
        </details>
      </li>"""


def render(stored: ArchivedAnswer, *, index_changed: bool, changed_documents: list[str]) -> str:
    answer = stored.answer
    citations = answer.get("citations", [])
    numbers = {int(c["n"]) for c in citations}
    when = stored.created_at.astimezone().strftime("%d.%m.%Y, %H:%M Uhr")
    notes = []
    if index_changed or changed_documents:
        changed = f" Geändert: {escape(', '.join(changed_documents))}." if changed_documents else ""
        notes.append(
            '<p class="permalink-note" role="note"><strong>Hinweis:</strong> Die Dokumente wurden seit dieser '
            f"Antwort neu eingelesen (Index {escape(stored.index_version)} → jetzt ein neuerer).{changed} "
            "Die Antwort steht hier so, wie sie damals gegeben wurde; eine neue Frage kann anders ausfallen.</p>"
        )
    history = "".join(
        f'<li class="permalink-turn"><span class="muted">{"Frage" if role == "user" else "Antwort"}:</span> '
        f"{escape(content)}</li>"
        for role, content in stored.history
    )
    history_html = (
        f'<details class="permalink-history"><summary>Vorherige Unterhaltung</summary><ol>{history}</ol></details>'
        if history
        else ""
    )
    sources = "".join(_source(c) for c in citations)
    sources_html = (
        f'<h3>Quellen</h3><ol class="permalink-sources">{sources}</ol>'
        f'<p class="export-links">Quellen exportieren: <a href="/api/answers/{stored.id}/sources?format=xlsx">Excel (XLSX)</a>'
        f' · <a href="/api/answers/{stored.id}/sources?format=csv&amp;dialect=excel-de">CSV für Excel</a></p>'
        if citations
        else ""
    )
    return f"""<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Antwort: {escape(stored.question[:80])} – Leitbild-Assistent</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/static/app.css">
  <script type="module" src="/static/permalink.js"></script>
</head>
<body>
  <a class="skip-link" href="#main">Zur Antwort springen</a>
  <header class="site-header">
    <h1 class="brand">Leitbild-Assistent</h1>
    <nav aria-label="Hauptnavigation">
      <ul class="nav-links">
        <li><a href="/">Chat</a></li>
        <li><a href="/zusagen">Zusagen</a></li>
        <li><a href="/docs">API</a></li>
      </ul>
    </nav>
  </header>
  <main class="permalink" id="main" data-answer-id="{escape(stored.id)}">
    <h2 class="permalink-heading">Gespeicherte Antwort</h2>
    <p class="muted">Gegeben am {escape(when)} · Index {escape(stored.index_version)}</p>
    {"".join(notes)}
    {history_html}
    <p class="question" id="permalink-question">{escape(stored.question)}</p>
    <div class="answer">
      <p class="answer-text" id="permalink-answer">{_answer_html(answer.get("answer", ""), numbers)}</p>
    </div>
    <p class="answer-actions"><button type="button" class="copy" id="copy-link">Link kopieren</button>
      <span class="copy-status" id="copy-status" role="status"></span></p>
    {sources_html}
  </main>
</body>
</html>
"""
