"""The readable side of the eval: a table on the terminal, a Markdown report with every miss, a chart."""

from __future__ import annotations

from pathlib import Path

from eval.gold import GoldQuestion
from eval.runner import SystemRun

METRICS = (
    "hit@1",
    "hit@5",
    "mrr",
    "citation_verified",
    "citation_precision",
    "list_coverage",
    "abstention_accuracy",
    "false_abstentions",
    "wrong_cited",
    "latency_ms_p50",
    "latency_ms_p95",
)


def _shown(metrics: dict) -> tuple[str, ...]:
    """The metrics of every report, and document_coverage where the gold set has questions that
    several documents answer (eval/gold-cross/)."""
    return METRICS + (("document_coverage",) if "document_coverage" in metrics else ())


def table(runs: list[SystemRun]) -> str:
    header = "| Kennzahl | " + " | ".join(r.name for r in runs) + " |"
    rule = "|---|" + "---|" * len(runs)
    rows = [f"| {m} | " + " | ".join(f"{r.metrics[m]:g}" for r in runs) + " |" for m in _shown(runs[0].metrics)]
    return "\n".join([header, rule, *rows])


def document_table(run: SystemRun) -> str:
    """One column per document the questions are about."""
    documents = run.by_document
    header = f"| Kennzahl ({run.name}) | " + " | ".join(documents) + " |"
    rule = "|---|" + "---|" * len(documents)
    rows = [f"| {m} | " + " | ".join(f"{documents[d][m]:g}" for d in documents) + " |" for m in METRICS]
    return "\n".join([header, rule, *rows])


def print_table(gold: list[GoldQuestion], runs: list[SystemRun]) -> None:
    unanswerable = sum(not q.answerable for q in gold)
    print(f"{len(gold)} Goldfragen, davon {unanswerable} ohne Antwort in den Dokumenten\n")
    print(table(runs))
    for run in runs:
        if run.by_document:
            print("\n" + document_table(run))


def _short(quote: str, chars: int = 160) -> str:
    """A quote shortened for the report, marked so that it does not read as a cut citation."""
    return quote if len(quote) <= chars else quote[:chars].rstrip() + " …"


def misses(run: SystemRun) -> list[str]:
    lines: list[str] = []
    for o in run.outcomes:
        gold, answer = o.gold, o.answer
        if gold.answerable and o.hit_rank() is None:
            cited = "; ".join(f"S. {c['page']}: „{_short(c['quote'])}“" for c in o.citations[:3]) or "(Enthaltung)"
            expected = "; ".join(f"S. {s.page}: „{s.quote}“" for s in gold.support[:2])
            lines.append(
                f"- **{gold.id}** ({gold.kind}) {gold.question}\n  - zitiert: {cited}\n  - erwartet: {expected}"
            )
        elif not gold.answerable and not answer["abstained"]:
            cited = "; ".join(f"S. {c['page']}: „{_short(c['quote'])}“" for c in o.citations[:2])
            lines.append(f"- **{gold.id}** (unanswerable) {gold.question}\n  - nicht enthalten, zitiert: {cited}")
        if o.cites_wrong():
            wrong = "; ".join(f"S. {w.page}: „{_short(w.quote)}“" for w in gold.wrong[:2])
            lines.append(f"- **{gold.id}** {gold.question}\n  - zitiert erneut als falsch bestätigt: {wrong}")
    return lines


def write_report(
    gold: list[GoldQuestion], runs: list[SystemRun], directory: Path, name: str = "eval", command: str = ""
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    chart = directory / f"{name}-systems.png"
    _chart(runs, chart)
    documents = [document_table(run) for run in runs if run.by_document]
    parts = [
        f"# Eval-Bericht: {name}",
        "",
        f"{len(gold)} Fragen, davon {sum(not q.answerable for q in gold)} ohne Antwort in den Dokumenten. "
        f"Erzeugt mit `{command or 'leitbild eval --system all --report reports'}`.",
        "",
        table(runs),
        "",
        *[part for t in documents for part in (t, "")],
        f"![Systemvergleich]({chart.name})",
        "",
    ]
    for run in runs:
        found = misses(run)
        parts += [f"## Fehlschläge: {run.name} ({len(found)})", "", *(found or ["Keine."]), ""]
    path = directory / f"{name}-report.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _chart(runs: list[SystemRun], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    shown = ("hit@1", "hit@5", "mrr", "citation_precision", "list_coverage", "abstention_accuracy")
    x = np.arange(len(shown))
    width = 0.8 / max(len(runs), 1)
    fig, ax = plt.subplots(figsize=(9, 4))
    for i, run in enumerate(runs):
        ax.bar(x + i * width, [run.metrics[m] for m in shown], width, label=run.name)
    ax.set_xticks(x + width * (len(runs) - 1) / 2, shown, rotation=15)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("Anteil")
    ax.set_title("Zitatqualität je Suchverfahren")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
