"""Clean extracted text: Unicode, whitespace and line-end hyphenation, with offsets kept.

Line-end hyphens are ambiguous in German: "Wettbe-" + "werbsfähige" is one word split
by the typesetter, while "Aus-" + "und Weiterbildung" and "FuE-" + "Ausgaben" are real
hyphens. We decide from the next word and from compounds that the same document writes
with a hyphen inside a line ("Start-up"); the rule itself is domain/german.py `hyphen_join`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from domain.german import hyphen_join

_TRANSLATE = str.maketrans(
    {
        "\u00ad": None,  # soft hyphen
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\ufb01": "fi",
        "\ufb02": "fl",
    }
)
_STANDALONE = re.compile(r"(?:^|(?<=[\s(„\"']))([a-zäöüß]{4,})(?=[\s,.;:!?)“\"']|$)")
# A lower-case word glued to a number: "mindestens15"; names keep theirs ("Zwanzig20", "Covid19").
_GLUED_NUMBER = re.compile(r"(?<![\wÄÖÜäöüß])([a-zäöüß]{4,})(?=\d)")
_COMPOUND = re.compile(r"\b[\wÄÖÜäöüß]+(?:-[\wÄÖÜäöüß]+)+\b")
_INNER_CAPITAL = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wÄÖÜäöüß]*[A-ZÄÖÜ][\wÄÖÜäöüß]*(?![\w-])")


def normalize(text: str) -> str:
    """NFC, typographic spaces and ligatures unified; keeps length-changing steps explicit."""
    return unicodedata.normalize("NFC", text).translate(_TRANSLATE)


def known_compounds(lines: Iterable[str]) -> frozenset[str]:
    """How the document spells words inside lines: hyphenated pairs, lower-cased ({"start-up", "up-szene"}
    from "Start-up-Szene"), and words with a capital inside, as written ("BaFin", "NATO"), which tell
    that "Ba-" + "Fin" at a line end is the typesetter's split."""
    found: set[str] = set()
    for line in lines:
        text = normalize(line)
        for match in _COMPOUND.finditer(text):
            parts = match.group(0).lower().split("-")
            found.update(f"{a}-{b}" for a, b in zip(parts, parts[1:], strict=False))
        found.update(_INNER_CAPITAL.findall(text))
    return frozenset(found)


def standalone_words(lines: Iterable[str]) -> frozenset[str]:
    """Lower-case words the document writes on their own, between spaces or punctuation: the
    evidence that "mindestens15" is "mindestens" and a number whose space the text layer lost."""
    found: set[str] = set()
    for line in lines:
        found.update(match.group(1) for match in _STANDALONE.finditer(normalize(line)))
    return frozenset(found)


@dataclass(frozen=True)
class CleanText:
    text: str
    to_raw: tuple[int, ...]  # to_raw[i] = raw offset of text[i]


def join_lines(
    pieces: Sequence[tuple[str, int]], compounds: frozenset[str], words: frozenset[str] = frozenset()
) -> CleanText:
    """Join (line text, raw offset) pieces into one clean string with a raw offset per character.
    `words` (standalone_words) lets a number glued to a known word get its space back."""
    out: list[str] = []
    to_raw: list[int] = []
    for index, (line, raw_start) in enumerate(pieces):
        text, offsets = _clean_line(line, raw_start)
        if words:
            text, offsets = _unglue_numbers(text, offsets, words)
        if not text:
            continue
        if out:
            previous = "".join(out[-60:])
            if previous.endswith("-") and index > 0:
                joiner = hyphen_join(previous, text, compounds)
                if joiner == "":
                    out.pop()
                    to_raw.pop()
                elif joiner == "- ":
                    out.append(" ")
                    to_raw.append(to_raw[-1])
            else:
                out.append(" ")
                to_raw.append(to_raw[-1])
        out.extend(text)
        to_raw.extend(offsets)
    return CleanText(text="".join(out), to_raw=tuple(to_raw))


def _clean_line(line: str, raw_start: int) -> tuple[str, list[int]]:
    """Normalise one line and collapse its whitespace, tracking each kept character's raw offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(line):
        mapped = normalize(ch)
        if not mapped:
            continue
        for m in mapped:
            if m.isspace():
                if not chars or chars[-1] == " ":
                    continue
                m = " "
            chars.append(m)
            offsets.append(raw_start + i)
    while chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets


def _unglue_numbers(text: str, offsets: list[int], words: frozenset[str]) -> tuple[str, list[int]]:
    """Put back the space between a known word and the number after it; the space maps to the
    number's first character in the raw text."""
    cuts = [m.end() for m in _GLUED_NUMBER.finditer(text) if m.group(1) in words]
    if not cuts:
        return text, offsets
    chars, mapped, last = [], [], 0
    for cut in cuts:
        chars.append(text[last:cut] + " ")
        mapped.extend(offsets[last:cut] + [offsets[cut]])
        last = cut
    chars.append(text[last:])
    mapped.extend(offsets[last:])
    return "".join(chars), mapped
