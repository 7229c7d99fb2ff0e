"""Citation metrics for one system over the gold set."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from eval.gold import GoldQuestion, letters


@dataclass
class Outcome:
    """One question's answer as the eval sees it."""

    gold: GoldQuestion
    answer: dict
    latency_ms: float
    verified: list[bool] = field(default_factory=list)  # per citation: quote found on its page in the PDF

    @property
    def citations(self) -> list[dict]:
        return self.answer["citations"]

    def _support(self, citation: dict) -> list[str]:
        """The gold quotes of the citation's document (of any document where the gold names none)."""
        return [letters(s.quote) for s in self.gold.support if s.document in (None, citation.get("document"))]

    def _commitments(self, citation: dict) -> list[str]:
        """For list questions each expected commitment answers too."""
        if self.gold.document not in (None, citation.get("document")):
            return []
        return [letters(c) for c in self.gold.expected_commitments]

    def _wanted(self, citation: dict) -> list[str]:
        return self._support(citation) + self._commitments(citation)

    def supports(self, citation: dict) -> bool:
        quote = letters(citation["quote"])
        if any(w in quote or (len(quote) > 40 and quote in w) for w in self._support(citation)):
            return True
        return any(c in quote for c in self._commitments(citation))

    def cites_wrong(self) -> bool:
        """True when the answer cites again a quote a person confirmed as wrong for this question."""
        wrong = [letters(w.quote) for w in self.gold.wrong]
        return any(w and (w in letters(c["quote"]) or letters(c["quote"]) in w) for w in wrong for c in self.citations)

    def hit_rank(self) -> int | None:
        """Rank of the first citation containing the gold support; for list questions any expected
        commitment is support too, since each one answers the question. The part of a quote that
        runs onto the next page (same passage, next page) keeps the rank of the part before it."""
        rank, previous = 0, None
        for citation in self.citations:
            if not _continues(previous, citation):
                rank += 1
            previous = citation
            quote = letters(citation["quote"])
            if any(w in quote for w in self._wanted(citation)):
                return rank
        return None

    def document_coverage(self) -> float | None:
        """For a question several documents answer (supports in two or more): the share of them
        whose position the answer cites. None for a question one document answers."""
        documents = {s.document for s in self.gold.support if s.document}
        if len(documents) < 2:
            return None
        heard = {c.get("document") for c in self.citations if self.supports(c)}
        return len(documents & heard) / len(documents)

    def coverage(self) -> float | None:
        if not self.gold.expected_commitments:
            return None
        quotes = [letters(c["quote"]) for c in self.citations]
        named = sum(any(letters(e) in q for q in quotes) for e in self.gold.expected_commitments)
        return named / len(self.gold.expected_commitments)


def _continues(previous: dict | None, citation: dict) -> bool:
    """`Citation.continues` on the answer's JSON, which the eval reads as a user would."""
    return (
        previous is not None
        and previous.get("passage_id") == citation.get("passage_id")
        and citation["page"] == previous["page"] + 1
    )


def summarize(outcomes: list[Outcome]) -> dict:
    answerable = [o for o in outcomes if o.gold.answerable]
    unanswerable = [o for o in outcomes if not o.gold.answerable]
    ranks = [o.hit_rank() for o in answerable]
    all_citations = [(o, c) for o in answerable for c in o.citations]
    verified = [v for o in outcomes for v in o.verified]
    coverages = [c for o in answerable if (c := o.coverage()) is not None]
    with_wrong = [o for o in outcomes if o.gold.wrong]
    latencies = np.array([o.latency_ms for o in outcomes]) if outcomes else np.zeros(1)
    across = [d for o in answerable if (d := o.document_coverage()) is not None]
    # Only gold sets with questions several documents answer report it (eval/gold-cross/).
    heard = {"document_coverage": round(float(np.mean(across)), 4)} if across else {}
    return {
        "hit@1": _share(r == 1 for r in ranks),
        "hit@5": _share(r is not None and r <= 5 for r in ranks),
        "mrr": round(float(np.mean([1 / r if r else 0.0 for r in ranks])) if ranks else 0.0, 4),
        "citation_verified": _share(verified) if verified else 1.0,
        "citation_precision": _share(o.supports(c) for o, c in all_citations) if all_citations else 0.0,
        "list_coverage": round(float(np.mean(coverages)), 4) if coverages else 0.0,
        "abstention_accuracy": _share(o.answer["abstained"] for o in unanswerable) if unanswerable else 1.0,
        "false_abstentions": _share(o.answer["abstained"] for o in answerable) if answerable else 0.0,
        # Share of questions with confirmed-wrong quotes that cite one of them again (0 is the goal).
        "wrong_cited": _share(o.cites_wrong() for o in with_wrong) if with_wrong else 0.0,
        **heard,
        "latency_ms_p50": round(float(np.percentile(latencies, 50)), 1),
        "latency_ms_p95": round(float(np.percentile(latencies, 95)), 1),
    }


def _share(values) -> float:
    values = list(values)
    return round(sum(bool(v) for v in values) / len(values), 4) if values else 0.0
