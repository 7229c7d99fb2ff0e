"""Run the gold set through `Assistant.ask` for each retrieval system and collect the metrics."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from assistant import Assistant
from assistant.followup import Turn
from eval.gold import GOLD_FILE, GoldQuestion, letters, load_gold
from eval.metrics import Outcome, summarize


@dataclass
class SystemRun:
    name: str
    outcomes: list[Outcome]
    metrics: dict

    @property
    def by_document(self) -> dict[str, dict]:
        """The metrics per document the questions are about (gold sets that name one)."""
        documents = sorted({o.gold.document for o in self.outcomes if o.gold.document})
        return {d: summarize([o for o in self.outcomes if o.gold.document == d]) for d in documents}


# A number standing at the start or end of a line is how Word exports number their lines.
_LINE_NUMBER = re.compile(r"(?m)^\s*\d{1,4}\s+|\s+\d{1,4}\s*$")
# Numbers at line ends only, also glued to a hyphen ("der EU -1222" / "Dienstleistungsrichtlinie"):
# where the numbers stand at the ends, a number that starts the next line is text ("am 14. Juni 2026"
# / "2000 zwischen …", 2005 agreement, line number 2026).
_LINE_END_NUMBER = re.compile(r"(?m)(?<=[\s-])\d{1,4}[ \t]*$")


class PdfPages:
    """The cited pages as pypdf reads them, independent of the assistant's own cleaning.

    A quote is verified when its letters and digits stand, in order, in the page's text; on a
    page whose lines carry line numbers, also when they stand there once the numbers at line
    starts and ends, or at line ends only, are left out (the assistant removes those from its quotes)."""

    def __init__(self, assistant: Assistant) -> None:
        self._paths = {d.id: Path(d.path) for d in assistant.documents()}
        self._cache: dict[str, list[tuple[str, str, str]]] = {}

    def _pages(self, document: str) -> list[tuple[str, str, str]]:
        if document not in self._cache:
            path = self._paths.get(document)
            texts = [p.extract_text() for p in PdfReader(str(path)).pages] if path and path.exists() else []
            self._cache[document] = [
                (letters(t), letters(_LINE_NUMBER.sub(" ", t)), letters(_LINE_END_NUMBER.sub(" ", t))) for t in texts
            ]
        return self._cache[document]

    def contains(self, document: str, page: int, quote: str) -> bool:
        pages = self._pages(document)
        if not 0 < page <= len(pages):
            return False
        wanted = letters(quote)
        return any(wanted in variant for variant in pages[page - 1])


def run_system(assistant: Assistant, gold: list[GoldQuestion], system: str, pages: PdfPages) -> SystemRun:
    by_id = {q.id: q for q in gold}
    answers: dict[str, dict] = {}
    outcomes: list[Outcome] = []
    for question in gold:
        history: list[Turn] = [Turn(role, content) for role, content in question.history]
        if question.follows and question.follows in by_id:
            earlier = by_id[question.follows]
            history = [Turn("user", earlier.question), Turn("assistant", answers.get(earlier.id, {}).get("answer", ""))]
        started = time.perf_counter()
        answer = assistant.ask(
            question.question, documents=question.filter or None, history=history, system=system
        ).to_dict()
        latency = (time.perf_counter() - started) * 1000
        answers[question.id] = answer
        verified = [pages.contains(c["document"], c["page"], c["quote"]) for c in answer["citations"]]
        outcomes.append(Outcome(question, answer, latency, verified))
    return SystemRun(system, outcomes, summarize(outcomes))


def run_eval(
    assistant: Assistant, systems: list[str], gold_file: Path | None = None
) -> tuple[list[GoldQuestion], list[SystemRun]]:
    gold = load_gold(gold_file or GOLD_FILE)
    pages = PdfPages(assistant)
    assistant.ask(gold[0].question)  # warm-up, so latency figures show steady state
    return gold, [run_system(assistant, gold, system, pages) for system in systems]


def as_json(gold: list[GoldQuestion], runs: list[SystemRun]) -> dict:
    result = {
        "questions": len(gold),
        "unanswerable": sum(not q.answerable for q in gold),
        "systems": {run.name: run.metrics for run in runs},
    }
    if any(run.by_document for run in runs):
        result["documents"] = {run.name: run.by_document for run in runs}
    return result
