"""Answers across two strategies: each citation names the document it comes from, and the
document filter holds for questions and for the commitment catalog."""

from __future__ import annotations

from tests.conftest import LEITBILD_ID
from tests.support.corpus import ENERGY_COMMITMENTS, ENERGY_ID, ENERGY_TITLE, STORAGE_QUESTION

LEITBILD_QUESTION = "Bis wann sollen alle Gewerbegebiete an Gigabitnetze angeschlossen werden?"


def test_fact_of_the_second_strategy_cites_it(two_documents_assistant):
    answer = two_documents_assistant.ask(STORAGE_QUESTION)
    assert not answer.abstained
    first = answer.citations[0]
    assert (first.document, first.title, first.page, first.section) == (ENERGY_ID, ENERGY_TITLE, 4, "2.2 Wärmespeicher")
    assert "480 Quartierswärmespeicher" in first.quote
    assert ENERGY_TITLE in answer.answer


def test_leitbild_fact_still_cites_the_leitbild(two_documents_assistant):
    answer = two_documents_assistant.ask(LEITBILD_QUESTION)
    assert answer.citations and answer.citations[0].document == LEITBILD_ID
    assert answer.citations[0].page == 20


def test_document_filter_holds_for_questions(two_documents_assistant):
    only_leitbild = two_documents_assistant.ask(STORAGE_QUESTION, documents=[LEITBILD_ID])
    assert all(c.document == LEITBILD_ID for c in only_leitbild.citations)
    assert not any("480" in c.quote for c in only_leitbild.citations)
    only_energy = two_documents_assistant.ask(LEITBILD_QUESTION, documents=[ENERGY_ID])
    assert all(c.document == ENERGY_ID for c in only_energy.citations)
    both = two_documents_assistant.ask(STORAGE_QUESTION, documents=[LEITBILD_ID, ENERGY_ID])
    assert both.citations[0].document == ENERGY_ID


def test_measures_question_lists_the_second_strategys_commitments(two_documents_assistant):
    answer = two_documents_assistant.ask("Welche Maßnahmen sind für Wärmespeicher geplant?", documents=[ENERGY_ID])
    assert {c.quote for c in answer.citations} == set(ENERGY_COMMITMENTS)


def test_document_filter_holds_for_commitments(two_documents_assistant):
    energy = two_documents_assistant.commitments(documents=[ENERGY_ID])
    assert [c.text for c in energy] == list(ENERGY_COMMITMENTS)
    assert {(c.document, c.title) for c in energy} == {(ENERGY_ID, ENERGY_TITLE)}
    leitbild = two_documents_assistant.commitments(documents=[LEITBILD_ID])
    assert len(leitbild) == 136 and {c.document for c in leitbild} == {LEITBILD_ID}
    assert len(two_documents_assistant.commitments()) == 140
    searched = two_documents_assistant.commitments(query="Landesagentur für Wärmenetze", documents=[LEITBILD_ID])
    assert all(c.document == LEITBILD_ID for c in searched)
