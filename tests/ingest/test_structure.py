"""Blocks from lines: which line opens a numbered item and which goes on with the sentence before."""

from ingest.furniture import Furniture
from ingest.pdf_lines import Line, RawPage
from ingest.structure import NUMBERED_ITEM, detect_blocks


def _page(*lines: tuple[str, bool]) -> tuple[RawPage, ...]:
    built, offset = [], 0
    for n, (text, gap) in enumerate(lines):
        built.append(Line(1, text, 700.0 - 14 * n, offset, gap, 72.0, 500.0, 10.0, "Body"))
        offset += len(text) + 1
    return (RawPage(1, "\n".join(t for t, _ in lines), tuple(built)),)


def _blocks(pages):
    return [(b.kind, [ln.text for ln in b.lines]) for b in detect_blocks(pages, Furniture(({},), 10.0, (None,)))]


def test_a_date_at_the_line_start_is_no_list_number():
    assert NUMBERED_ITEM.match("3. Wir stärken die Industrie")
    assert NUMBERED_ITEM.match("12) Mai-Kundgebungen")
    assert not NUMBERED_ITEM.match("10. Juni 2017 mit Wirkung zum 1. Januar 2018")
    assert not NUMBERED_ITEM.match("1. Januar 2017 gilt das Mindestlohnniveau.")


def test_a_number_that_goes_on_with_an_unfinished_sentence_stays_in_its_paragraph():
    pages = _page(
        ("Die Höhe wird in regelmäßigen Abständen – erstmals zum", True),
        ("10. Sitzung der Kommission – überprüft und angepasst.", False),
        ("Unsere Ziele:", True),
        ("1. Wir stärken die Industrie.", True),
        ("2. Wir bauen Netze aus.", True),
    )
    blocks = _blocks(pages)
    assert blocks[0] == (
        "paragraph",
        [
            "Die Höhe wird in regelmäßigen Abständen – erstmals zum",
            "10. Sitzung der Kommission – überprüft und angepasst.",
        ],
    )
    assert [kind for kind, _ in blocks[-2:]] == ["vision_item", "vision_item"]
