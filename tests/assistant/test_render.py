"""The German answer text around the quotes."""

from assistant.render import render
from domain.types import ABSTENTION_TEXT, Citation, DocumentInfo


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


def test_no_citation_is_an_abstention():
    answer = render("Frage?", "fact", [])
    assert answer.abstained and answer.answer == ABSTENTION_TEXT


def test_several_documents_are_grouped_with_title_and_year():
    documents = {
        "kv21": DocumentInfo("kv21", "Mehr Fortschritt wagen", "", "", 1, 1, 1, "", date="2021-12-07"),
        "kv13": DocumentInfo("kv13", "Deutschlands Zukunft gestalten", "", "", 1, 1, 1, ""),
    }
    cited = [
        Citation(1, "kv21", "Mehr Fortschritt wagen", 58, "Arbeit", "zwölf Euro", "kv21:p1", 0.9, printed_page="57"),
        Citation(2, "kv13", "Deutschlands Zukunft gestalten", 68, "Arbeit", "8,50 Euro", "kv13:p1", 0.8),
        Citation(3, "kv21", "Mehr Fortschritt wagen", 70, "Arbeit", "Mindestlohnkommission", "kv21:p2", 0.7),
    ]
    answer = render("Was sagen die Dokumente zum Mindestlohn?", "fact", cited, documents)
    assert answer.answer.splitlines() == [
        "Die vorliegenden Dokumente sagen dazu:",
        "",
        "„Mehr Fortschritt wagen“ (2021):",
        "„zwölf Euro“ (S. 57) [1]",
        "„Mindestlohnkommission“ (S. 70) [2]",
        "",
        "„Deutschlands Zukunft gestalten“:",
        "„8,50 Euro“ (S. 68) [3]",
    ]
    assert [(c.n, c.quote) for c in answer.citations] == [
        (1, "zwölf Euro"),
        (2, "Mindestlohnkommission"),
        (3, "8,50 Euro"),
    ]
    assert [(g.document, g.year, g.citations) for g in answer.groups] == [
        ("kv21", "2021", (1, 2)),
        ("kv13", None, (3,)),
    ]


def test_a_quote_continued_on_the_next_page_is_one_line():
    first = Citation(1, "doc", "Leitbild", 7, "Abschnitt", "Wir werden eine", "doc:p0001", 1.0, printed_page="6")
    rest = Citation(2, "doc", "Leitbild", 8, "Abschnitt", "Freistellung einführen.", "doc:p0001", 1.0, printed_page="7")
    other = Citation(3, "doc", "Leitbild", 9, "Abschnitt", "Zitat 3", "doc:p0002", 1.0)
    answer = render("Frage?", "fact", [first, rest, other])
    assert answer.answer.splitlines()[2:] == [
        "„Wir werden eine Freistellung einführen.“ (S. 6) [1], (S. 7) [2]",
        "„Zitat 3“ (S. 9) [3]",
    ]
    assert [c.n for c in answer.citations] == [1, 2, 3]  # the JSON keeps one citation per page


def test_a_word_split_by_the_page_break_reads_as_one_word():
    def part(n, page, quote, passage="doc:p0001"):
        return Citation(n, "doc", "KV", page, "Abschnitt", quote, passage, 1.0)

    answer = render("Frage?", "fact", [part(1, 53, "Wir wollen Arbeiten unterstüt-"), part(2, 54, "zen.")])
    assert answer.answer.splitlines()[2] == "„Wir wollen Arbeiten unterstützen.“ (S. 53) [1], (S. 54) [2]"
    answer = render("Frage?", "fact", [part(1, 53, "Wir stärken die Aus-"), part(2, 54, "und Weiterbildung.")])
    assert answer.answer.splitlines()[2] == "„Wir stärken die Aus- und Weiterbildung.“ (S. 53) [1], (S. 54) [2]"
    assert [c.quote for c in answer.citations] == ["Wir stärken die Aus-", "und Weiterbildung."]  # verbatim per page
