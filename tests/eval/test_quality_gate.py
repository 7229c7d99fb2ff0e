"""CI gate: the hybrid system's citations must not get worse than eval/thresholds.toml allows.

Runs the whole gold set through `Assistant.ask`, the path the CLI and the API use."""

from eval.gate import flipped, violations
from eval.gold import load_gold
from eval.runner import PdfPages, run_system


def test_hybrid_citation_quality_holds(assistant):
    run = run_system(assistant, load_gold(), "hybrid", PdfPages(assistant))
    problems = violations(run.metrics)
    if problems:
        changed = flipped(run)
        detail = (
            "\n".join(changed)
            if changed
            else "(keine Einzelfrage gegenüber reports/eval-questions.json verschlechtert)"
        )
        raise AssertionError(
            "Zitatqualität unter der Schwelle:\n" + "\n".join(problems) + "\nVerschlechterte Fragen:\n" + detail
        )
