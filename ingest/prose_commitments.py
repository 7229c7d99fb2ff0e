"""Commitments written as prose: the sentences in which a government says what it will do.

German states an intention by its verb and its subject, and this detector reads exactly that.
A sentence commits when one of its main clauses (not a clause introduced by "dass", "wenn",
"die", …) has

- the government as subject ("wir", "die Landesregierung", "die Koalition", …) and a finite verb
  that acts: the future ("Wir werden … einführen"), intent ("Wir wollen …", "möchten"), or any
  verb of action in the present tense, which in a programme means the future ("Wir stärken den
  Kooperationsausschuss", "Netzneutralität sichern wir") — but not the verbs that describe,
  value or look back ("Wir sind", "Wir brauchen", "Wir bekennen uns", "Wir haben … erreicht");
- or no acting subject but a measure in the passive or as a goal: "Eine Synopse wird beigefügt",
  "Das Verfahren soll beschleunigt werden", "… ist zeitlich zu begrenzen".

Descriptions of the situation ("Deutschland steht vor großen Herausforderungen"), values ("Uns
leiten die Prinzipien …"), predictions ("Die Kosten werden steigen") and reviews of the past
("wurde verdoppelt") have none of these. The tables below carry the language knowledge; extend
them (a new acting subject, a verb that only describes) without touching the walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Who can commit: the speaker of a programme and the government bodies it speaks for.
ACTORS: tuple[str, ...] = (
    "wir",
    "die landesregierung",
    "die bundesregierung",
    "die staatsregierung",
    "die regierung",
    "die koalition",
    "die koalitionspartner",
    "die koalitionsfraktionen",
    "der bund",
    "bund und länder",  # "Bund und Länder richten eine gemeinsame Koordinierungsstelle … ein"
    "das land",
)
# Finite verbs with which an actor describes, values, demands of others or looks back instead of
# acting: (verb form, separable particle or participle that must close the clause, or None for any).
NOT_ACTING: tuple[tuple[str, str | None], ...] = tuple(
    (verb, None)
    for verb in [
        "sind",
        "ist",
        "bin",
        "war",
        "waren",
        "hat",
        "haben",
        "hatte",
        "hatten",
        "wurde",
        "wurden",
        "brauchen",
        "braucht",
        "benötigen",
        "benötigt",
        "wissen",
        "weiß",
        "glauben",
        "glaubt",
        "meinen",
        "meint",
        "sehen",
        "sieht",
        "verstehen",
        "versteht",
        "begreifen",  # "Wir begreifen Zuwanderung als Chance": a view, as "verstehen"
        "begreift",
        "betrachten",  # "Den Einfluss … betrachten wir mit Sorge"; "werden … betrachten" still commits
        "betrachtet",
        "teilen",
        "teilt",
        "leben",
        "lebt",
        "erleben",
        "erlebt",
        "kennen",
        "kennt",
        "begrüßen",
        "begrüßt",
        "bekennen",
        "bekennt",
        "bekräftigen",
        "bekräftigt",
        "erwarten",
        "erwartet",
        "fordern",
        "fordert",
        "wünschen",
        "wünscht",
        "hoffen",
        "hofft",
        "danken",
        "dankt",
        "respektieren",
        "respektiert",
        "anerkennen",
        "können",
        "kann",
        "müssen",
        "muss",
        "dürfen",
        "darf",
        "sollten",
        "sollte",
        "würden",
        "würde",
        "könnten",
        "könnte",
        "stehen",
        "steht",
        "befinden",
        "befindet",
        "freuen",
        "freut",
        "gehören",
        "gehört",
    ]
) + (
    ("stellen", "fest"),
    ("stellt", "fest"),
    ("gehen", "aus"),
    ("geht", "aus"),
    ("nehmen", "wahr"),
    ("nimmt", "wahr"),
    ("halten", "für"),
    ("hält", "für"),
    ("lehnen", "ab"),
    ("lehnt", "ab"),
)
# "Wir haben vereinbart, …" looks back in form but is the agreement itself.
AGREED: tuple[str, ...] = (
    "vereinbart",
    "verabredet",
    "beschlossen",
    "geeinigt",
    "verständigt",
    "vorgenommen",
    "verpflichtet",
)
# Words that open a subordinate clause: its "wir" is not the clause that commits.
SUBORDINATORS = frozenset(
    [
        "dass",
        "damit",
        "wenn",
        "weil",
        "ob",
        "indem",
        "wie",
        "als",
        "obwohl",
        "sofern",
        "soweit",
        "bevor",
        "nachdem",
        "während",
        "da",
        "sodass",
        "solange",
        "falls",
        "wo",
        "womit",
        "wodurch",
        "wofür",
        "worauf",
        "was",
        "welche",
        "welcher",
        "welches",
        "um",
        "ohne",
        "statt",
    ]
)
# Finite verbs of intention and of the future: with them a second verb of the actor commits.
INTENDING = frozenset(["wollen", "will", "werden", "wird", "möchten", "möchte", "beabsichtigen", "beabsichtigt"])
# Relative pronouns open a subordinate clause after a comma; at the start of a sentence they are articles.
RELATIVES = frozenset(["die", "der", "das", "denen", "dem", "den", "deren", "dessen"])
COORDINATORS = frozenset(["und", "oder", "aber", "sondern", "denn", "sowie"])
# Words that begin what a verb governs: after "… und verpflichten uns", "… und setzen uns … ein",
# "… und streben diese … an" the word after "und" is the subject's second finite verb.
GOVERNED = frozenset(
    ["uns", "sich", "sie", "ihn", "es", "die", "den", "das", "der", "dem", "dies", "diese", "diesen", "dieses",
     "ein", "eine", "einen", "einem", "auch", "weiterhin", "künftig", "gemeinsam"]
)  # fmt: skip
# A clause without an acting subject commits when it states a measure: the passive ("… wird
# eingeführt"), a goal ("… soll … werden", "… sollen … entscheiden können") or an obligation
# ("… ist … zu begrenzen").
_PARTICIPLE = re.compile(
    r"^(?:ge[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{2,}ge[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{3,}iert"
    r"|(?:be|ver|er|ent|zer|über|unter|hinter|miss|wider)[a-zäöüß]{2,}t)$"
)
_TO_INFINITIVE = re.compile(r"^(?:[a-zäöüß]{2,}zu[a-zäöüß]{2,}en|zu)$")
# Modal verbs that make a passive a measure (what must or shall be done), not a possibility ("kann").
MODALS: tuple[str, ...] = ("soll", "sollen", "muss", "müssen")
# Phrases that announce a goal (or an agreement) named by a zu-infinitive after them.
GOAL_FRAMES: tuple[str, ...] = (
    " ziel ist es ",
    " ziel ist ",
    " unser ziel ",
    " gilt es ",
    " es gilt ",
    " zum ziel gesetzt ",
    " uns einig ",
)
# "sein + zu" with these verbs says what is to be seen or owed, not what is to be done.
OBSERVING: tuple[str, ...] = ("verdanken", "erwarten", "beobachten", "erkennen", "sehen", "verzeichnen", "befürchten")
# "Eine Arbeitsgruppe wird einen Vorschlag ausarbeiten": the future of a verb of action commits
# whoever its subject is; with these verbs it forecasts a development or a state instead ("Die
# Kosten werden steigen", "Ein Schwerpunkt wird die Bildung sein", "… wird sich verändern").
DEVELOPING: tuple[str, ...] = (
    "sein", "bleiben", "werden", "geben", "kommen", "gehen", "steigen", "sinken", "wachsen", "zunehmen",
    "abnehmen", "fallen", "entstehen", "entwickeln", "ändern", "verändern", "prägen", "bestimmen", "gelten",
    "liegen", "stehen", "brauchen", "benötigen", "fehlen", "haben", "leiten", "führen", "beitragen", "können",
    "müssen", "sollen", "dürfen", "lassen",
)  # fmt: skip
# A measure that grants a body a power, a task or a right: "Die BaFin erhält die Möglichkeit, … zu
# verbieten", "Die Bundesagentur für Arbeit erhält die Aufgabe, …", "Eltern erhalten einen Anspruch auf …".
GRANTING = frozenset(["erhält", "erhalten", "bekommt", "bekommen"])
GRANTED = frozenset(
    ["möglichkeit", "aufgabe", "auftrag", "recht", "rechte", "befugnis", "befugnisse", "anspruch",
     "rechtsanspruch", "zuständigkeit", "kompetenz", "kompetenzen"]
)  # fmt: skip
# Not a grant: "Die Länder erhalten keine zusätzlichen Befugnisse", "Bisher erhalten Eltern …".
NOT_GRANTED = frozenset(["kein", "keine", "keinen", "keiner", "nicht", "bisher", "bislang"])
# A word before the actor that makes it an object, not the subject: "Das gilt für Bund und Länder".
PREPOSITIONS = frozenset(
    ["für", "mit", "von", "vom", "zwischen", "durch", "bei", "beim", "gegen", "an", "auf", "aus", "nach", "zu",
     "zum", "zur", "über", "unter", "vor", "ohne", "um", "gegenüber", "seitens"]
)  # fmt: skip
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")
_CLAUSES = re.compile(r"[;:()]|,(?!\s*[-\d])|\s[–-]\s")
MIN_WORDS = 3


@dataclass(frozen=True)
class Clause:
    written: tuple[str, ...]  # as written: verbs and participles are the lower-case words
    words: tuple[str, ...]  # lower-cased, for the tables
    first: bool  # the sentence's first clause

    @property
    def subordinate(self) -> bool:
        opener = self.words[0] if self.words else ""
        if opener in SUBORDINATORS and self.first and _actor_at(self.words, 2):
            return False  # "Damit unterstützen wir …": an adverb before the verb, not "damit wir …"
        return opener in SUBORDINATORS or (not self.first and opener in RELATIVES)

    @property
    def verb_at_end(self) -> str | None:
        """The clause's last word when it can be a verb form (German nouns are capitalised)."""
        last = self.written[-1]
        return last if last[:1].islower() else None


def clauses(sentence: str) -> list[Clause]:
    found: list[Clause] = []
    for part in _CLAUSES.split(sentence):
        written = tuple(_WORD.findall(part))
        if written:
            found.append(Clause(written, tuple(w.lower() for w in written), not found))
    return found


def commitment_kind(sentence: str) -> str | None:
    """Why `sentence` is a commitment ("actor", "passive", "future", "goal", "obligation", "grant"), or None."""
    text = sentence.strip()
    if text.endswith("?") or len(_WORD.findall(text)) < MIN_WORDS:
        return None
    parts = clauses(text)
    for clause in parts:
        if not clause.words or clause.subordinate:
            continue
        acting = _actor_verb(clause)
        if acting is not None:
            verb, at = acting
            if _acts(verb, clause.words[-1]) or _then_acts(clause.written[at + 1 :]):
                return "actor"
            continue
        kind = _measure(clause)
        if kind is not None:
            return kind
    if _framed_goal(parts):
        return "goal"
    return None


def _then_acts(written: tuple[str, ...]) -> bool:
    """A second finite verb of the same subject after "und" that states an intention or the future
    ("Wir begreifen dies als Chance und wollen … nutzen") or acts ("Wir stehen zu den Vereinbarungen
    … und verpflichten uns weiterhin zur Förderung …", "Wir bekennen uns zur Stärkung der Vereinten
    Nationen und setzen uns für ihre Reform ein"). Verbs are the lower-case words (nouns are
    capitalised); an acting one ends in "-en", as "wir" conjugates, and is followed by what it governs."""
    words = [w.lower() for w in written]
    for i in range(len(words) - 1):
        if words[i] not in COORDINATORS:
            continue
        verb = words[i + 1]
        if verb in INTENDING:
            return True
        governed = words[i + 2] if i + 2 < len(words) else ""
        if (
            words[i] == "und"
            and written[i + 1][:1].islower()
            and len(verb) >= 5
            and verb.endswith("en")
            and governed in GOVERNED
            and _acts(verb, words[-1])
        ):
            return True
    return False


def _actor_at(words: tuple[str, ...], index: int) -> bool:
    return any(" ".join(words[index : index + len(actor.split())]) == actor for actor in ACTORS)


def _actor_verb(clause: Clause) -> tuple[str, int] | None:
    """The finite verb whose subject is an actor, and its index; None when no actor is subject."""
    words = clause.words
    for actor in ACTORS:
        size = len(actor.split())
        for i in range(len(words) - size + 1):
            if " ".join(words[i : i + size]) != actor:
                continue
            before = words[i - 1] if i else None
            if before in SUBORDINATORS or (before in RELATIVES and i == 1 and not clause.first):
                return None  # "…, die wir …": the actor belongs to a subordinate clause
            if before in PREPOSITIONS:
                return None  # "Das gilt für Bund und Länder": the actor is an object
            if i == 0 or before in COORDINATORS:
                if i + size < len(words):
                    return words[i + size], i + size
            else:
                return before, i - 1  # "Dazu werden wir …", "Netzneutralität sichern wir."
    return None


def _acts(verb: str, last: str) -> bool:
    if verb in ("haben", "hat") and last in AGREED:
        return True
    return not any(verb == form and (particle is None or last == particle) for form, particle in NOT_ACTING)


def _measure(clause: Clause) -> str | None:
    words = clause.words
    last = clause.verb_at_end
    if {"wurde", "wurden", "worden"} & set(words):
        return None  # it tells what was done, not what will be
    if not NOT_GRANTED & set(words) and any(
        w in GRANTING and (i == 0 or words[i - 1] != "zu") and GRANTED & set(words[i + 1 : i + 4])
        for i, w in enumerate(words)
    ):
        return "grant"  # the object, not a verb, closes the clause
    if last is None or len(words) < 3:
        return None  # no verb closes the clause
    if ("wird" in words[:-1] or "werden" in words[:-1]) and _PARTICIPLE.match(last):
        return "passive"
    # "… muss verstärkt werden", "… soll beibehalten werden", "… müssen … eingesetzt werden können"
    tail = words[-3:] if last in ("können", "dürfen") else words[-2:]
    if set(MODALS) & set(words) and tail[-1] in ("werden", "können") and _PARTICIPLE.match(tail[0]):
        return "goal"
    if ("soll" in words or "sollen" in words) and (last == "werden" or last.endswith(("en", "ern", "eln"))):
        return "goal"
    if ("wird" in words[:-1] or "werden" in words[:-1]) and _infinitive_of_action(last):
        return "future"
    to_do = _TO_INFINITIVE.match(words[-2]) or _TO_INFINITIVE.match(last)
    if ("ist" in words or "sind" in words) and to_do and not any(last.endswith(verb) for verb in OBSERVING):
        return "obligation"
    return None


def _infinitive_of_action(word: str) -> bool:
    return word.endswith(("en", "ern", "eln")) and not any(word.endswith(verb) for verb in DEVELOPING)


def _framed_goal(parts: list[Clause]) -> bool:
    """ "Ziel ist es, … zu vereinfachen", "Zugleich gilt es zu prüfen, …": a goal that a zu-infinitive
    in the same or a later clause names."""
    for k, clause in enumerate(parts):
        text = f" {' '.join(clause.words)} "
        if any(frame in text for frame in GOAL_FRAMES):
            return any(_ends_in_zu_infinitive(c) for c in parts[k:])
    return False


def _ends_in_zu_infinitive(clause: Clause) -> bool:
    words = clause.words
    if not clause.verb_at_end:
        return False
    return bool(_TO_INFINITIVE.match(words[-1])) or (len(words) > 1 and words[-2] == "zu")
