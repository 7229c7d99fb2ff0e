"""Tune the answer policy on gold sets: `python -m eval.tune --sweep FIELD=V1,V2,… [--signals]`.

Every field of `AnswerPolicy` can be swept by its dotted name (`retrieval.dense_weight`,
`judge.min_dense`, `select.fact_relative`, …); several --sweep options make a grid. Each grid
point answers every gold question through `Assistant.ask` with that policy and prints the
metrics the quality gate checks, so a number in assistant/policy.py is chosen from figures.
`--signals` prints the judge's signals per question (meaning score, unseen nouns, number check),
which is how the abstention thresholds were set: they must separate answerable from
unanswerable questions on every gold set, not just on one document.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from assistant import Assistant
from assistant.judge import judge
from assistant.retrieve import retrieve
from domain import german
from domain.settings import get_settings
from eval.gold import GOLD_FILE, load_gold
from eval.runner import PdfPages, run_system

SHOWN = ("hit@1", "hit@5", "mrr", "citation_precision", "list_coverage", "abstention_accuracy", "false_abstentions")


def _values(spec: str) -> tuple[str, list[float]]:
    name, _, values = spec.partition("=")
    if not values:
        raise argparse.ArgumentTypeError(f"--sweep {spec!r}: erwartet FELD=WERT1,WERT2")
    return name.strip(), [float(v) for v in values.split(",")]


def sweep(assistant: Assistant, gold_files: list[Path], grid: list[tuple[str, list[float]]]) -> None:
    names = [name for name, _ in grid]
    base = assistant.policy
    pages = PdfPages(assistant)
    print(" ".join(f"{n:>22}" for n in names), " gold", *(f"{m:>9}" for m in SHOWN))
    for point in itertools.product(*(values for _, values in grid)):
        assistant.policy = base.with_values(**dict(zip(names, point, strict=True)))
        for gold_file in gold_files:
            run = run_system(assistant, load_gold(gold_file), "hybrid", pages)
            cells = " ".join(f"{v:>22g}" for v in point)
            print(cells, f" {gold_file.stem[:12]:12}", *(f"{run.metrics[m]:>9.3f}" for m in SHOWN))
    assistant.policy = base


def signals(assistant: Assistant, gold_files: list[Path]) -> None:
    print("gold         id          kind          supported best_dense unseen number reason | question")
    index = assistant.data
    policy = assistant.policy
    for gold_file in gold_files:
        gold = [q for q in load_gold(gold_file) if not q.follows]
        vectors = assistant.question_vectors([q.question for q in gold])
        for q, vector in zip(gold, vectors, strict=True):
            hits = retrieve(index, vector, q.question, policy.retrieval).hits
            found = judge(hits, q.question, german.intent(q.question), index.vocabulary, policy.judge)
            print(
                f"{gold_file.stem[:12]:12} {q.id:11} {q.kind:13} {found.supported!s:9} {found.best_dense:10.3f} "
                f"{found.unseen_share:6.2f} {found.number_found!s:6} {found.reason or '-'} | {q.question[:70]}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", help="Index-Verzeichnis (Standard: LEITBILD_INDEX_DIR oder var/index)")
    parser.add_argument(
        "--gold", action="append", type=Path, help="Gold-Datei (wiederholbar; Standard: eval/gold.yaml)"
    )
    parser.add_argument("--sweep", action="append", type=_values, default=[], help="FELD=W1,W2,… (wiederholbar)")
    parser.add_argument("--signals", action="store_true", help="Signale der Enthaltung je Frage ausgeben")
    args = parser.parse_args()
    settings = get_settings()
    if args.index:
        settings = settings.model_copy(update={"index_dir": Path(args.index)})
    assistant = Assistant(settings)
    gold_files = args.gold or [GOLD_FILE]
    if args.sweep:
        sweep(assistant, gold_files, args.sweep)
    if args.signals or not args.sweep:
        signals(assistant, gold_files)


if __name__ == "__main__":
    main()
