"""The page numbers a document prints, checked against each other.

A citation says "S. 57" because the page says 57, not because it is the 58th sheet of the file.
Candidates come from the edge lines of each page (ingest/furniture.py); a number counts when
it keeps a steady offset from the PDF page index over several pages (2021: printed = PDF page
− 1; 2013: − 2; an annex that starts its own count keeps its own offset). A number that agrees
with no other page's offset (a year at the foot of a chart) is not a page number. The PDF's
/PageLabels are not trusted on their own (2021's claim PDF page + 1); they only break a tie
between two candidates on one page.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.policy import DEFAULT_POLICY, IngestPolicy

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(text: str) -> int | None:
    text = text.lower()
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for ch, nxt in zip(text, text[1:] + " ", strict=True):
        value = _ROMAN[ch]
        total += -value if nxt in _ROMAN and _ROMAN[nxt] > value else value
    return total


def _key(value: str, index: int) -> tuple[str, int] | None:
    """The offset a printed value has from the 0-based PDF page index, per numbering system."""
    if re.fullmatch(r"\d{1,4}", value):
        return "arabic", int(value) - index
    roman = roman_value(value)
    if roman is not None:
        return "roman", roman - index
    return None


def resolve(
    candidates: list[list[str]], labels: list[str | None] | None = None, policy: IngestPolicy = DEFAULT_POLICY
) -> list[str | None]:
    """Each page's printed number, or None where it prints none (or nothing consistent)."""
    support: Counter[tuple[str, int]] = Counter()
    for index, values in enumerate(candidates):
        support.update({key for value in values if (key := _key(value, index)) is not None})
    numbered = sum(1 for values in candidates if values)
    steady = {key for key, count in support.items() if count >= policy.page_number_min_pages}
    if not numbered or sum(support[key] for key in steady) < policy.page_number_agreement * numbered:
        # Too few pages agree for any offset to be trusted (or nothing is printed).
        steady = {key for key in steady if support[key] >= policy.page_number_agreement * numbered}
    printed: list[str | None] = []
    for index, values in enumerate(candidates):
        agreeing = [v for v in values if _key(v, index) in steady]
        if len(set(agreeing)) > 1 and labels and labels[index] in agreeing:
            agreeing = [labels[index]]
        printed.append(max(agreeing, key=lambda v: support[_key(v, index)]) if agreeing else None)
    return printed
