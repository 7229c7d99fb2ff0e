"""Small government-style PDFs drawn with reportlab, so the tests need no files from outside.

A page is a list of (kind, text) items: "title" (large, centred), "heading", "para",
"bullet", "intro" (a list intro such as "Wir werden:"), "line" (a paragraph's next line), "toc" (an entry "text|page" with the
page number right-aligned, as layout programs set it) and "image" (a drawing, no text).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 72, WIDTH - 72, HEIGHT - 90, 80
LINE, GAP = 14, 14  # line height and the extra space that makes a paragraph gap (as in the Leitbild)
Item = tuple[str, str]


def write_pdf(
    path: Path,
    pages: list[list[Item]],
    *,
    header: str | None = None,
    footer: str | None = "Seite {n} von {total}",
    title: str | None = None,
    chars_per_line: int = 78,
) -> Path:
    """Draw `pages`; the running header and footer go on every page but the first."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    if title:
        pdf.setTitle(title)
    pdf.setAuthor("Testfall")
    total = len(pages)
    for number, items in enumerate(pages, start=1):
        if number > 1 and header:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(LEFT, HEIGHT - 50, header)
        if number > 1 and footer:
            pdf.setFont("Helvetica", 9)
            pdf.drawCentredString(WIDTH / 2, 40, footer.format(n=number, total=total))
        y = TOP
        for kind, text in items:
            y = _draw(pdf, kind, text, y, chars_per_line)
        pdf.showPage()
    pdf.save()
    return path


def _draw(pdf: canvas.Canvas, kind: str, text: str, y: float, chars_per_line: int) -> float:
    if kind == "image":
        # Shapes only: what a scanned page looks like to a text extractor.
        pdf.setFillGray(0.6)
        pdf.rect(LEFT, y - 300, RIGHT - LEFT, 300, fill=1, stroke=0)
        pdf.circle(WIDTH / 2, y - 150, 80, fill=0, stroke=1)
        return y - 320
    if kind == "title":
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawCentredString(WIDTH / 2, y, text)
        return y - 2 * LINE - GAP
    if kind == "toc":
        entry, page = text.rsplit("|", 1)
        pdf.setFont("Helvetica", 11)
        pdf.drawString(LEFT, y, entry)
        pdf.drawRightString(RIGHT, y, page)
        return y - LINE - 4
    if kind == "line":  # one more line of the paragraph above, wrapped where the caller says
        pdf.setFont("Helvetica", 11)
        pdf.drawString(LEFT, y, text)
        return y - LINE
    y -= GAP  # every other item starts after a paragraph gap
    font = "Helvetica-Bold" if kind == "heading" else "Helvetica"
    pdf.setFont(font, 11)
    indent = 14 if kind == "bullet" else 0
    lines = textwrap.wrap(text, chars_per_line - (3 if kind == "bullet" else 0))
    for i, line in enumerate(lines):
        if kind == "bullet" and i == 0:
            pdf.drawString(LEFT, y, "•")  # a separate glyph, as layout programs set bullets
        pdf.drawString(LEFT + indent, y, line)
        y -= LINE
    return y


def write_one_page_pdf(path: Path, title: str, heading: str, lines: list[str]) -> Path:
    """A one-page PDF with a metadata title, a heading line and body lines (reportlab, built-in font)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica", 16)
    pdf.drawString(60, 780, heading)
    pdf.setFont("Helvetica", 11)
    for i, line in enumerate(lines):
        pdf.drawString(60, 750 - 20 * i, line)
    pdf.showPage()
    pdf.save()
    return path
