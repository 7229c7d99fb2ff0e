"""Answers from the real index and model: citations, quotes on their pages, abstention, follow-ups."""

import pytest
from pypdf import PdfReader

from assistant import QuestionError
from assistant.followup import Turn
from domain.types import ABSTENTION_TEXT
from eval.gold import letters

QUESTIONS = [
    "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?",
    "Wie viele Studierende sind an nordrhein-westfälischen Hochschulen eingeschrieben?",
    "Was plant die Landesregierung für Blockchain?",
    "Bis wann sollen alle Gewerbegebiete an Gigabitnetze angeschlossen werden?",
    "Was will das Land für die Fachkräfte tun?",
    "Wie steht es um die Energieversorgung der Industrie?",
]
UNANSWERABLE = [
    "Wie sind die Öffnungszeiten der NRW.BANK?",
    "Wann sind in NRW Schulferien?",
    "Wann findet das Industriefestival in Köln statt?",
    "Wie hoch ist der Mindestlohn in NRW?",
]


@pytest.fixture(scope="module")
def pdf_pages(leitbild_pdf):
    return [letters(page.extract_text()) for page in PdfReader(str(leitbild_pdf)).pages]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_quote_stands_on_its_page(assistant, pdf_pages, question):
    answer = assistant.ask(question)
    assert not answer.abstained
    assert answer.citations
    pages = {p.number: p for p in assistant.data.pages["industriepolitisches-leitbild-nrw"]}
    for citation in answer.citations:
        assert 0 < len(citation.quote) <= 600
        assert citation.quote in pages[citation.page].clean_text
        assert letters(citation.quote) in pdf_pages[citation.page - 1], (citation.page, citation.quote)
        assert f"[{citation.n}]" in answer.answer
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))


def test_list_question_names_the_commitments(assistant):
    answer = assistant.ask("Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?")
    quotes = " ".join(c.quote for c in answer.citations)
    assert "Digitalisierungsinitiative für den Mittelstand" in quotes
    assert "NRW.BANK.Digitalisierungskredit" in quotes
    assert len(answer.citations) >= 3
    assert answer.answer.startswith("Das Dokument „Industriepolitisches Leitbild")
    assert all(c.section for c in answer.citations)


def test_whole_handlungsfeld_is_listed(assistant):
    answer = assistant.ask("Welche Maßnahmen plant die Landesregierung für eine digitale Zukunft aller Unternehmen?")
    sections = {c.section for c in answer.citations}
    assert sections == {"Für eine digitale Zukunft aller Unternehmen"}
    assert len(answer.citations) == 6


def test_number_question_quotes_the_number(assistant):
    answer = assistant.ask("Wie viele Studierende sind an nordrhein-westfälischen Hochschulen eingeschrieben?")
    assert "750.000 Studierende" in answer.citations[0].quote
    assert answer.citations[0].page == 8


def test_gigabit_commitment_cited_whole(assistant):
    answer = assistant.ask("Bis wann sollen alle Gewerbegebiete an Gigabitnetze angeschlossen werden?")
    assert answer.citations[0].quote == (
        "flächendeckend konvergente Gigabitnetze schaffen und alle Gewerbegebiete bis 2022 anschließen."
    )
    assert answer.citations[0].page == 20
    assert answer.citations[0].section == "Für höhere Investitionen"


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_abstains_when_documents_say_nothing(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained
    assert answer.answer == ABSTENTION_TEXT
    assert answer.citations == ()


def test_follow_up_narrows_to_previous_answer(assistant):
    first = "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"
    answer = assistant.ask(
        "Und welche davon betreffen auch das Handwerk?",
        history=[Turn("user", first), Turn("assistant", assistant.ask(first).answer)],
    )
    assert not answer.abstained
    assert "NRW.BANK.Digitalisierungskredit" in answer.citations[0].quote
    assert answer.citations[0].page == 24


def test_standalone_question_is_not_bent_by_history(assistant):
    history = [Turn("user", "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?")]
    alone = assistant.ask("Was plant die Landesregierung für Blockchain?")
    after = assistant.ask("Was plant die Landesregierung für Blockchain?", history=history)
    assert [c.quote for c in after.citations] == [c.quote for c in alone.citations]


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "leer"), ("   \n ", "leer"), ("Warum? " * 200, "zu lang")],
)
def test_bad_questions_are_refused(assistant, question, message):
    with pytest.raises(QuestionError, match=message):
        assistant.ask(question)


def test_unknown_document_filter_is_refused(assistant):
    with pytest.raises(QuestionError, match="Unbekannte Dokument-ID: gibt-es-nicht"):
        assistant.ask("Was plant die Landesregierung?", documents=["gibt-es-nicht"])


def test_document_filter_keeps_answers_in_the_document(assistant):
    answer = assistant.ask(
        "Was plant die Landesregierung für Blockchain?", documents=["industriepolitisches-leitbild-nrw"]
    )
    assert {c.document for c in answer.citations} == {"industriepolitisches-leitbild-nrw"}
