"""The quality gate: compare an eval run with eval/thresholds.toml and the committed baseline."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from eval.runner import SystemRun

THRESHOLDS = Path(__file__).with_name("thresholds.toml")
REPORTS = Path(__file__).resolve().parents[1] / "reports"
BASELINE = REPORTS / "eval-questions.json"


def report_name(gold: Path | None) -> str:
    """ "eval" for the Leitbild's gold set; "eval-<name>" for another gold file or folder."""
    return "eval" if gold is None else f"eval-{gold.stem if gold.is_file() else gold.name}"


def baseline_path(gold: Path | None, reports: Path = REPORTS) -> Path:
    """Where a run's per-question results go beside its report; the gate reads them from reports/."""
    return reports / f"{report_name(gold)}-questions.json"


def per_question(run: SystemRun) -> dict[str, dict]:
    """What each question scored: enough to tell later which questions flipped."""
    return {
        o.gold.id: {"hit_rank": o.hit_rank(), "abstained": o.answer["abstained"], "answerable": o.gold.answerable}
        for o in run.outcomes
    }


def save_baseline(run: SystemRun, path: Path = BASELINE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(per_question(run), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def flipped(run: SystemRun, path: Path = BASELINE) -> list[str]:
    """Questions that were right in the baseline and are wrong now."""
    if not path.exists():
        return []
    before = json.loads(path.read_text(encoding="utf-8"))
    now = per_question(run)
    worse: list[str] = []
    for qid, then in before.items():
        current = now.get(qid)
        if current is None:
            continue
        if (
            then["answerable"]
            and then["hit_rank"]
            and not (current["hit_rank"] and current["hit_rank"] <= then["hit_rank"])
        ):
            worse.append(f"{qid}: Treffer auf Rang {then['hit_rank']} → {current['hit_rank'] or 'keiner'}")
        if not then["answerable"] and then["abstained"] and not current["abstained"]:
            worse.append(f"{qid}: enthält sich nicht mehr")
    return worse


def violations(metrics: dict, section: str = "hybrid", path: Path = THRESHOLDS) -> list[str]:
    """The metrics outside the bounds of a section of thresholds.toml ("hybrid": the Leitbild's gate;
    "related": each related document's)."""
    limits = tomllib.loads(path.read_text(encoding="utf-8")).get(section, {})
    problems = [
        f"{metric} = {metrics[metric]} < {bound}"
        for metric, bound in limits.get("min", {}).items()
        if metrics[metric] < bound
    ]
    problems += [
        f"{metric} = {metrics[metric]} > {bound}"
        for metric, bound in limits.get("max", {}).items()
        if metrics[metric] > bound
    ]
    return problems
