"""The German answer text around the quotes."""

from assistant.render import render
from domain.types import ABSTENTION_TEXT, Citation


def _citation(n, title="Leitbild", page=3):
    return Citation(n, "doc", title, page, "Abschnitt", f"Zitat {n}", f"doc:p{n:04d}", 1.0)


def test_one_document_fact_answer():
    answer = render("Frage?", "fact", [_citation(1)])
    assert answer.answer == "Das Dokument „Leitbild“ sagt dazu:\n\n„Zitat 1“ (S. 3) [1]"
    assert not answer.abstained


def test_list_answer_names_measures_as_a_list():
    answer = render("Welche Maßnahmen?", "list", [_citation(1), _citation(2, page=4)])
    assert answer.answer.splitlines() == [
        "Das Dokument „Leitbild“ nennt dazu folgende Maßnahmen:",
        "",
        "– „Zitat 1“ (S. 3) [1]",
        "– „Zitat 2“ (S. 4) [2]",
    ]


def test_several_documents_name_their_titles():
    answer = render("Frage?", "fact", [_citation(1), _citation(2, title="Strategie")])
    assert answer.answer.startswith("Die vorliegenden Dokumente sagen dazu:")
    assert "(Strategie, S. 3) [2]" in answer.answer


def test_no_citation_is_an_abstention():
    answer = render("Frage?", "fact", [])
    assert answer.abstained and answer.answer == ABSTENTION_TEXT
