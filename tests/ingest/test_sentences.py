"""Sentence boundaries: abbreviations, enumerators and ordinals do not end a sentence."""

from __future__ import annotations

from ingest.sentences import sentence_spans


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_ordinals_after_an_article_or_preposition_do_not_end_a_sentence():
    text = "Die im 15. Deutschen Bundestag beschlossenen Gesetze gelten weiter. Er tritt am 1. Juli 2026 in Kraft."
    assert _split(text) == [
        "Die im 15. Deutschen Bundestag beschlossenen Gesetze gelten weiter.",
        "Er tritt am 1. Juli 2026 in Kraft.",
    ]


def test_a_year_at_the_end_of_a_sentence_ends_it():
    assert _split("Wir wollen das bis 2030. Danach gilt der neue Plan.") == [
        "Wir wollen das bis 2030.",
        "Danach gilt der neue Plan.",
    ]


def test_abbreviations_and_enumerators():
    assert _split("Das gilt z. B. für Mrd. Euro. 1. Die Industrie bleibt stark.") == [
        "Das gilt z. B. für Mrd. Euro.",
        "1. Die Industrie bleibt stark.",
    ]
