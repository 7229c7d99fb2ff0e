"""Answers over the real coalition agreements (../shared/corpus/related, indexed with the Leitbild
by `make setup` into var/related-index): a question several documents answer is grouped by document."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.related, pytest.mark.model]


def test_a_question_several_agreements_answer_is_grouped_by_document(related_assistant):
    answer = related_assistant.ask("Was sagen die Koalitionsverträge zum Mindestlohn?")
    assert not answer.abstained
    documents = [group.document for group in answer.groups]
    assert len(documents) >= 2 and len(set(documents)) == len(documents)
    assert all(d.startswith("koalitionsvertrag-bund-") for d in documents)  # the question names the agreements
    by_number = {c.n: c for c in answer.citations}
    # Every citation stands in exactly one group, the group of its own document, under a heading with the
    # document's title and year; the readable answer shows each heading.
    assert sorted(n for group in answer.groups for n in group.citations) == sorted(by_number)
    for group in answer.groups:
        assert {by_number[n].document for n in group.citations} == {group.document}
        assert group.year and group.year in group.document
        assert group.title in answer.answer
    assert any("indestlohn" in c.quote for c in answer.citations)


def test_each_agreement_that_speaks_of_it_has_its_say(related_assistant):
    # 2013's passages on the minimum wage rank above every other agreement's best but one; each
    # agreement still shows its own position, 2021's "zwölf Euro" among them.
    answer = related_assistant.ask("Was sagen die Koalitionsverträge zum Mindestlohn?")
    documents = {c.document for c in answer.citations}
    assert {"koalitionsvertrag-bund-2009", "koalitionsvertrag-bund-2013", "koalitionsvertrag-bund-2021"} <= documents
    assert any("zwölf Euro" in c.quote for c in answer.citations if c.document == "koalitionsvertrag-bund-2021")


def test_naming_one_agreement_answers_from_it_alone(related_assistant):
    answer = related_assistant.ask("Was sagt der Koalitionsvertrag 2013 zum Mindestlohn?")
    assert not answer.abstained
    assert {c.document for c in answer.citations} == {"koalitionsvertrag-bund-2013"}
    assert any("8,50" in c.quote for c in answer.citations)


def test_the_catalog_search_finds_commitments_written_in_prose(related_assistant):
    # The 2013 agreement states its measures in sentences; a search once found only its few list items.
    found = related_assistant.commitments(query="Mindestlohn", documents=["koalitionsvertrag-bund-2013"])
    assert found and all(c.document == "koalitionsvertrag-bund-2013" for c in found)
    assert any("8,50 Euro" in c.text and c.source == "prose" for c in found[:3])
    # Of a paragraph, only the sentences about the query: not "Dazu setzen wir auf den Ideenreichtum …"
    # beside "Wir wollen: gute Arbeit für alle" in the paragraph of the chapter's summary.
    assert not any("Ideenreichtum" in c.text for c in found)


def test_the_judge_measures_a_larger_document_by_its_own_baseline(related_assistant):
    # The 2013 agreement has five times the Leitbild's passages: questions it cannot answer come closer
    # to some passage. Read with the Leitbild's levels, this one was answered from the MINT paragraph.
    kopftuch = "Dürfen Lehrerinnen an staatlichen Schulen ein Kopftuch tragen?"
    assert related_assistant.ask(kopftuch, documents=["koalitionsvertrag-bund-2013"]).abstained
    fixed = related_assistant.policy.model_copy(
        update={"judge": related_assistant.policy.judge.model_copy(update={"probe_reference": None})}
    )
    unshifted = type(related_assistant)(related_assistant.settings, data=related_assistant.data, policy=fixed)
    assert not unshifted.ask(kopftuch, documents=["koalitionsvertrag-bund-2013"]).abstained
    # A question it answers still is answered.
    mindestlohn = "Wie hoch soll der flächendeckende gesetzliche Mindestlohn sein?"
    assert not related_assistant.ask(mindestlohn, documents=["koalitionsvertrag-bund-2013"]).abstained
