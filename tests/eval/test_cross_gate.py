"""CI gate on questions several documents answer (eval/gold-cross/), asked over the whole related
collection as a user asks who has chosen no document: each answering agreement's position is cited,
and every quote stands on its PDF page."""

from __future__ import annotations

import pytest

from domain.settings import PROJECT_ROOT
from eval.gate import baseline_path, flipped, violations
from eval.gold import load_gold
from eval.runner import PdfPages, run_system

pytestmark = [pytest.mark.related, pytest.mark.model]

GOLD = PROJECT_ROOT / "eval" / "gold-cross"


def test_every_question_is_answered_by_several_documents():
    gold = load_gold(GOLD)
    assert len(gold) >= 6
    for question in gold:
        assert not question.filter and question.document is None, question.id
        assert len({s.document for s in question.support}) >= 2, question.id


def test_answers_cite_every_answering_document(related_assistant):
    run = run_system(related_assistant, load_gold(GOLD), "hybrid", PdfPages(related_assistant))
    problems = violations(run.metrics, "cross")
    if problems:
        changed = flipped(run, baseline_path(GOLD)) or ["(keine Einzelfrage gegenüber der Basis verschlechtert)"]
        missing = [
            f"{o.gold.id}: {o.document_coverage():.2f} der Dokumente zitiert"
            for o in run.outcomes
            if (o.document_coverage() or 1.0) < 1.0
        ]
        raise AssertionError("\n".join(problems + changed + missing))


def test_every_gold_quote_stands_on_its_pdf_page(related_assistant):
    pages = PdfPages(related_assistant)
    misplaced = [
        f"{q.id}: {s.document} S. {s.page} „{s.quote[:60]}…“"
        for q in load_gold(GOLD)
        for s in q.support
        if not pages.contains(s.document, s.page, s.quote)
    ]
    assert not misplaced, "\n".join(misplaced)
