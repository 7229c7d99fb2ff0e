"""Render: the German answer text around the verified quotes, with [n] markers, one quote per line."""

from __future__ import annotations

from domain.german import Intent
from domain.types import Answer, Citation


def render(question: str, intent: Intent, citations: list[Citation]) -> Answer:
    if not citations:
        return Answer.abstain(question)
    titles = {c.title for c in citations}
    single = len(titles) == 1
    source = f"„{next(iter(titles))}“" if single else "Die vorliegenden Dokumente"
    listing = intent == "list" and len(citations) > 1
    if listing:
        lead = (
            f"Das Dokument {source} nennt dazu folgende Maßnahmen:"
            if single
            else f"{source} nennen dazu folgende Maßnahmen:"
        )
    else:
        lead = f"Das Dokument {source} sagt dazu:" if single else f"{source} sagen dazu:"
    lines = [lead, ""]
    for c in citations:
        where = f"S. {c.page}" if single else f"{c.title}, S. {c.page}"
        lines.append(f"{'– ' if listing else ''}„{c.quote}“ ({where}) [{c.n}]")
    return Answer(question, "\n".join(lines), False, tuple(citations))
