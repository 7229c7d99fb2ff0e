"""Which documents a question names, and what is left to search for."""

import pytest

from assistant.scope import named_documents
from domain.types import DocumentInfo

DOCUMENTS = [
    DocumentInfo(
        "industriepolitisches-leitbild-nrw", "Industriepolitisches Leitbild der Landesregierung", "", "", 1, 1, 1, ""
    ),
    DocumentInfo("koalitionsvertrag-bund-2021", "Mehr Fortschritt wagen", "", "", 1, 1, 1, "", aliases=("Ampel",)),
    DocumentInfo("koalitionsvertrag-bund-2013", "Deutschlands Zukunft gestalten", "", "", 1, 1, 1, ""),
    DocumentInfo("energie-nrw", "Energieversorgungsstrategie Nordrhein-Westfalen", "", "", 1, 1, 1, "", date="2019"),
]


@pytest.mark.parametrize(
    ("question", "documents", "query"),
    [
        (
            "Was sagt der Koalitionsvertrag 2021 zum Mindestlohn?",
            ("koalitionsvertrag-bund-2021",),
            "Was sagt zum Mindestlohn?",
        ),
        (
            "Was steht laut Leitbild zur Digitalisierung?",
            ("industriepolitisches-leitbild-nrw",),
            "Was steht zur Digitalisierung?",
        ),
        (
            "Was sagen die Koalitionsverträge zur Rente?",
            ("koalitionsvertrag-bund-2013", "koalitionsvertrag-bund-2021"),
            "Was sagen zur Rente?",
        ),
        ("Was sagt die Energieversorgungsstrategie zu Speichern?", ("energie-nrw",), "Was sagt zu Speichern?"),
        ("Was steht im Vertrag von 2013 zur Maut?", ("koalitionsvertrag-bund-2013",), "Was steht zur Maut?"),
        ("Was plant die Koalition von 2013 zur Maut?", ("koalitionsvertrag-bund-2013",), "Was plant zur Maut?"),
        ("Was sagt der Vertrag aus dem Jahr 2013 zur Maut?", ("koalitionsvertrag-bund-2013",), "Was sagt zur Maut?"),
        # A word for a document that no title uses, with the year it comes from.
        (
            "Wie soll nach den Plänen von Union und SPD aus dem Jahr 2013 schnelles Internet aufs Land kommen?",
            ("koalitionsvertrag-bund-2013",),
            "Wie soll von Union und SPD schnelles Internet aufs Land kommen?",
        ),
        # Only the named document's year leaves the search: 2030 is what is asked about.
        (
            "Was plant der Koalitionsvertrag 2021 für das Jahr 2030?",
            ("koalitionsvertrag-bund-2021",),
            "Was plant für das Jahr 2030?",
        ),
    ],
)
def test_a_named_document_narrows_the_search(question, documents, query):
    naming = named_documents(question, DOCUMENTS)
    assert naming.documents == documents and naming.query == query


@pytest.mark.parametrize(
    "question",
    [
        "Was plant die Landesregierung zum Wasserstoff?",  # "Landesregierung" is in a title but names no document
        "Welche Strategie verfolgt das Land beim Wasserstoff?",  # a bare kind without a year
        "Welche Verträge schließt das Land?",
        "Was plant die Koalition zur Maut?",  # every agreement is a coalition's: only a year says which
        "Was regelt das Gesetz von 2013 zur Maut?",  # a law of that year, not its agreement
        "Welche Pläne hat das Land bis 2013?",  # a year the plans run to, not one they come from
        "Welche Pläne gibt es aus dem Jahr 2030?",  # no document of that year
        "Gibt es Pläne, das Gesetz von 2013 zu ändern?",  # the year is the law's, in another clause
        "Welche Pläne gibt es für das Gesetz von 2013?",  # the year is the law's
    ],
)
def test_questions_that_name_no_document(question):
    assert named_documents(question, DOCUMENTS).documents == ()


def test_naming_the_only_document_changes_nothing():
    naming = named_documents("Wer hat das Vorwort des Leitbilds unterzeichnet?", DOCUMENTS[:1])
    assert naming.documents == () and naming.query == "Wer hat das Vorwort des Leitbilds unterzeichnet?"


@pytest.mark.parametrize(
    ("question", "documents", "query"),
    [
        ("Was plant die Ampel beim Mietrecht?", ("koalitionsvertrag-bund-2021",), "Was plant beim Mietrecht?"),
        (
            "Welche Maßnahmen plant die Ampel-Koalition zum Klimaschutz?",
            ("koalitionsvertrag-bund-2021",),
            "Welche Maßnahmen plant zum Klimaschutz?",
        ),
        (
            "Was sagen die Ampel und der Vertrag von 2013 zur Rente?",
            ("koalitionsvertrag-bund-2013", "koalitionsvertrag-bund-2021"),
            "Was sagen und zur Rente?",
        ),
        (
            "Was steht im Ampelkoalitionsvertrag zur Rente?",
            ("koalitionsvertrag-bund-2021",),
            "Was steht zur Rente?",
        ),
        # a word that only begins like the name names nothing
        ("Wie viele Ampelanlagen gibt es?", (), "Wie viele Ampelanlagen gibt es?"),
        ("Wie viele Ampel-Anlagen gibt es in NRW?", (), "Wie viele Ampel-Anlagen gibt es in NRW?"),
    ],
)
def test_a_name_from_the_sidecar_names_its_document(question, documents, query):
    naming = named_documents(question, DOCUMENTS)
    assert naming.documents == documents and naming.query == query
