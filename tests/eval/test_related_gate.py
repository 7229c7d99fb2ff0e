"""CI gate on real documents the assistant was not tuned on: the gold questions of eval/gold/ over
the coalition agreements in ../shared/corpus/related/, answered from the index `make setup` builds
of them (var/related-index, with the Leitbild beside them), held to each document's thresholds."""

from __future__ import annotations

import pytest

from domain.settings import PROJECT_ROOT
from eval.gate import baseline_path, flipped, violations
from eval.gold import load_gold
from eval.runner import PdfPages, run_system

pytestmark = [pytest.mark.related, pytest.mark.model]

GOLD = PROJECT_ROOT / "eval" / "gold"


@pytest.fixture(scope="module")
def related_run(related_assistant):
    return run_system(related_assistant, load_gold(GOLD), "hybrid", PdfPages(related_assistant))


def test_every_gold_document_is_in_the_index(related_run):
    asked = {o.gold.document for o in related_run.outcomes}
    assert asked == set(related_run.by_document)
    assert {p.stem for p in GOLD.glob("*.yaml")} <= asked


def test_each_document_meets_its_thresholds(related_run):
    problems = [
        f"{document}: {problem}"
        for document, metrics in related_run.by_document.items()
        for problem in violations(metrics, "related")
    ]
    if problems:
        changed = flipped(related_run, baseline_path(GOLD)) or [
            "(keine Einzelfrage gegenüber der Basis verschlechtert)"
        ]
        raise AssertionError("\n".join(problems) + "\nVerschlechterte Fragen:\n" + "\n".join(changed))


def test_every_gold_quote_stands_on_its_pdf_page(related_assistant):
    """`page` is the PDF page (not the printed number): a support on the wrong page would make the
    gate reward a wrong citation."""
    pages = PdfPages(related_assistant)
    misplaced = [
        f"{q.id}: S. {s.page} „{s.quote[:60]}…“"
        for q in load_gold(GOLD)
        for s in q.support
        if not pages.contains(s.document or q.document, s.page, s.quote)
    ]
    assert not misplaced, "\n".join(misplaced)
