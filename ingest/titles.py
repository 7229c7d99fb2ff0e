"""A document's title, in this order: the sidecar's, the PDF's metadata title when it is a real
title, the title a reader sees on the first pages, the first heading, the file name.

Authoring tools fill the metadata title with what they know: "Microsoft Word - Gesamt …doc",
"Koa-Vertrag - Endfassung _11.11._.doc", the file name, "untitled". Those are not titles. The
title a reader sees is the largest type on the first page that has display type, with a
subtitle set directly below it in the next size; running headers, web-address lines, imprints
and tables of contents never qualify (ingest/furniture.py marks them). Covers set titles in
capitals; the words are re-cased as the document itself writes them elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ingest.furniture import Furniture
from ingest.pdf_lines import Line, RawPage
from ingest.policy import DEFAULT_POLICY, IngestPolicy

# Titles that authoring tools write on their own: they name the tool or the file, not the document.
_PLACEHOLDER_TITLE = re.compile(
    r"^(untitled|unbenannt|ohne titel|titel|title|dokument\d*|document\d*|folie\s*\d*|slide\s*\d*)$"
    r"|^microsoft (word|powerpoint|excel) - |\.(docx?|pptx?|xlsx?|odt|rtf|indd|pdf|qxp|tmp)$",
    re.IGNORECASE,
)
_NOT_TITLE_KINDS = frozenset({"running", "page_number", "address", "imprint", "toc"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def metadata_title(title: str | None, path: Path) -> str | None:
    """The metadata title when it is a real title, else None."""
    title = " ".join((title or "").split())
    if len(title) < 4 or _PLACEHOLDER_TITLE.search(title):
        return None
    if _squash(title) == _squash(path.stem) or (" " not in title and re.search(r"[_.]", title)):
        return None  # the file name again ("koalitionsvertrag_2021", "KV_final.v3")
    return title


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def visible_title(
    pages: tuple[RawPage, ...], furniture: Furniture, policy: IngestPolicy = DEFAULT_POLICY
) -> str | None:
    """The title set in display type on the first pages, or None where there is none."""
    display = policy.title_size_ratio * furniture.body_size
    for p, page in enumerate(pages[: policy.title_pages]):
        lines = sorted(
            (ln for i, ln in enumerate(page.lines) if furniture.kinds[p].get(i) not in _NOT_TITLE_KINDS),
            key=lambda ln: -ln.y,
        )
        large = [ln for ln in lines if ln.size >= display and _WORD.search(ln.text)]
        if not large:
            continue
        top = max(ln.size for ln in large)
        blocks = _blocks([ln for ln in lines if abs(ln.size - top) < 0.05 * top], policy)
        parts = [_text(block, pages) for block in blocks]
        below = [ln for ln in lines if ln.y < blocks[-1][-1].y]
        if below and display <= below[0].size < top:
            same = [ln for ln in below if abs(ln.size - below[0].size) < 0.05 * below[0].size]
            subtitle = _blocks(same, policy)[0]
            if len(" – ".join([*parts, _text(subtitle, pages)])) <= policy.title_max_chars:
                parts.append(_text(subtitle, pages))
        title = " – ".join(parts)
        if len(title) <= policy.title_max_chars:
            return title
    return None


def _text(block: list[Line], pages: tuple[RawPage, ...]) -> str:
    return recase(" ".join(" ".join(ln.text for ln in block).split()), pages)


def _blocks(lines: list[Line], policy: IngestPolicy) -> list[list[Line]]:
    """Lines of one size, top to bottom, split where the gap is wider than a title's leading."""
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks and blocks[-1][-1].y - line.y <= policy.display_leading * line.size:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def recase(title: str, pages: tuple[RawPage, ...]) -> str:
    """A title in capitals, with each word as the document writes it in running text
    ("DER KOALITIONSVERTRAG ZWISCHEN CDU" → "Der Koalitionsvertrag zwischen CDU")."""
    letters = [ch for ch in title if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
        return title
    spellings: dict[str, Counter[str]] = {}
    for page in pages:
        for line in page.lines:
            words = _WORD.findall(line.text)
            if sum(w.isupper() for w in words) * 2 > len(words):
                continue  # a line in capitals says nothing about how its words are written
            for k, word in enumerate(words):
                if k == 0 and word[:1].isupper():
                    continue  # a capital at the start of a line may be the start of a sentence
                spellings.setdefault(word.casefold(), Counter())[word] += 1
    first = True

    def spell(match: re.Match[str]) -> str:
        nonlocal first
        word = match.group(0)
        known = spellings.get(word.casefold())
        written = known.most_common(1)[0][0] if known else word.capitalize()
        if first or title[max(0, match.start() - 2) : match.start()].strip() in (".", "–", "-", ":"):
            written = written[:1].upper() + written[1:]
        first = False
        return written

    return _WORD.sub(spell, title)
