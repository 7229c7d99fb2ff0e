"""Judge: whether the documents answer a question at all. The honest "keine Aussage" starts here.

Three signals decide, each measured on the gold set (`python -m eval.tune`):
- meaning: how close the best passage is to the question (e5 cosine, passage and sentence);
- vocabulary: a question about "Öffnungszeiten" or "Schulferien" shares words like "NRW"
  with the text, but its specific words never occur in the corpus (a compound the corpus knows
  only by its head, "Bahnprojekt" by "Projekt", counts half);
- answer type: a question asking "wie viel", "wie hoch" or "wann" needs a sentence that
  states a number on the question's topic; the Mobilfunkpakt is in the text, its budget is not;
  "wie viel kostet" needs an amount of money, not the "1" of "A 1".
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.policy import JudgePolicy
from assistant.retrieve import Hit
from domain.german import Intent, nouns, states_answer, term_set, terms, topic_of_number_question
from index.vocabulary import Vocabulary

HEAD_ONLY = 0.5  # what a compound known only by its head counts towards the unseen share


@dataclass(frozen=True)
class Judgement:
    supported: bool
    reason: str  # why not, for reports and tuning; "" when supported
    best_dense: float
    nouns: tuple[str, ...]  # the question's nouns
    unseen: tuple[str, ...]  # nouns the corpus never uses, not even as a compound's head
    number_found: bool | None  # None when the question does not ask for a number
    by_head: tuple[str, ...] = ()  # compounds the corpus never uses whose head it does ("Bahnprojekt": "Projekt")

    @property
    def unseen_share(self) -> float:
        """Unseen nouns count whole, compounds known only by their head half: the documents speak of
        projects, never of a "Bahnprojekt"."""
        return (len(self.unseen) + HEAD_ONLY * len(self.by_head)) / len(self.nouns) if self.nouns else 0.0


def judge(
    hits: list[Hit],
    question: str,
    intent: Intent,
    vocabulary: Vocabulary,
    policy: JudgePolicy,
    *,
    asked: str | None = None,
) -> Judgement:
    """`question` names the topic (a follow-up joined to the question it continues); `asked`, the new
    question alone where they differ, says what kind of answer is wanted: after "Was kostet die
    Pkw-Maut?", "Bis wann soll das Gesetz dafür beschlossen sein?" wants a date, not a price."""
    if not hits:
        return Judgement(False, "nichts durchsucht", 0.0, (), (), None)
    best_dense = max(h.dense for h in hits[: policy.dense_depth])
    named = tuple(nouns(question))
    unseen = tuple(n for n in named if not vocabulary.knows(n, policy.known_head))
    by_head = tuple(n for n in named if n not in unseen and not vocabulary.frequency(n))
    number_found = (
        _number_on_topic(hits, question, asked or question, vocabulary, policy) if intent == "number" else None
    )
    found = Judgement(True, "", best_dense, named, unseen, number_found, by_head)
    reason = _objection(found, has_content=bool(terms(question)), policy=policy)
    return found if not reason else Judgement(False, reason, best_dense, named, unseen, number_found, by_head)


def _objection(found: Judgement, *, has_content: bool, policy: JudgePolicy) -> str:
    if not has_content:
        return "die Frage nennt kein Thema"  # "und" or "?"
    if found.best_dense < policy.min_dense:
        return "keine Passage ist inhaltlich nah genug"
    if found.number_found is False:
        return "keine Zahl zum Thema der Frage"
    if found.unseen_share >= policy.max_unseen_share and found.best_dense < policy.unseen_dense:
        return "die Begriffe der Frage kommen in den Dokumenten nicht vor"
    return ""


def _number_on_topic(hits: list[Hit], question: str, asked: str, vocabulary: Vocabulary, policy: JudgePolicy) -> bool:
    """A sentence among the best passages that states a number (or, for "wann", a condition)
    and shares one of the question's specific terms, or follows one that does in its passage;
    without such a term the topic is unknown. Adjectives count as well as nouns: in "die Zahl
    vollelektrischer Autos" the topic is "vollelektrisch", while "Zahl" frames the question."""
    wanted = {
        t
        for t in vocabulary.salient_terms(topic_of_number_question(question), policy.salient_share)
        if vocabulary.frequency(t) > 0 and not t.isdigit()
    }
    if not wanted:
        return False
    for hit in hits[: policy.number_depth]:
        # A passage (a few sentences of one paragraph) keeps the topic an earlier sentence named:
        # "… einen Beitrag der Halter … erheben (Vignette). Die Ausgestaltung wird EU-rechtskonform
        # erfolgen. Ein entsprechendes Gesetz soll im Verlauf des Jahres 2014 verabschiedet werden."
        on_topic = False
        for unit in hit.passage.units:
            on_topic = on_topic or bool(wanted & term_set(unit.text, parts=False))
            if on_topic and states_answer(unit.text, asked):
                return True
    return False
