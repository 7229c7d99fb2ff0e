"""German sentence boundaries, aware of abbreviations ("z.B.", "Mrd.", "Prof. Dr.") and enumerators."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    [
        "z.b",
        "u.a",
        "bzw",
        "ca",
        "mrd",
        "mio",
        "nr",
        "prof",
        "dr",
        "d.h",
        "ggf",
        "etc",
        "sog",
        "vgl",
        "u.ä",
        "i.d.r",
        "abb",
        "st",
        "e.v",
        "z.t",
        "usw",
        "evtl",
        "inkl",
        "max",
        "min",
        "rd",
        "bzgl",
        "gem",
        "insb",
        "ff",
        "s",
        "abs",
        "art",
        "kap",
        "tab",
        "zzgl",
        "i.v.m",
        "o.ä",
        "u.a.m.",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[“\")]?\s+(?=[„\"'(]?[A-ZÄÖÜ0-9])")
_ENUMERATOR = re.compile(r"^\s*\d{1,2}[.)]$")
# "im 15. Deutschen Bundestag", "des 21. Jahrhunderts", "am 1. Juli": after an article or a
# preposition, a small number with a full stop is an ordinal, not the end of a sentence.
_ORDINAL = re.compile(
    r"\b(?:der|die|das|des|dem|den|im|am|zum|vom|zur|beim|ab|seit|bis|vor|nach|ihrem|seinem|unserem|jedes|jeden)"
    r"\s+\d{1,2}\.$",
    re.IGNORECASE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text; the spans cover every non-space character."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        before = text[start : match.start() + 1]
        last_token = before.split()[-1].lower().rstrip(".") if before.split() else ""
        if last_token in ABBREVIATIONS or (len(last_token) == 1 and last_token.isalpha()):
            continue
        if _ENUMERATOR.match(text[start:end]):
            continue  # "1. Die nordrhein-westfälische Industrie …": the number belongs to the item
        if _ORDINAL.search(text[start:end]):
            continue
        spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
