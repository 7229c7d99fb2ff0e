"""Follow-up questions without an LLM: detect them, then carry the previous topic over.

"Und welche davon betreffen auch das Handwerk?" refers back ("davon") to what the last answer
listed. The assistant re-derives that answer's passages from the previous question (answers are
deterministic) and searches only among them, with the new question's own words. Other
back-references ("Und was ist dazu geplant?") search for both questions together. A question that
names its own topic and has no back-reference is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.german import BACK_REFERENCE, CONDITIONAL_CONTINUATION, CONTINUATION, SUBSET, terms

MAX_OWN_TERMS = 3  # "Und für das Handwerk?" continues a topic; a longer question brings its own


@dataclass(frozen=True)
class Turn:
    role: str  # "user" | "assistant"
    content: str


@dataclass(frozen=True)
class Resolution:
    query: str  # what retrieval searches for
    previous_question: str | None  # the question this one follows up, if any
    narrows: bool  # "welche davon": answer from the previous answer's passages only


def resolve(question: str, history: Sequence[Turn] | None) -> Resolution:
    previous = next((t.content for t in reversed(history or []) if t.role == "user" and t.content.strip()), None)
    if previous is None:
        return Resolution(question, None, False)
    back_reference = bool(BACK_REFERENCE.search(question))
    continuation = bool(CONTINUATION.match(question))
    conditional = bool(CONDITIONAL_CONTINUATION.match(question))
    if not back_reference and not conditional and not (continuation and len(terms(question)) <= MAX_OWN_TERMS):
        return Resolution(question, None, False)  # stands on its own
    if SUBSET.search(question):
        return Resolution(question, previous, True)
    return Resolution(f"{previous} {question}", previous, False)
