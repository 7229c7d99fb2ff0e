"""Baseline: how close questions the documents cannot answer come to the passages in scope.

The judge's cosine levels (assistant/policy.py, `JudgePolicy.min_dense`) were measured on the
Leitbild's 311 passages. A larger collection has more passages a question can happen to resemble:
over the coalition agreements (1,000 to 1,600 passages each) the best passage for a question about
apple cake or the weather in Hamburg is 0.017 closer than over the Leitbild, and so is the best
passage for a question on a topic the agreement never treats ("Dürfen Lehrerinnen ein Kopftuch
tragen?"). So the levels are read relative to the scope: the mean best cosine of a fixed set of
questions no strategy document answers (PROBES), measured in the scope being asked, shifts them
by its difference to the same mean over the Leitbild (`JudgePolicy.probe_reference`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.policy import RetrievalPolicy
from assistant.retrieve import retrieve
from assistant.scope import document_scope
from index.store import IndexData

# Questions about things no government strategy treats: everyday knowledge, sports, cooking, nature.
PROBES = (
    "Wie wird das Wetter morgen in Hamburg?",
    "Wer hat die Fußball-Weltmeisterschaft 2014 gewonnen?",
    "Wie backe ich einen Apfelkuchen?",
    "Wann wurde Johann Sebastian Bach geboren?",
    "Wie hoch ist der Mount Everest?",
    "Welche Farbe hat ein Flamingo?",
    "Wie viele Einwohner hat Tokio?",
    "Wer schrieb den Roman Buddenbrooks?",
    "Wie lange kocht man ein weiches Ei?",
    "Welcher Planet ist der Sonne am nächsten?",
    "Was kostet ein Kinoticket in Berlin?",
    "Wann beginnen die Sommerferien in Bayern?",
    "Wie heißt der Hund von Familie Müller?",
    "Wo liegt der Bodensee?",
    "Welche Band spielte das Lied Yesterday?",
    "Wie trainiere ich für einen Marathon?",
    "Wer ist der Trainer des FC Bayern?",
    "Wie funktioniert eine Kaffeemaschine?",
    "Was ist die Hauptstadt von Australien?",
    "Wie pflege ich Orchideen richtig?",
)


def probe_baseline(
    index: IndexData,
    probe_vectors: np.ndarray,
    documents: Sequence[str] | None,
    policy: RetrievalPolicy,
    depth: int,
) -> float:
    """The mean over PROBES of the best meaning score among the `depth` best hits in the documents'
    scope (all documents when None): the judge's `best_dense`, for questions without an answer."""
    scope = document_scope(index, documents)
    best = []
    for probe, vector in zip(PROBES, probe_vectors, strict=True):
        hits = retrieve(index, vector, probe, policy, scope=scope).hits
        best.append(max((h.dense for h in hits[:depth]), default=0.0))
    return float(np.mean(best))
