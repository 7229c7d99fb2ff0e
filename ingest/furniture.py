"""Page furniture: what a layout repeats on its pages and a reader skips.

Running headers and footers (also those that carry the chapter name), page numbers, tables of
contents, covers and their repeated slogans, imprints and web-address lines are not content:
indexed, they would make every page look alike to retrieval, duplicate every heading and turn up
as titles. They are recognised by position (the edge lines of a page), size (display type on the
first pages) and repetition, and only where wording is the one sign (an imprint's "Impressum")
by the tables below, which a new publisher's wording extends.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ingest.pdf_lines import Line, RawPage
from ingest.policy import DEFAULT_POLICY, IngestPolicy
from ingest.printed_pages import resolve

# A page number as printed: "5", "- 19 -", "– 20 –", "20/132", "Seite 5", "Seite 5 von 9", "S. 5",
# "IV", and beside a running title: "Koalitionsvertrag | 57", "57 | Koalitionsvertrag".
_NUMBER = r"(?:\d{1,4}|[IVXLC]{1,7}|[ivxlc]{1,7})"
PAGE_NUMBER_FORMS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?:Seite|S\.|Page)?\s*(?P<n>{_NUMBER})(?:\s*(?:/|von|of)\s*\d{{1,4}})?", re.IGNORECASE),
    re.compile(rf"[-–—]\s*(?P<n>{_NUMBER})\s*[-–—]"),
    re.compile(r"(?P<n>\d{1,4})\s*[|·•]\s*\S.*"),
    re.compile(r"\S.*[|·•]\s*(?P<n>\d{1,4})"),
)
TOC_TITLE = re.compile(r"^(Inhalt|Inhaltsverzeichnis|Inhaltsübersicht|Gliederung)$", re.IGNORECASE)
# "3.2 Netze ........ 7", "Netze … 7", "Netze      7": leaders or a wide space before the page number.
TOC_LEADER_LINE = re.compile(r"(\.{3,}|…+|\s{3,})\s*\d{1,3}$")
# On a page titled "Inhalt", an entry is any line ending in a page number after a space.
TOC_ENTRY = re.compile(r"\S.*\s\d{1,3}$")
# Lines that open an imprint block; what follows them below on the page is the imprint.
IMPRINT_HEADS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^Impressum\b", re.IGNORECASE),
    re.compile(r"^Herausgeber(in)?\s*:", re.IGNORECASE),
    re.compile(r"^V\.\s?i\.\s?S\.\s?d\.\s?P\.", re.IGNORECASE),
    re.compile(r"^Verantwortlich für den Inhalt", re.IGNORECASE),
)
# A line that is nothing but web addresses ("SPD.DE / GRUENE.DE / FDP.DE", "www.land.nrw").
_ADDRESS = re.compile(r"(https?://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:de|com|org|net|eu|nrw|info)\b/?\S*)", re.I)
_SEPARATORS = re.compile(r"[\s/|·•,;–-]+")


def page_number(text: str) -> str | None:
    """The number a page-number line prints ("– 20 –" → "20", "Seite IV" → "IV"), else None."""
    text = " ".join(text.split())
    for form in PAGE_NUMBER_FORMS:
        match = form.fullmatch(text)
        if match:
            return match.group("n")
    return None


@dataclass(frozen=True)
class Furniture:
    """What each page's lines are: kinds[page index][line index] for the lines that are furniture."""

    kinds: tuple[dict[int, str], ...]
    body_size: float  # the font size most characters of the document are set in
    printed: tuple[str | None, ...]  # each page's printed number, None where it prints none

    def kept(self, pages: tuple[RawPage, ...]) -> list[list[Line]]:
        return [
            [ln for i, ln in enumerate(page.lines) if i not in kinds]
            for page, kinds in zip(pages, self.kinds, strict=True)
        ]


def _shape(text: str) -> str:
    """Running lines differ only in their numbers ("Seite 3 von 9", "Seite 4 von 9")."""
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _edges(lines: tuple[Line, ...], count: int) -> list[int]:
    """Indexes of the topmost and lowest lines, by position: layout programs often draw the header
    and footer first, so list order says nothing."""
    by_height = sorted(range(len(lines)), key=lambda i: -lines[i].y)
    return sorted(set(by_height[:count]) | set(by_height[-count:]))


def body_size(pages: tuple[RawPage, ...]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def classify(
    pages: tuple[RawPage, ...], labels: list[str | None] | None = None, policy: IngestPolicy = DEFAULT_POLICY
) -> Furniture:
    """Mark every furniture line of the document with its kind and find its printed page numbers."""
    kinds: list[dict[int, str]] = [{} for _ in pages]
    body = body_size(pages)
    printed = _mark_page_numbers(pages, kinds, labels, policy)
    _mark_running(pages, kinds, policy)
    _mark_imprints(pages, kinds, body, policy)
    _mark_addresses(pages, kinds)
    _mark_covers(pages, kinds, body, policy)
    _mark_tables_of_contents(pages, kinds, policy)
    return Furniture(tuple(kinds), body, tuple(printed))


def _mark_page_numbers(
    pages: tuple[RawPage, ...], kinds: list[dict[int, str]], labels: list[str | None] | None, policy: IngestPolicy
) -> list[str | None]:
    """Page-number lines near an edge: removed when they are the outermost line or when their
    number is the page's printed number by the document's steady offset (ingest/printed_pages.py);
    a lone number deeper in the page that fits no offset is text."""
    found: list[list[tuple[int, str]]] = []
    for page in pages:
        edges = _edges(page.lines, policy.edge_lines_numbers)
        found.append([(i, value) for i in edges if (value := page_number(page.lines[i].text)) is not None])
    printed = resolve([[value for _, value in items] for items in found], labels, policy)
    for page, marks, items, number in zip(pages, kinds, found, printed, strict=True):
        outermost = set(_edges(page.lines, 1))
        for i, value in items:
            if i in outermost or value == number:
                marks[i] = "page_number"
    return printed


def _mark_running(pages: tuple[RawPage, ...], kinds: list[dict[int, str]], policy: IngestPolicy) -> None:
    """Lines at a page edge whose shape recurs at the edges of most pages, or at the same place on
    several pages (a running header that names the chapter changes with the chapter)."""
    if len(pages) < policy.min_pages_for_running:
        return
    edge_shapes: list[dict[int, str]] = []
    counts: Counter[str] = Counter()
    placed: Counter[tuple[str, int]] = Counter()
    for page in pages:
        shapes = {i: _shape(page.lines[i].text) for i in _edges(page.lines, policy.edge_lines)}
        edge_shapes.append(shapes)
        counts.update(set(shapes.values()))
        placed.update({(shape, round(page.lines[i].y)) for i, shape in shapes.items()})
    # A title page rarely carries the running header, so a three-page document shows it twice.
    needed = max(2, math.ceil(len(pages) * policy.running_share))
    for page, marks, shapes in zip(pages, kinds, edge_shapes, strict=True):
        for i, shape in shapes.items():
            if i in marks:
                continue
            y = round(page.lines[i].y)
            same_place = max(placed[(shape, y + d)] for d in (-1, 0, 1))
            if counts[shape] >= needed or same_place >= policy.chapter_header_pages:
                marks[i] = "running"


def _mark_imprints(pages: tuple[RawPage, ...], kinds: list[dict[int, str]], body: float, policy: IngestPolicy) -> None:
    """An imprint heading and the block below it (aligned with it) are not content."""
    for page, marks in zip(pages, kinds, strict=True):
        for i, line in enumerate(page.lines):
            if not any(head.match(line.text.strip()) for head in IMPRINT_HEADS):
                continue
            reach = policy.imprint_reach * (line.size or body)
            for j, other in enumerate(page.lines):
                if j == i or (other.y <= line.y and abs(other.x0 - line.x0) <= reach):
                    marks.setdefault(j, "imprint")


def _mark_addresses(pages: tuple[RawPage, ...], kinds: list[dict[int, str]]) -> None:
    for page, marks in zip(pages, kinds, strict=True):
        for i, line in enumerate(page.lines):
            rest = _SEPARATORS.sub("", _ADDRESS.sub("", line.text))
            if _ADDRESS.search(line.text) and not rest:
                marks.setdefault(i, "address")


def _mark_covers(pages: tuple[RawPage, ...], kinds: list[dict[int, str]], body: float, policy: IngestPolicy) -> None:
    """Cover and title pages (mostly display type) and the lines the first pages repeat."""
    first = list(range(min(policy.cover_pages, len(pages))))
    candidates = first + ([len(pages) - 1] if len(pages) > policy.cover_pages else [])
    display = policy.title_size_ratio * body
    texts: dict[int, str] = {}
    for p in candidates:
        lines = [(i, ln) for i, ln in enumerate(pages[p].lines) if i not in kinds[p]]
        chars = sum(len(ln.text) for _, ln in lines)
        large = sum(len(ln.text) for _, ln in lines if ln.size >= display)
        if chars and large * 2 >= chars:
            for i, _ in lines:
                kinds[p][i] = "cover"
        texts[p] = _words(" ".join(ln.text for _, ln in lines))
    for p in first:
        for i, line in enumerate(pages[p].lines):
            words = _words(line.text)
            if i in kinds[p] or line.size < display or len(words.split()) < 2:
                continue
            if any(q != p and f" {words} " in f" {text} " for q, text in texts.items()):
                kinds[p][i] = "cover"


def _mark_tables_of_contents(pages: tuple[RawPage, ...], kinds: list[dict[int, str]], policy: IngestPolicy) -> None:
    """Tables of contents repeat the headings: a page of leader lines, or a titled list of entries
    that end in page numbers or recur later as lines of the document, and the pages continuing it."""
    # Where each line set apart from the text above it (a heading) stands last.
    last_seen: dict[str, int] = {}
    for p, page in enumerate(pages):
        for line in page.lines:
            if line.blank_before:
                last_seen[_entry_key(line.text)] = p
    in_toc = False
    for p, (page, marks) in enumerate(zip(pages, kinds, strict=True)):
        lines = sorted(((i, ln) for i, ln in enumerate(page.lines) if i not in marks), key=lambda item: -item[1].y)
        if not lines:
            continue
        leaders = [i for i, ln in lines if TOC_LEADER_LINE.search(ln.text.strip())]
        if len(leaders) >= 3 and len(leaders) >= len(lines) // 2:
            for i, _ in lines:
                marks[i] = "toc"
            in_toc = True
            continue
        start = next((k for k, (_, ln) in enumerate(lines[:4]) if TOC_TITLE.match(ln.text.strip())), None)
        body = lines[start + 1 :] if start is not None else lines
        entries = {
            i
            for i, ln in body
            if TOC_ENTRY.match(ln.text.strip())
            or (_heading_like(ln.text, policy) and last_seen.get(_entry_key(ln.text), -1) > p)
        }
        # Most lines of the page are entries: the page is (a page of) the table of contents, also
        # without a title ("PRÄAMBEL", "1.1. Bildungsbündnisse vor Ort", … recurring as headings).
        whole = len(entries) >= 3 and len(entries) * 10 >= len(body) * 7
        titled = (start is not None or in_toc) and len(entries) >= 2 and len(entries) * 2 >= len(body)
        if not (whole or titled):
            in_toc = False
            continue
        if start is not None:
            marks[lines[start][0]] = "toc"
        for i, _ in body:
            if whole or i in entries:
                marks[i] = "toc"
        in_toc = whole


def _heading_like(text: str, policy: IngestPolicy) -> bool:
    """Short enough to be a heading the entry points to, long enough to name something."""
    return len(text.strip()) <= policy.heading_max_chars and len(_entry_key(text).split()) >= 2


def _entry_key(text: str) -> str:
    """A table-of-contents entry without leaders and page number, as its heading reads later."""
    text = re.sub(r"(\.{2,}|…+)?\s*\d{1,3}$", "", text.strip())
    return _words(text)


def strip_furniture(pages: tuple[RawPage, ...], policy: IngestPolicy = DEFAULT_POLICY) -> list[list[Line]]:
    """Each page's content lines: without furniture."""
    return classify(pages, policy=policy).kept(pages)
