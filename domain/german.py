"""German, in one place: words, stems, stop words, compounds, and what a question asks for.

BM25 indexes the terms this module makes, and the assistant reads questions with the same
rules, so a passage and a question always meet in the same vocabulary. Everything here shapes
stored data (the BM25 tokens of every passage): `fingerprint()` names it, and the index is
rebuilt when it changes (index/fingerprint.py).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import Stemmer
from bm25s.stopwords import STOPWORDS_GERMAN

from domain.compounds import split_compound

# -- words and terms -----------------------------------------------------------------------------

WORD = re.compile(r"[0-9A-Za-zÄÖÜäöüß]+(?:[.-][0-9A-Za-zÄÖÜäöüß]+)*")
# Question words carry no topic; leaving them in would favour passages that happen to contain "wie".
QUESTION_WORDS = frozenset(
    [
        "welche",
        "welcher",
        "welches",
        "welchen",
        "was",
        "wie",
        "wann",
        "wo",
        "wer",
        "wem",
        "wen",
        "warum",
        "wieso",
        "weshalb",
        "womit",
        "wofür",
        "wozu",
        "gibt",
        "geben",
        "es",
        "bitte",
        "denn",
        "eigentlich",
        "genau",
        "sagt",
        "steht",
        "dokument",
        "dokumente",
        "leitbild",
        "hoch",
        "viel",
        "viele",
        "groß",
        "derzeit",
        "aktuell",
        "künftig",
        "etwa",
        "ungefähr",
        "überhaupt",
    ]
)
STOPWORDS = frozenset(STOPWORDS_GERMAN) | QUESTION_WORDS
# Every strategy of the state government is about NRW, and every sentence of an agreement is the
# coalition's: these words never tell one topic from another (nor does BM25 search for them).
TOPIC_NEUTRAL = frozenset(
    {"nrw", "nordrhein", "westfal", "nordrhein-westfal", "land", "landesregier", "regier", "koalition", "bundesregier"}
    | {"cdu", "csu", "spd", "fdp", "ampel"}  # the parties that sign an agreement, and a coalition's nickname
)
# Compound splitting: shorter words are rarely compounds worth splitting; CharSplit scores below
# this are guesses. Both shape the stored BM25 tokens, so they live here and not in a policy.
MIN_COMPOUND = 10
MIN_SPLIT_SCORE = 0.5
MIN_PART = 4


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("german")


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def words(text: str) -> list[str]:
    """Lower-cased word tokens; compounds like "5G.NRW" or "Start-up" also yield their parts."""
    tokens: list[str] = []
    for match in WORD.finditer(text.lower()):
        token = match.group(0)
        tokens.append(token)
        if "-" in token or "." in token:
            tokens.extend(part for part in re.split(r"[.-]", token) if part)
    return tokens


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, ...]:
    """German compounds also match their parts: "Handwerksbetrieb" → "handwerk", "betrieb".
    CharSplit's n-gram statistics decide where to split; it ships its data, no download."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    score, head, tail = split_compound(word)[0]
    if score < MIN_SPLIT_SCORE:
        return ()
    parts = (
        head.lower().rstrip("s") if head.lower().endswith(("ungs", "ts", "ons", "ks")) else head.lower(),
        tail.lower(),
    )
    return tuple(p for p in parts if len(p) >= MIN_PART)


# A participle and its noun share a root: "gekürzt" / "Kürzung" → "kurz", "gefördert" / "Förderung"
# → "forder", "eingeführt" / "Einführung" → "einfuhr". Matched on Snowball stems (umlauts folded:
# "zurück" is "zuruck" there); the root is one more BM25 token, like a compound's parts.
_PARTICIPLE = re.compile(
    r"((?:ab|an|auf|aus|bei|dar|durch|ein|fest|fort|frei|her|hin|mit|nach|um|vor|weg|zu|zuruck|zusammen)?)"
    r"ge([a-zäöüß]{3,}?)(?:et|t)"
)
MIN_ROOT = 4


def _root(stem: str) -> str | None:
    if stem.endswith("ung") and len(stem) - 3 >= MIN_ROOT:
        return stem[:-3]
    match = _PARTICIPLE.fullmatch(stem)
    if match and len(match.group(1) + match.group(2)) >= MIN_ROOT:
        return match.group(1) + match.group(2)
    return None


def terms(text: str, *, parts: bool = True) -> list[str]:
    """Stemmed content terms: what BM25 indexes and matches, compound parts included unless
    `parts` is False (topic checks want the words as written: "Arbeitslosenquote" is not "Quote")."""
    stemmer = _stemmer()
    found: list[str] = []
    for w in words(text):
        if w in STOPWORDS or (len(w) <= 1 and not w.isdigit()):
            continue
        stem = stemmer.stemWord(w)
        found.append(stem)
        if parts:
            split = [stemmer.stemWord(p) for p in compound_parts(w) if p not in STOPWORDS]
            found.extend(split)
            found.extend(r for r in map(_root, [stem, *split[-1:]]) if r)
    return found


@lru_cache(maxsize=16384)
def term_set(text: str, parts: bool = True) -> frozenset[str]:
    """`terms` as a set, cached: the same sentences are compared with many questions."""
    return frozenset(terms(text, parts=parts))


def nouns(question: str) -> list[str]:
    """Stemmed nouns of a German question: its capitalised words after the first."""
    found = [m.group(0) for m in WORD.finditer(question)][1:]
    stemmer = _stemmer()
    return list(
        dict.fromkeys(
            stemmer.stemWord(w.lower())
            for w in found
            if w[:1].isupper() and w.lower() not in STOPWORDS and not w.isupper()
        )
    )


def fingerprint() -> str:
    """What makes the stored BM25 tokens: this module's rules and data and the libraries it calls."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("PyStemmer", "compound-split", "bm25s"):
        digest.update(f"{package}={_version(package)}".encode())
    digest.update(" ".join(sorted(STOPWORDS)).encode())
    return digest.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


# -- line-end hyphens ------------------------------------------------------------------------------

# Words after a line-end hyphen that mark an elided compound part ("Aus- und Weiterbildung").
_CONJUNCTIONS = frozenset({"und", "oder", "bzw", "bzw.", "sowie", "als", "bis", "noch", "wie"})


def hyphen_join(before: str, after: str, compounds: frozenset[str]) -> str:
    """How a line ending in '-' joins the next: '' (drop the hyphen), '-' (keep it) or '- '."""
    prefix_match = re.search(r"([\wÄÖÜäöüß]+)-$", before)
    next_word = after.split(" ", 1)[0]
    if not prefix_match:
        return "- " if before.endswith(" -") or before.endswith("–") else "-"
    prefix = prefix_match.group(1)
    if next_word.lower().rstrip(",.;:") in _CONJUNCTIONS:
        return "- "
    head = re.match(r"[\wÄÖÜäöüß]+", next_word)
    if head and f"{prefix}{head.group(0)}" in compounds and f"{prefix}-{head.group(0)}".lower() not in compounds:
        return ""  # "Ba-" + "Fin" where the document writes "BaFin"
    if not next_word or not next_word[0].islower():
        return "-"  # "FuE-" + "Ausgaben", "5G-" + "Technologie"
    if prefix[-1].isdigit() or (len(prefix) > 1 and prefix.isupper()):
        return "-"  # "CO2-" + "neutral", "EU-" + "weit"
    if head:
        candidate = f"{prefix.lower()}-{head.group(0).lower()}"
        if any(
            candidate.startswith(c) or c.startswith(candidate) for c in compounds if c.startswith(prefix.lower() + "-")
        ):
            return "-"
    return ""


# -- what a question asks for ----------------------------------------------------------------------

Intent = Literal["list", "number", "fact"]

_LIST = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bwelche\b.*\b(maßnahmen|schritte|vorhaben|pläne|zusagen|initiativen|programme|projekte|aktivitäten|ansätze)\b",
        # singular for a government, plural for the parties of a coalition ("Was wollen CDU, CSU und SPD …")
        r"\bwas\s+(plant|will|tut|unternimmt|möchte|beabsichtigt|macht|planen|wollen|tun|unternehmen|"
        r"möchten|beabsichtigen|machen)\b",
        # "Was wird die Landesregierung tun?", but not "Was werden die Kosten sein?", "Was wird das kosten?",
        # "Was wird aus den Zechen?" or "Was wird unter Transformation verstanden?"
        r"\bwas\s+(wird|werden)\b(?!\s+aus\b)"
        r"(?!.*\b(sein|bleiben|heißen|bedeuten|kosten|verstanden|gemeint|genannt)\s*([?.!,]|$))",
        r"\bwas\s+ist\s+(geplant|vorgesehen|beabsichtigt)\b",
        r"\bwas\s+(soll|sollen)\b.*\b(getan|unternommen|gemacht|passieren)\b",
        r"\bwie\s+(will|möchte|plant|wird|soll)\b.*\b(landesregierung|land|nrw|regierung|politik)\b",
        r"\b(maßnahmen|zusagen|vorhaben)\b.*\?$",
        r"\bwelche\s+davon\b",
        r"\bwomit\s+(will|möchte)\b",
    )
]
_ASKS_NUMBER = re.compile(
    r"\b(wie\s+(viel|viele|hoch|groß|stark|lange)|wieviel|anteil|prozent|quote|zahl|anzahl|bis wann|wann|"
    r"in welchem jahr|welches jahr|an welchem tag|datum|welchen betrag|mrd|millionen|milliarden|euro)\b",
    re.IGNORECASE,
)


def intent(question: str) -> Intent:
    """A list of measures, a number (or date), or a fact. A price is a number: "Was kostet die Pkw-Maut?"."""
    if any(p.search(question) for p in _LIST):
        return "list"
    if _ASKS_NUMBER.search(question) or asks_money(question):
        return "number"
    return "fact"


# A sentence that states a number: digits or number words ("die Hälfte", "zwölf Millionen").
STATES_NUMBER = re.compile(
    r"\d|\b(hälfte|drittel|viertel|fünftel|zehntel|dutzend|million(en)?|milliarden?|milliarde|zwei|drei|vier|fünf|"
    r"sechs|sieben|acht|neun|zehn|zwanzig|hundert|tausend|jahrzehnte?n?|jahrhunderts?)\b",
    re.IGNORECASE,
)
DIGIT = re.compile(r"\d")
# "10. Juni 2017" at a line start is a date, not the tenth item of a list.
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember")  # fmt: skip
# "Wann steigt das Risiko?" can be answered by a condition as well as by a date.
STATES_CONDITION = re.compile(r"\b(wenn|falls|sobald|solange|bevor|nachdem|sofern)\b", re.IGNORECASE)
ASKS_WHEN = re.compile(r"^\s*wann\b", re.IGNORECASE)
# "Wie viel kostet …?", "Wie viel Euro …?", "Mit wie viel Geld …?" ask for an amount of money: "der
# Ausbau der A 1" states a number, not a price. The verb only in lower case: "Wie viel von den Kosten
# …?" asks for a share.
ASKS_MONEY = re.compile(
    r"\bwie\s*viel\w*\s+(euro|geld|fördergeld)\b|\bwelchen\s+betrag\b|\bwelche\s+summe\b|\b(?-i:koste[tn])\b|^\s*kostet\b",
    re.IGNORECASE,
)
# "Wie hoch sind die Kosten …?", "Was werden die Kosten sein?", "Wie hoch ist das Budget …?": the noun names
# an amount of money; not in "Wie hoch ist der Anteil der Kosten …?", which asks a share.
_MONEY_NOUNS = r"(kosten|ausgaben|budget|fördersumme|investitionssumme)\b"
_MONEY_NOUN = re.compile(r"\b" + _MONEY_NOUNS, re.IGNORECASE)
# The noun right after the question's verb (one adjective between): not "Was sind die Gründe für die Kosten?"
_ASKS_AMOUNT = re.compile(
    r"\b(wie\s+hoch\s+(ist|sind|war|waren|wäre|wären|wird|werden|soll|sollen)|was\s+(sind|werden|wären))\s+"
    r"(die|der|das|den)?\s*(\w+\s+)?" + _MONEY_NOUNS,
    re.IGNORECASE,
)
# "Wie viele Arbeitsplätze kostet der Ausstieg?" counts jobs: what "wie viele" (or "wie viel" before a
# noun) counts is no money unless it names money ("Wie viel Steuergeld kostet …?", "Wie viel Cent …?").
_MONEY_WORD = r"(?:\w*(?:geld|mittel|euro|cent|betrag|summe)|millionen|milliarden|mio|mrd)\b"
_COUNTS_OTHER = re.compile(
    rf"\bwie\s*viele\s+(?!{_MONEY_WORD})\w+|\bwie\s*viel\s+(?!{_MONEY_WORD})(?-i:[A-ZÄÖÜ])\w+", re.IGNORECASE
)
STATES_MONEY = re.compile(r"€|\b(euro|eur|cent)\b", re.IGNORECASE)


def asks_money(question: str) -> bool:
    """Whether a question asks for an amount of money ("Wie viel kostet …?", "Was kostet …?")."""
    return bool(ASKS_MONEY.search(question) or _ASKS_AMOUNT.search(question)) and not _COUNTS_OTHER.search(question)


# "im Jahr", "pro Monat": the unit of a rate, which frames the number as the words above do.
_RATE = re.compile(r"\b(im|pro|je)\s+(jahr|monat|woche|tag|stunde)\b", re.IGNORECASE)


def topic_of_number_question(question: str) -> str:
    """The question without the words that ask for a number: in "Wie viel Euro soll die Vignette im
    Jahr kosten?" the topic is the vignette; "Euro", "Jahr" and "kosten" name what kind of number."""
    topic = _RATE.sub(" ", ASKS_MONEY.sub(" ", _ASKS_NUMBER.sub(" ", question)))
    return _MONEY_NOUN.sub(" ", topic) if asks_money(question) else topic


def states_answer(sentence: str, question: str) -> bool:
    """Whether a sentence has the shape of an answer to a number question: an amount of money for
    "wie viel kostet", a number (or, for "wann", also a condition) otherwise."""
    if asks_money(question):
        return bool(STATES_MONEY.search(sentence) and STATES_NUMBER.search(sentence))
    return bool(STATES_NUMBER.search(sentence) or (ASKS_WHEN.match(question) and STATES_CONDITION.search(sentence)))


# -- follow-up questions -----------------------------------------------------------------------------

BACK_REFERENCE = re.compile(
    r"\b(davon|darunter|dabei|dazu|daran|darin|dafür|danach|davor|dadurch|darauf|darüber|daraus|dagegen|hierzu|"
    r"hierfür|hierbei|hiervon|diese[rnms]?|deren|dessen|jene[rnms]?|genannten|erwähnten)\b"
    # "Wird das geprüft?", "Gilt das auch für …": "das" as the subject, not an article ("Wird das Gesetz …").
    r"|^\s*\w+\s+(das|dies)\b(?!\s+(?-i:[A-ZÄÖÜ]))",
    re.IGNORECASE,
)
# "davon" picks a subset only after a word that selects ("Welche davon …", "Wie viele davon …"); in
# "Wird davon etwas zurückgelegt?" it means "of it" and asks something new, as "dazu" does.
SUBSET = re.compile(
    r"\b(welche[rsmn]?|was|wie\s+viele?|wer)(\s+\w+){0,3}?\s+(davon|darunter)\b"
    r"|\b(davon|darunter)(\s+\w+){0,2}?\s+welche\b"
    r"|\bwelche\s+(dieser|der\s+genannten|der\s+maßnahmen)\b",
    re.IGNORECASE,
)
CONTINUATION = re.compile(r"^\s*(und|aber|auch|sowie|oder|was ist mit|wie steht es mit)\b", re.IGNORECASE)
# "Und wenn jemand besonders gut integriert ist?" asks the same question under a condition, however
# many words of its own it has.
CONDITIONAL_CONTINUATION = re.compile(r"^\s*(und|aber)\s+(wenn|falls|sofern)\b", re.IGNORECASE)
