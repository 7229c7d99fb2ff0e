"""Which terms the corpus uses, and how often: the statistics behind "keine Aussage".

A question about "Öffnungszeiten" shares words like "NRW" with every strategy, but its specific
words never occur; the assistant asks this vocabulary which of a question's words the documents
know and which are specific enough to decide a topic.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from domain.german import TOPIC_NEUTRAL, terms


class Vocabulary:
    def __init__(self, document_frequency: dict[str, int], passages: int) -> None:
        self.document_frequency = document_frequency
        self.passages = passages

    @classmethod
    def build(cls, texts: Iterable[str]) -> Vocabulary:
        counted = [set(terms(t)) for t in texts]
        return cls(dict(Counter(term for passage in counted for term in passage)), len(counted))

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"passages": self.passages, "document_frequency": self.document_frequency}))

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(raw["document_frequency"], raw["passages"])

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
