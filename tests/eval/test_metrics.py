"""The eval counts a quote a person confirmed as wrong as a failure when it is cited again."""

from __future__ import annotations

from eval.gold import GoldQuestion, Support
from eval.metrics import Outcome, summarize


def outcome(wrong: tuple[Support, ...], quotes: list[str]) -> Outcome:
    gold = GoldQuestion("q", "Frage?", "fact", (Support(4, "Wir werden das Netz ausbauen."),), wrong=wrong)
    citations = [{"quote": q, "page": 4, "document": "d"} for q in quotes]
    return Outcome(gold, {"abstained": False, "citations": citations}, 1.0)


WRONG = (Support(5, "Die Stadtwerke betreiben die Anlage."),)


def test_citing_a_confirmed_wrong_quote_again_fails() -> None:
    # Spacing, hyphenation and case do not hide it.
    again = outcome(WRONG, ["Wir werden das Netz ausbauen.", "die Stadt-werke betreiben die  Anlage"])
    fixed = outcome(WRONG, ["Wir werden das Netz ausbauen."])
    assert again.cites_wrong() and not fixed.cites_wrong()
    assert summarize([again, fixed])["wrong_cited"] == 0.5
    assert summarize([fixed])["wrong_cited"] == 0.0


def test_questions_without_wrong_quotes_do_not_count() -> None:
    plain = outcome((), ["Die Stadtwerke betreiben die Anlage."])
    assert not plain.cites_wrong()
    assert summarize([plain])["wrong_cited"] == 0.0


def test_a_quote_continued_on_the_next_page_keeps_its_rank() -> None:
    gold = GoldQuestion("q", "Frage?", "fact", (Support(8, "Das Netz wird bis 2030 ausgebaut."),))
    citations = [
        {"quote": "Wir werden eine", "page": 7, "document": "d", "passage_id": "d:p1"},
        {"quote": "zweiwöchige Freistellung einführen.", "page": 8, "document": "d", "passage_id": "d:p1"},
        {"quote": "Das Netz wird bis 2030 ausgebaut.", "page": 8, "document": "d", "passage_id": "d:p2"},
    ]
    assert Outcome(gold, {"abstained": False, "citations": citations}, 1.0).hit_rank() == 2
    separate = [dict(c, passage_id=f"d:p{i}") for i, c in enumerate(citations)]
    assert Outcome(gold, {"abstained": False, "citations": separate}, 1.0).hit_rank() == 3


def test_document_coverage_counts_the_answering_documents_cited() -> None:
    support = (
        Support(51, "Ein Mindestlohn von 8,50 Euro wird eingeführt.", "kv2013"),
        Support(70, "Der Mindestlohn steigt auf zwölf Euro.", "kv2021"),
    )
    gold = GoldQuestion("q", "Was sagen die Verträge zum Mindestlohn?", "fact", support)
    both = [
        {"quote": "Ein Mindestlohn von 8,50 Euro wird eingeführt.", "page": 51, "document": "kv2013"},
        {"quote": "Der Mindestlohn steigt auf zwölf Euro.", "page": 70, "document": "kv2021"},
    ]
    # A quote of one document's wording under the other document's name does not count for it.
    one = [both[0], {"quote": "Der Mindestlohn steigt auf zwölf Euro.", "page": 70, "document": "kv2013"}]
    covered = Outcome(gold, {"abstained": False, "citations": both}, 1.0)
    half = Outcome(gold, {"abstained": False, "citations": one}, 1.0)
    assert covered.document_coverage() == 1.0 and half.document_coverage() == 0.5
    assert summarize([covered, half])["document_coverage"] == 0.75
    # A gold set whose questions one document answers each reports no such figure.
    single = Outcome(GoldQuestion("s", "Frage?", "fact", (support[0],)), {"abstained": False, "citations": both}, 1.0)
    assert single.document_coverage() is None and "document_coverage" not in summarize([single])
