"""Render: the German answer text around the verified quotes, with [n] markers, one quote per line
(a quote that runs onto the next page on one line, with the page and marker of each part).

When several documents answer, the answer is grouped by document: each document's title (and
year) as a heading with its quotes beneath, so "Was sagen die Dokumente zum Mindestlohn?" shows
each document's position side by side. Citations are renumbered so each group's are consecutive.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from domain.german import Intent, hyphen_join
from domain.types import Answer, AnswerGroup, Citation, DocumentInfo


def render(
    question: str, intent: Intent, citations: list[Citation], documents: Mapping[str, DocumentInfo] | None = None
) -> Answer:
    if not citations:
        return Answer.abstain(question)
    documents = documents or {}
    order = list(dict.fromkeys(c.document for c in citations))
    ranked = sorted(citations, key=lambda c: order.index(c.document))
    citations = [dataclasses.replace(c, n=n) for n, c in enumerate(ranked, start=1)]
    groups = tuple(
        AnswerGroup(
            document,
            next(c.title for c in citations if c.document == document),
            documents[document].year if document in documents else None,
            tuple(c.n for c in citations if c.document == document),
        )
        for document in order
    )
    listing = intent == "list" and len(citations) > 1
    single = len(groups) == 1
    lines = [_lead(groups, listing), ""]
    for group in groups:
        if not single:
            lines += ([""] if lines[-1] else []) + [_heading(group)]
        for quote in _quotes([citations[n - 1] for n in group.citations]):
            text = _read_on([c.quote for c in quote])
            pages = ", ".join(f"(S. {c.printed_page or c.page}) [{c.n}]" for c in quote)
            lines.append(f"{'– ' if listing else ''}„{text}“ {pages}")
    return Answer(question, "\n".join(lines), False, tuple(citations), groups)


def _quotes(citations: list[Citation]) -> list[list[Citation]]:
    """Citations as the reader's quotes: the part of a quote on the next page (same passage) joins
    the part before it on one line, „Wir werden eine zweiwöchige … einführen.“ (S. 100) [1], (S. 101) [2]."""
    quotes: list[list[Citation]] = []
    for c in citations:
        if quotes and c.continues(quotes[-1][-1]):
            quotes[-1].append(c)
        else:
            quotes.append([c])
    return quotes


def _read_on(parts: list[str]) -> str:
    """The parts of a quote a page break cut, read as one: "unterstüt-" + "zen." is "unterstützen.",
    "Aus-" + "und Weiterbildung" keeps its hyphen, by the rule the ingest joins lines with (without the
    document's own hyphenated compounds, which the answer does not know: "Start-" + "ups" reads "Startups")."""
    text = parts[0]
    for part in parts[1:]:
        joint = hyphen_join(text, part, frozenset()) if text.endswith("-") else " "
        if joint == "":
            text = text[:-1]  # the typesetter's hyphen
        text += part if joint in ("", "-") else " " + part
    return text


def _lead(groups: tuple[AnswerGroup, ...], listing: bool) -> str:
    if len(groups) == 1:
        source = f"Das Dokument „{groups[0].title}“"
        return f"{source} nennt dazu folgende Maßnahmen:" if listing else f"{source} sagt dazu:"
    return (
        "Die vorliegenden Dokumente nennen dazu folgende Maßnahmen:"
        if listing
        else "Die vorliegenden Dokumente sagen dazu:"
    )


def _heading(group: AnswerGroup) -> str:
    return f"„{group.title}“" + (f" ({group.year})" if group.year else "") + ":"
