"""Footnotes: the notes set in small type at the foot of a page, under the body.

They are text a reader can look up, but they interrupt the body: a sentence that runs from one page
onto the next ("Außerdem werden wir die Förderung der Elektrolyse" | "in den kommenden Jahren
verdoppeln.") would be cut by them, and the note would run into the sentence's rest. So the body is
read without them, and each note becomes a block of its own, read at the end of its section
(ingest/structure.py).

A page's footnotes are its lowest lines, in type smaller than the body's, from the first of them
that opens with a note's number ("1 Vgl. …", "¹ Vgl. …", or the number on a line of its own).
"""

from __future__ import annotations

import re

from ingest.pdf_lines import Line
from ingest.policy import IngestPolicy

# "1 Vgl. …", "12 Siehe …", "¹ Ebd.", "1" alone (the text on the next line), "*) …".
_NOTE_NUMBER = re.compile(r"^(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\*\)?)(?:\s+\S|\s*$|(?=[A-ZÄÖÜ„\"(]))")


def split_footnotes(lines: list[Line], body_size: float, policy: IngestPolicy) -> tuple[list[Line], list[list[Line]]]:
    """The page's body lines (in reading order) and its footnotes, each a list of lines."""
    if not lines or body_size <= 0:
        return lines, []
    small = policy.footnote_size * body_size
    lowest = sorted(range(len(lines)), key=lambda i: lines[i].y)  # bottom of the page first
    foot: list[int] = []
    for i in lowest:
        if lines[i].size > small:
            break
        foot.append(i)
    foot.sort(key=lambda i: -lines[i].y)  # top to bottom
    start = next((k for k, i in enumerate(foot) if _NOTE_NUMBER.match(lines[i].text)), None)
    if start is None or len(foot) == len(lines):
        return lines, []  # no note number, or a page all in small type (a table, an imprint)
    notes: list[list[Line]] = []
    for i in foot[start:]:
        line = lines[i]
        if not notes or (_NOTE_NUMBER.match(line.text) and not _bare_number(notes[-1])):
            notes.append([line])
        else:
            notes[-1].append(line)
    taken = set(foot[start:])
    return [line for i, line in enumerate(lines) if i not in taken], notes


def _bare_number(note: list[Line]) -> bool:
    """A note so far only its number, set on a line of its own: its text is the next line."""
    return len(note) == 1 and bool(re.fullmatch(r"\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}", note[0].text.strip()))
