"""Follow-up questions without an LLM: detect them, then carry the previous topic over.

"Und welche davon betreffen auch das Handwerk?" refers back ("davon") to what the last
answer listed. We re-derive that answer's passages from the previous question (answers are
deterministic) and search only among them, with the new question's own words. A question
that names its own topic and has no back-reference is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.lexical import terms

_BACK_REFERENCE = re.compile(
    r"\b(davon|darunter|dabei|dazu|daran|darin|dafür|diese[rnms]?|deren|dessen|jene[rnms]?|genannten|erwähnten)\b",
    re.IGNORECASE,
)
# Only these pick a subset of what was just listed; "dazu" or "dabei" ask something new about the topic.
_SUBSET = re.compile(r"\b(davon|darunter|welche\s+(dieser|der\s+genannten|der\s+maßnahmen))\b", re.IGNORECASE)
_OPENING = re.compile(r"^\s*(und|aber|auch|sowie|oder|was ist mit|wie steht es mit)\b", re.IGNORECASE)


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
    back_reference = bool(_BACK_REFERENCE.search(question))
    opening = bool(_OPENING.match(question))
    own_terms = terms(question)
    if not back_reference and not (opening and len(own_terms) <= 3):
        return Resolution(question, None, False)  # stands on its own
    return Resolution(f"{previous} {question}", previous, bool(_SUBSET.search(question)))
