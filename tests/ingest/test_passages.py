"""Passages from blocks: prose chunked along sentences, never between the parts of a sentence that a
page break cut."""

from domain.types import Span, Unit
from ingest.pages import BlockText
from ingest.passages import build_passages
from ingest.policy import IngestPolicy
from ingest.structure import Block


def _paragraph(*units: tuple[int, str]) -> BlockText:
    built = tuple(Unit(text, Span(page, 0, len(text))) for page, text in units)
    return BlockText(Block("paragraph", ("Abschnitt",)), " ".join(u.text for u in built), built, built[0].span.page)


def test_prose_is_chunked_between_sentences_but_not_inside_one():
    paragraph = _paragraph(
        (1, "Familien brauchen Zeit füreinander."),
        (1, "Deshalb werden wir nach der Geburt eine"),
        (2, "zweiwöchige vergütete Freistellung einführen."),
        (2, "Das gilt auch für Alleinerziehende."),
    )
    passages = build_passages("doc", "Dokument", [paragraph], {}, IngestPolicy(chunk_chars=80))
    assert [[u.text for u in p.units] for p in passages] == [
        ["Familien brauchen Zeit füreinander."],
        ["Deshalb werden wir nach der Geburt eine", "zweiwöchige vergütete Freistellung einführen."],
        ["Das gilt auch für Alleinerziehende."],
    ]
    assert passages[1].page == 1


def test_a_finished_sentence_at_the_page_end_may_end_a_chunk():
    paragraph = _paragraph((1, "Familien brauchen Zeit füreinander."), (2, "Das gilt auch für Alleinerziehende."))
    passages = build_passages("doc", "Dokument", [paragraph], {}, IngestPolicy(chunk_chars=40))
    assert len(passages) == 2
