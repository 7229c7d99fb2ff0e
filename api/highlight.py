"""Find where a citation's quote lies in its passage text, so the sources panel can mark it.

The quote is verbatim text of the page, but the passage may join lines, hyphenated words or a
page break differently. Matching on letters and digits only (casefolded) bridges those
differences; the offsets are mapped back to the passage text the browser shows.
"""

from __future__ import annotations


def _letters_with_offsets(text: str) -> tuple[str, list[int]]:
    letters: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isalnum():
            folded = ch.casefold()
            letters.append(folded)
            offsets.extend([i] * len(folded))  # "ß".casefold() == "ss": both letters point at one char
    return "".join(letters), offsets


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """(start, end) of `quote` in `text`, end exclusive, or None if it is not there."""
    if not quote.strip():
        return None
    exact = text.find(quote)
    if exact >= 0:
        return exact, exact + len(quote)
    haystack, offsets = _letters_with_offsets(text)
    needle, _ = _letters_with_offsets(quote)
    if not needle:
        return None
    at = haystack.find(needle)
    if at < 0:
        return None
    start = offsets[at]
    end = offsets[at + len(needle) - 1] + 1
    # Keep closing punctuation the quote ends with ("… ausbauen.") inside the mark.
    tail = quote.rstrip()[-1]
    if not tail.isalnum() and end < len(text) and text[end] == tail:
        end += 1
    return start, end
