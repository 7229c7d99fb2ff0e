"""Every tuned number of the answer path, in one typed and documented policy.

Each stage reads its own part (`AnswerPolicy.retrieval`, `.judge`, `.select`, `.quote`), so a
test of one stage builds only that part, and `python -m eval.tune` sweeps any field by name.
Each field says why it exists and what it was measured on. The cosine levels of the judge
depend on the embedding model: they are calibrated per model (`CALIBRATIONS`), and a configured
model without a calibration is reported at start-up instead of silently using e5-small's levels.
"""

from __future__ import annotations

import logging

from pydantic import BaseModel, ConfigDict, Field

log = logging.getLogger("leitbild.assistant")

DEFAULT_MODEL = "multilingual-e5-small"
LEITBILD_GOLD = "eval/gold.yaml (167 Fragen zum Leitbild)"


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RetrievalPolicy(_Part):
    dense_weight: float = Field(
        0.75,
        ge=0,
        le=1,
        description="Share of meaning (e5) against words (BM25) in the fused score; hit@5/MRR over a grid "
        f"of 0–1 with `python -m eval.tune` on {LEITBILD_GOLD}.",
    )
    unit_weight: float = Field(
        0.4,
        ge=0,
        le=1,
        description="A passage's meaning score mixes its own vector with its best sentence's: a fact question "
        "often matches one sentence far better than the paragraph around it. Same grid as dense_weight.",
    )
    candidates: int = Field(
        1000,
        ge=10,
        description="Candidates per search (e5, BM25) where the vectors are searched approximately (collections "
        "of LEITBILD_ANN_MIN_PASSAGES and more); smaller ones score every passage.",
    )
    depth: int = Field(
        200,
        ge=50,
        description="Ranked passages the later stages see; deeper ones (a section's commitments, nested items) "
        "are looked up by position. Above list_window and every other depth the stages read.",
    )


class JudgePolicy(_Part):
    """Whether the documents answer at all; see assistant/judge.py for the three signals."""

    min_dense: float = Field(
        0.80,
        description="Cosine (passage/sentence mix) below which nothing in the corpus is about the question. "
        "Model-dependent: set from CALIBRATIONS.",
    )
    unseen_dense: float = Field(
        0.828,
        description="When many of the question's nouns are foreign to the corpus, meaning must be at least this "
        "close. Model-dependent: set from CALIBRATIONS.",
    )
    max_unseen_share: float = Field(
        0.5, description="Share of the question's nouns the corpus never uses above which unseen_dense applies."
    )
    dense_depth: int = Field(20, ge=1, description="Best hits whose meaning score counts as the best match.")
    number_depth: int = Field(
        3, ge=1, description="Best passages searched for a number on the question's topic ('wie viel', 'wann')."
    )
    salient_share: float = Field(
        0.08,
        description="A question term in at most this share of passages names its topic (for the number check).",
    )
    known_head: int = Field(
        5, ge=1, description="A compound is known to the corpus through a head of at least this many letters."
    )
    probe_reference: float | None = Field(
        None,
        description="Mean best cosine of the off-topic PROBES over the Leitbild (assistant/baseline.py), where "
        "min_dense and unseen_dense were measured; in another scope both move by that scope's difference to it. "
        "None: no shift. Model-dependent: set from CALIBRATIONS.",
    )

    def relative_to(self, baseline: float) -> JudgePolicy:
        """The levels for a scope whose PROBES come `baseline` close (see assistant/baseline.py)."""
        if self.probe_reference is None:
            return self
        shift = round(baseline - self.probe_reference, 3)
        return self.model_copy(update={"min_dense": self.min_dense + shift, "unseen_dense": self.unseen_dense + shift})


class SelectPolicy(_Part):
    """Which passages an answer cites; see assistant/select.py."""

    max_fact_citations: int = Field(
        5, ge=1, description="Fact answers cite up to this many passages (hit@5 against citation precision)."
    )
    fact_relative: float = Field(0.7, description="Further fact passages must score this share of the best one.")
    max_list_citations: int = Field(10, ge=1, description="List answers name up to this many commitments.")
    list_relative: float = Field(0.62, description="Further commitments must score this share of the best one.")
    list_window: int = Field(40, ge=1, description="List answers look this deep into the ranking for commitments.")
    list_fallback: float = Field(
        0.75,
        description="When prose answers far better than any commitment (best commitment below this share of the "
        "best hit), a list question was not about measures and gets a fact answer.",
    )
    section_voters: int = Field(
        10, ge=1, description="The best commitments vote for the section a list question is about."
    )
    section_majority: float = Field(0.5, description="Share of the votes a section needs to be listed whole.")
    section_share: float = Field(
        0.2,
        description="A question names a section when it shares a term with the title that is in at most this "
        "share of passages.",
    )
    max_section_citations: int = Field(25, ge=1, description="The longest complete section list.")
    sentence_margin: float = Field(
        0.03,
        ge=0,
        description="A catalog search names the commitment sentences of a chosen prose paragraph whose cosine to "
        "the query is within this of the paragraph's best one: 'Mindestlohn' names '… wird ein flächendeckender "
        "gesetzlicher Mindestlohn von 8,50 Euro … eingeführt' (0.897) and '… eines allgemein verbindlichen "
        "Mindestlohns soll …' (0.885), not the sentences around them on other topics (0.80-0.83).",
    )
    number_depth: int = Field(10, ge=1, description="Number questions re-rank this many best passages.")
    number_bonus: float = Field(
        0.15, description="Bonus for a passage stating a number on the question's terms, for number questions."
    )


class QuotePolicy(_Part):
    """How much of a passage a citation quotes; see assistant/quote.py."""

    budget: int = Field(
        500,
        ge=50,
        description="A quote grows from the best sentence to its neighbours up to this. `python -m eval.tune "
        "--sweep quote.budget=400,450,500,550` on the Leitbild and the 2013/2021 gold (2026-12-04): 450 and "
        "more find the answer in one more 2013 question and rank the Leitbild better (MRR 0.910 → 0.914); 500 "
        "also names more 2021 measures (list coverage 0.74 → 0.78); nothing changes above.",
    )
    max_chars: int = Field(
        600, ge=50, description="The longest quote verification accepts; a commitment up to this is quoted whole."
    )
    term_bonus: float = Field(0.02, description="Per question term a sentence shares, added to its cosine.")
    digit_bonus: float = Field(0.03, description="For number questions, added to a sentence with a digit.")


class AnswerPolicy(_Part):
    calibrated_for: str = Field(DEFAULT_MODEL, description="The model whose cosine levels the judge uses.")
    gold_sets: tuple[str, ...] = Field((LEITBILD_GOLD,), description="Where the numbers were measured.")
    retrieval: RetrievalPolicy = RetrievalPolicy()
    judge: JudgePolicy = JudgePolicy()
    select: SelectPolicy = SelectPolicy()
    quote: QuotePolicy = QuotePolicy()

    def with_values(self, **values: float) -> AnswerPolicy:
        """A copy with fields changed by dotted name ("judge.min_dense"), for tuning sweeps."""
        parts: dict[str, dict] = {}
        for name, value in values.items():
            part, _, field = name.partition(".")
            if not field or part not in ("retrieval", "judge", "select", "quote"):
                raise ValueError(f"unknown policy field {name!r} (use e.g. judge.min_dense)")
            if field not in type(getattr(self, part)).model_fields:
                raise ValueError(f"unknown policy field {name!r}")
            parts.setdefault(part, {})[field] = value
        updates = {part: getattr(self, part).model_copy(update=fields) for part, fields in parts.items()}
        return self.model_copy(update=updates)


# Cosine levels of the judge per embedding model, measured with `python -m eval.tune`.
CALIBRATIONS: dict[str, dict[str, float]] = {
    # probe_reference: `python -m eval.tune --baseline` over the Leitbild (0.77414)
    DEFAULT_MODEL: {"min_dense": 0.80, "unseen_dense": 0.828, "probe_reference": 0.774},
}


def policy_for(model: str) -> AnswerPolicy:
    """The policy for a configured model; without a calibration it says so and uses e5-small's levels."""
    name = model.rstrip("/").rsplit("/", 1)[-1]
    levels = CALIBRATIONS.get(name)
    if levels is None:
        log.warning(
            "Für das Modell %s gibt es keine Kalibrierung der Enthaltungsschwellen; es gelten die Werte von %s. "
            "Bitte mit `python -m eval.tune` kalibrieren und in assistant/policy.py eintragen.",
            model,
            DEFAULT_MODEL,
        )
        return AnswerPolicy()
    policy = AnswerPolicy(calibrated_for=name)
    return policy.model_copy(update={"judge": policy.judge.model_copy(update=levels)})
