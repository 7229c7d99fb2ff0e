"""Tune the answer policy on gold sets: `python -m eval.tune --sweep FIELD=V1,V2,… [--signals]`.

Every field of `AnswerPolicy` can be swept by its dotted name (`retrieval.dense_weight`,
`judge.min_dense`, `select.fact_relative`, …); several --sweep options make a grid. Each grid
point answers every gold question through `Assistant.ask` with that policy and prints the
metrics the quality gate checks, so a number in assistant/policy.py is chosen from figures.
`--signals` prints the judge's signals per question (meaning score, unseen nouns, number check),
which is how the abstention thresholds were set: they must separate answerable from
unanswerable questions on every gold set, not just on one document. `--separation` asks how well
meaning scores alone could do that: for the best passage's cosine and three corpus-relative forms
of it, the threshold that abstains most while costing fewest answerable questions. `--spread`
asks the same of how the best passages lie together (vector coherence, sections, pages).
`--baseline` prints each document's PROBES baseline and the judge's levels it gives
(assistant/baseline.py); the Leitbild's is `probe_reference` in assistant/policy.py's CALIBRATIONS.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np

from assistant import Assistant
from assistant.baseline import PROBES, probe_baseline
from assistant.judge import judge
from assistant.retrieve import _meaning, retrieve
from assistant.scope import document_scope
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
            scope = document_scope(index, q.filter)
            hits = retrieve(index, vector, q.question, policy.retrieval, scope=scope).hits
            vocabulary = index.vocabulary.within(q.filter)
            judging = assistant.judge_policy(index, q.filter)
            found = judge(hits, q.question, german.intent(q.question), vocabulary, judging)
            print(
                f"{gold_file.stem[:12]:12} {q.id:11} {q.kind:13} {found.supported!s:9} {found.best_dense:10.3f} "
                f"{found.unseen_share:6.2f} {found.number_found!s:6} {found.reason or '-'} | {q.question[:70]}"
            )


# Meaning-score signals for --separation: each maps a question's cosines over the passages in
# scope (best first) to one number, higher meaning "the documents speak about this".
SEPARATION_SIGNALS = {
    "best": lambda d: d[0],
    "best - median": lambda d: d[0] - np.median(d),
    "best - p99": lambda d: d[0] - np.percentile(d, 99),
    "z (best)": lambda d: (d[0] - d.mean()) / (d.std() or 1.0),
}


def separation(assistant: Assistant, gold_files: list[Path]) -> None:
    rows: list[tuple[bool, np.ndarray]] = []
    index = assistant.data
    for gold_file in gold_files:
        gold = [q for q in load_gold(gold_file) if not q.follows]
        vectors = assistant.question_vectors([q.question for q in gold])
        for q, vector in zip(gold, vectors, strict=True):
            scores = _meaning(index, np.asarray(vector, dtype=np.float32), assistant.policy.retrieval.unit_weight)
            scope = document_scope(index, q.filter)
            in_scope = scores if scope is None else scores[scope]
            rows.append((q.answerable, np.sort(in_scope)[::-1]))
    answerable = sum(a for a, _ in rows)
    print(f"{len(rows)} Fragen, {len(rows) - answerable} ohne Antwort")
    print(f"{'Signal':16} {'Schwelle':>9} {'enthalten':>10} {'fälschlich':>11}")
    for name, signal in SEPARATION_SIGNALS.items():
        values = [(signal(d), a) for a, d in rows]
        best = max(
            (
                (
                    sum(v < t for v, a in values if not a) / max(1, len(rows) - answerable),
                    sum(v < t for v, a in values if a) / max(1, answerable),
                    t,
                )
                for t in sorted({v for v, _ in values})
            ),
            key=lambda r: r[0] - 3 * r[1],  # a false abstention costs three right ones
        )
        print(f"{name:16} {best[2]:9.4f} {best[0]:10.3f} {best[1]:11.3f}")


def spread(assistant: Assistant, gold_files: list[Path], depth: int = 5) -> None:
    """How the best passages lie together: a question the documents answer was thought to find them in
    one place (close vectors, few sections and pages), one they do not answer scattered. Printed per
    question with the best meaning score, lowest first, to see whether it separates what cosines do not."""
    index = assistant.data
    policy = assistant.policy
    rows = []
    for gold_file in gold_files:
        gold = [q for q in load_gold(gold_file) if not q.follows]
        vectors = assistant.question_vectors([q.question for q in gold])
        for q, vector in zip(gold, vectors, strict=True):
            hits = retrieve(index, vector, q.question, policy.retrieval, scope=document_scope(index, q.filter)).hits
            best = sorted(hits[: policy.judge.dense_depth], key=lambda h: -h.dense)[:depth]
            passages = index.vectors.reconstruct_batch(np.array([h.position for h in best]))
            cosines = passages @ passages.T
            coherence = (cosines.sum() - len(best)) / max(1, len(best) * (len(best) - 1))
            sections = len({h.passage.section_path for h in best})
            pages = float(np.std([h.passage.page for h in best]))
            rows.append((best[0].dense if best else 0.0, q.answerable, q.id, coherence, sections, pages))
    print(f"Antwort  {'id':11} bester  Kohärenz  Abschnitte  Seiten-Streuung (beste {depth})")
    for dense, answerable, qid, coherence, sections, pages in sorted(rows):
        print(
            f"{'ja  ' if answerable else 'nein'}     {qid:11} {dense:.3f}  {coherence:.3f}     {sections:3d}        {pages:5.1f}"
        )


def baselines(assistant: Assistant) -> None:
    """The PROBES baseline (assistant/baseline.py) of each document and of all together, and the
    judge's levels it gives: the Leitbild's is JudgePolicy.probe_reference in CALIBRATIONS."""
    index = assistant.data
    vectors = assistant.question_vectors(list(PROBES))
    policy = assistant.policy
    print(f"{'Dokumente':40} {'Basis':>7} {'min_dense':>10} {'unseen_dense':>13}")
    for documents in [[d.id] for d in index.documents] + [[]]:
        value = probe_baseline(index, vectors, documents or None, policy.retrieval, policy.judge.dense_depth)
        levels = assistant.judge_policy(index, documents)
        name = documents[0] if documents else "alle"
        print(f"{name:40} {value:7.5f} {levels.min_dense:10.3f} {levels.unseen_dense:13.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", help="Index-Verzeichnis (Standard: LEITBILD_INDEX_DIR oder var/index)")
    parser.add_argument(
        "--gold", action="append", type=Path, help="Gold-Datei (wiederholbar; Standard: eval/gold.yaml)"
    )
    parser.add_argument("--sweep", action="append", type=_values, default=[], help="FELD=W1,W2,… (wiederholbar)")
    parser.add_argument("--signals", action="store_true", help="Signale der Enthaltung je Frage ausgeben")
    parser.add_argument(
        "--separation", action="store_true", help="Wie gut Kosinus-Schwellen allein Fragen ohne Antwort trennen"
    )
    parser.add_argument(
        "--spread", action="store_true", help="Wie nah die besten Passagen beieinander liegen, je Frage"
    )
    parser.add_argument(
        "--baseline", action="store_true", help="Grundlinie der Fragen ohne Antwort je Dokument und ihre Schwellen"
    )
    args = parser.parse_args()
    settings = get_settings()
    if args.index:
        settings = settings.model_copy(update={"index_dir": Path(args.index)})
    assistant = Assistant(settings)
    gold_files = args.gold or [GOLD_FILE]
    if args.sweep:
        sweep(assistant, gold_files, args.sweep)
    if args.separation:
        separation(assistant, gold_files)
    if args.spread:
        spread(assistant, gold_files)
    if args.baseline:
        baselines(assistant)
    if args.signals or not (args.sweep or args.separation or args.spread or args.baseline):
        signals(assistant, gold_files)


if __name__ == "__main__":
    main()
