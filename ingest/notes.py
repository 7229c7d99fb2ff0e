"""Notes: footnotes at the foot of a page and notes in its margin, read apart from the body.

They are text a reader can look up, but they interrupt the body: a sentence that runs from one page
onto the next ("Außerdem werden wir die Förderung der Elektrolyse" | "in den kommenden Jahren
verdoppeln.") would be cut by them, and a note would run into the sentence's rest. So the body is
read without them, and each note becomes a block of its own, read at the end of its section
(ingest/structure.py), in the section whose text it belongs to.

A page's footnotes are its lowest lines, in type smaller than the body's, from the first of them
that opens with a note's number ("1 Vgl. …", "¹ Vgl. …", or the number on a line of its own) which
the page's body sets as a raised mark ("Wasserstoff¹", ingest/layout.py): small type at the foot
without such a mark (a table, a source line, "100 Prozent Ökostrom bis 2030") stays body text.
Notes in the margin are the lines ingest/layout.py sets apart beside the body ("Rdnr. 11 u.12");
lines of one note follow each other without a paragraph gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.layout import SUPERSCRIPT_DIGITS
from ingest.pdf_lines import Line
from ingest.policy import IngestPolicy

_MARK = f"[{SUPERSCRIPT_DIGITS}]{{1,3}}"
_NUMBER = rf"\d{{1,3}}|{_MARK}"
# "1 Vgl. …", "12 Siehe …", "¹ Ebd.", "1" alone (the text on the next line).
_NOTE_NUMBER = re.compile(rf"^({_NUMBER})(?:\s+\S|\s*$|(?=[A-ZÄÖÜ„\"(]))")
_MARKS = re.compile(_MARK)
_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


@dataclass(frozen=True)
class Note:
    lines: tuple[Line, ...]
    mark: str | None  # the number a footnote opens with; None for a note in the margin

    @property
    def page(self) -> int:
        return self.lines[0].page


def split_notes(lines: list[Line], body_size: float, policy: IngestPolicy) -> tuple[list[Line], list[Note]]:
    """The page's body lines (in reading order) and its notes: those in the margin, then the footnotes."""
    margin: list[list[Line]] = []
    for line in lines:
        if line.margin:
            if margin and not line.blank_before:
                margin[-1].append(line)
            else:
                margin.append([line])
    body, footnotes = _split_footnotes([line for line in lines if not line.margin], body_size, policy)
    notes = [Note(tuple(group), None) for group in margin]
    return body, notes + [Note(tuple(group), note_number(group)) for group in footnotes]


def _split_footnotes(lines: list[Line], body_size: float, policy: IngestPolicy) -> tuple[list[Line], list[list[Line]]]:
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
    footed = set(foot)
    marked = {m for i, line in enumerate(lines) if i not in footed for m in marks(line.text)}

    def opens_note(line: Line) -> bool:
        number = _NOTE_NUMBER.match(line.text)
        return number is not None and number.group(1).translate(_DIGITS) in marked

    start = next((k for k, i in enumerate(foot) if opens_note(lines[i])), None)
    if start is None:
        return lines, []
    notes: list[list[Line]] = []
    for i in foot[start:]:
        line = lines[i]
        if not notes or (opens_note(line) and not _bare_number(notes[-1])):
            notes.append([line])
        else:
            notes[-1].append(line)  # the note's next line, even if it opens with a number ("20 GG; …")
    taken = set(foot[start:])
    return [line for i, line in enumerate(lines) if i not in taken], notes


def marks(text: str) -> list[str]:
    """The note marks a line sets ("Wasserstoff¹" → ["1"])."""
    return [m.translate(_DIGITS) for m in _MARKS.findall(text)]


def note_number(note: list[Line]) -> str:
    """The number a footnote opens with ("1 Vgl. …" and "¹ Vgl. …" → "1")."""
    number = _NOTE_NUMBER.match(note[0].text)
    return number.group(1).translate(_DIGITS) if number else ""


def _bare_number(note: list[Line]) -> bool:
    """A note so far only its number, set on a line of its own: its text is the next line."""
    return len(note) == 1 and bool(re.fullmatch(_NUMBER, note[0].text.strip()))
