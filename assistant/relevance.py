"""Whether the documents answer a question at all: the honest "keine Aussage" starts here.

Three signals decide, each measured on the gold set (`python -m eval.tune`):
- meaning: how close the best passage is to the question (e5 cosine, passage and sentence);
- vocabulary: a question about "Öffnungszeiten" or "Schulferien" shares words like "NRW"
  with the text, but its specific words never occur in the corpus;
- answer type: a question asking "wie viel", "wie hoch" or "wann" needs a sentence that
  states a number on the question's topic; the Mobilfunkpakt is in the text, its budget is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.intent import Intent
from assistant.retrieve import Hit
from index.lexical import term_set, terms
from index.store import IndexData

MIN_DENSE = 0.80  # below this nothing in the corpus is about the question
UNSEEN_DENSE = 0.828  # when half the question's nouns are foreign to the corpus, meaning must be this close
MAX_UNSEEN_SHARE = 0.5  # share of the question's nouns the corpus never uses
NUMBER_DEPTH = 3  # passages searched for a number on the question's topic
# "Wann steigt das Risiko?" can be answered by a condition as well as by a date.
_CONDITION = re.compile(r"\b(wenn|falls|sobald|solange|bevor|nachdem|sofern)\b", re.IGNORECASE)
_WHEN = re.compile(r"^\s*wann\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"\d|\b(hälfte|drittel|viertel|fünftel|zehntel|dutzend|million(en)?|milliarden?|milliarde|zwei|drei|vier|fünf|sechs|"
    r"sieben|acht|neun|zehn|zwanzig|hundert|tausend|jahrzehnte?n?|jahrhunderts?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Signals:
    has_content: bool  # "und" or "?" ask about nothing in particular
    best_dense: float
    specific: tuple[str, ...]  # the question's nouns
    unseen: tuple[str, ...]  # nouns the corpus never uses, not even as a compound's head
    number_found: bool | None  # None when the question does not ask for a number

    @property
    def unseen_share(self) -> float:
        return len(self.unseen) / len(self.specific) if self.specific else 0.0


def signals(data: IndexData, hits: list[Hit], question: str, intent: Intent) -> Signals:
    best_dense = max(h.dense for h in hits[:20])
    nouns = data.lexical.nouns(question)
    unseen = tuple(n for n in nouns if not data.lexical.knows(n))
    number_found = _number_on_topic(data, hits, question, nouns) if intent == "number" else None
    return Signals(bool(terms(question)), best_dense, tuple(nouns), unseen, number_found)


def _number_on_topic(data: IndexData, hits: list[Hit], question: str, nouns: list[str]) -> bool:
    """A sentence among the best passages that states a number (or, for "wann", a condition)
    and shares one of the question's specific nouns; without such a noun the topic is unknown."""
    frequency = data.lexical.document_frequency
    specific = {t for t in data.lexical.salient_terms(question) if frequency.get(t, 0) > 0 and not t.isdigit()}
    wanted = {n for n in nouns if n in specific} or specific
    if not wanted:
        return False
    answer_shape = [_NUMBER] + ([_CONDITION] if _WHEN.match(question) else [])
    for hit in hits[:NUMBER_DEPTH]:
        for unit in data.passages[hit.index].units:
            if any(p.search(unit.text) for p in answer_shape) and wanted & term_set(unit.text, parts=False):
                return True
    return False


def supported(found: Signals) -> bool:
    if not found.has_content or found.best_dense < MIN_DENSE:
        return False
    if found.number_found is False:
        return False
    return found.unseen_share < MAX_UNSEEN_SHARE or found.best_dense >= UNSEEN_DENSE
