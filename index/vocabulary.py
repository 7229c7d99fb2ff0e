"""Which terms the corpus uses, and how often: the statistics behind "keine Aussage".

A question about "Öffnungszeiten" shares words like "NRW" with every strategy, but its specific
words never occur; the assistant asks this vocabulary which of a question's words the documents
know and which are specific enough to decide a topic.

Counts are kept per document: a question asked of one document ("im Koalitionsvertrag 2013", or
with a document filter) is judged by what that document says, not by words another one uses
("Opel" in a later agreement does not make the 2013 agreement speak of Opel).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path

from domain.german import TOPIC_NEUTRAL, terms


class Vocabulary:
    def __init__(self, by_document: dict[str, tuple[dict[str, int], int]]) -> None:
        """`by_document`: document id → (term → number of its passages using it, its passage count)."""
        self.by_document = by_document
        self.document_frequency, self.passages = _merged(by_document.values())
        self._scoped: dict[frozenset[str], Vocabulary] = {}
        self._lock = threading.Lock()

    @classmethod
    def build(cls, passages: Iterable[tuple[str, str]]) -> Vocabulary:
        """From (document id, search text) pairs, one per passage."""
        return cls.of_terms((document, terms(text)) for document, text in passages)

    @classmethod
    def of_terms(cls, passages: Iterable[tuple[str, list[str]]]) -> Vocabulary:
        """From (document id, the passage's terms) pairs, one per passage."""
        counts: dict[str, Counter] = {}
        sizes: Counter = Counter()
        for document, passage_terms in passages:
            counts.setdefault(document, Counter()).update(set(passage_terms))
            sizes[document] += 1
        return cls({d: (dict(counts[d]), sizes[d]) for d in counts})

    def within(self, documents: Collection[str] | None) -> Vocabulary:
        """The vocabulary of these documents only; all of them for None or a set that covers every one."""
        wanted = frozenset(documents or ()).intersection(self.by_document)
        if not wanted or wanted == self.by_document.keys():
            return self
        with self._lock:  # serving threads share one loaded index
            if wanted not in self._scoped:
                self._scoped[wanted] = Vocabulary({d: self.by_document[d] for d in wanted})
            return self._scoped[wanted]

    def save(self, path: Path) -> None:
        documents = {d: {"passages": n, "document_frequency": df} for d, (df, n) in self.by_document.items()}
        path.write_text(json.dumps({"documents": documents}))

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if "documents" not in raw:  # written before counts were kept per document: one count for all
            return cls({"": (raw["document_frequency"], raw["passages"])})
        return cls({d: (v["document_frequency"], v["passages"]) for d, v in raw["documents"].items()})

    def frequency(self, term: str) -> int:
        return self.document_frequency.get(term, 0)

    def knows(self, term: str, min_head: int) -> bool:
        """Whether the corpus uses the term, or the head of the compound it ends in (at least
        `min_head` letters): "Industrieprojekten" is known through "Projekt"; "Mindestlohn" is not."""
        if term in self.document_frequency:
            return True
        return any(term[i:] in self.document_frequency for i in range(1, len(term) - min_head + 1))

    def salient_terms(self, text: str, max_share: float) -> list[str]:
        """The text's specific terms: those in at most `max_share` of passages (unseen ones included)."""
        limit = max(2, int(self.passages * max_share))
        return list(
            dict.fromkeys(t for t in terms(text, parts=False) if self.frequency(t) <= limit and t not in TOPIC_NEUTRAL)
        )


def _merged(parts: Iterable[tuple[dict[str, int], int]]) -> tuple[dict[str, int], int]:
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    merged: Counter = Counter()
    for frequency, _ in parts:
        merged.update(frequency)
    return dict(merged), sum(n for _, n in parts)
