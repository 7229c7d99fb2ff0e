"""What kind of answer a question wants: a list of measures, a number, or a fact."""

from __future__ import annotations

import re
from typing import Literal

Intent = Literal["list", "number", "fact"]

_LIST = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bwelche\b.*\b(maßnahmen|schritte|vorhaben|pläne|zusagen|initiativen|programme|projekte|aktivitäten|ansätze)\b",
        r"\bwas\s+(plant|will|wird|tut|unternimmt|möchte|beabsichtigt|macht)\b",
        r"\bwas\s+ist\s+(geplant|vorgesehen|beabsichtigt)\b",
        r"\bwas\s+(soll|sollen)\b.*\b(getan|unternommen|gemacht|passieren)\b",
        r"\bwie\s+(will|möchte|plant|wird|soll)\b.*\b(landesregierung|land|nrw|regierung|politik)\b",
        r"\b(maßnahmen|zusagen|vorhaben)\b.*\?$",
        r"\bwelche\s+davon\b",
        r"\bwomit\s+(will|möchte)\b",
    )
]
_NUMBER = re.compile(
    r"\b(wie\s+(viel|viele|hoch|groß|stark|lange)|wieviel|anteil|prozent|quote|zahl|anzahl|bis wann|wann|"
    r"in welchem jahr|welches jahr|an welchem tag|datum|welchen betrag|mrd|millionen|milliarden|euro)\b",
    re.IGNORECASE,
)


def classify(question: str) -> Intent:
    if any(p.search(question) for p in _LIST):
        return "list"
    if _NUMBER.search(question):
        return "number"
    return "fact"
