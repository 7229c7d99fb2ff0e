"""Scope: which passages an answer may come from.

The user's document filter, the documents a question names ("laut Leitbild", "im
Koalitionsvertrag 2021", "die Energieversorgungsstrategie", a name from the document's sidecar such
as "die Ampel"), and for "welche davon" the passages
the previous answer cited. A question names a document with a word for a kind of document
(Leitbild, Koalitionsvertrag, Strategie, …) that stands in that document's title or file name,
optionally with a year; the words that name it are then left out of the search, since they
say where to look, not what to look for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from domain.german import stem
from domain.types import DocumentInfo
from index.store import IndexData

# Heads of German words for a kind of document: "Koalitionsvertrag", "Energieversorgungsstrategie".
DOCUMENT_KINDS = (
    "leitbild", "vertrag", "strategie", "bericht", "programm", "konzept", "plan", "papier", "agenda",
    "vereinbarung", "leitlinien", "positionspapier", "eckpunkte", "gesetz", "verordnung", "richtlinie",
    "koalition",  # "die Koalition von 2013": the coalition that wrote the agreement of that year
)  # fmt: skip
_KINDS = frozenset(stem(k) for k in DOCUMENT_KINDS)
_KIND_ENDINGS = tuple(_KINDS)  # str.endswith takes a tuple: one call per word, not one per kind
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# Words that only lead up to a document's name: "laut", "im", "gemäß dem", "von", "aus dem Jahr".
_LEAD = r"(?:(?:laut|gemäß|nach|in|im|aus|vom|von|zum|zur|des|der|dem|den|die|das|jahr|jahre)\s+)*"
# Laws and ordinances are dated too: "das Gesetz von 2013" is not the agreement of 2013.
_ACTS = frozenset(stem(k) for k in ("gesetz", "verordnung", "richtlinie"))
# "aus dem Jahr 2013", "von 2013" a few words after the word for the document.
# Within the clause: no comma in between ("Gibt es Pläne, das Gesetz von 2013 zu ändern?" asks about a law).
_FROM_YEAR = r"(?:[^\w,]+[\wÄÖÜäöüß]+){0,6}?[^\w,]+(?:aus\s+dem\s+jahre?|vom|von|aus)\s+(19[5-9]\d|20\d\d)\b"


@dataclass(frozen=True)
class Naming:
    documents: tuple[str, ...]  # ids of the documents the question names; () when it names none
    query: str  # the question without the words that name them


def named_documents(question: str, documents: Sequence[DocumentInfo]) -> Naming:
    names = {d.id: _name_words(d) for d in documents}
    years = set(_YEAR.findall(question))
    named: dict[str, set[str]] = {}
    for match in _WORD.finditer(question):
        word = match.group(0)
        key = stem(word)
        if not key.endswith(_KIND_ENDINGS):
            continue
        for document in documents:
            words = names[document.id]
            # "Koalitionsvertrag" names a document by its own word; a bare "Vertrag", "Strategie" or
            # "Koalition" only together with the document's year ("im Vertrag von 2013").
            exact = key in words
            part = key in _KINDS and any(w.endswith(key) or w.startswith(key) for w in words)
            partial = part and years & _years(document)
            if exact or partial:
                named.setdefault(document.id, set()).add(word)
    if not named:
        named = _dated(question, documents)
    aliased = _aliased(question, documents)  # a name the sidecar gives: needs no year to be precise
    if not (named or aliased) or set(named) | set(aliased) == {d.id for d in documents}:
        return Naming((), question)  # names nothing, or nothing narrower than everything
    by_id = {d.id: d for d in documents}
    dated = {d: w for d, w in named.items() if years & _years(by_id[d])}
    if years and dated:
        named = dated
        # Only the named documents' years say where to look: in "Was plant der Koalitionsvertrag 2021
        # für das Jahr 2030?" the 2030 is what is asked about.
        years = years & set().union(*(_years(by_id[d]) for d in named))
    else:
        years = set()
    for document_id, words in aliased.items():
        named.setdefault(document_id, set()).update(words)
    spoken = {w for words in named.values() for w in words} | years
    pattern = _LEAD + r"\b(?:" + "|".join(re.escape(w) for w in sorted(spoken, key=len, reverse=True)) + r")\b"
    query = " ".join(re.sub(pattern, " ", question, flags=re.IGNORECASE).split())
    return Naming(tuple(sorted(named)), query if any(ch.isalnum() for ch in query) else question)


def _aliased(question: str, documents: Sequence[DocumentInfo]) -> dict[str, set[str]]:
    """ "Was plant die Ampel …?": a name the document's sidecar gives it (`aliases`), also before a
    word for a kind of document ("Ampel-Koalition", "Ampelkoalition", "Ampel-Vertrag"), but not in
    other compounds ("Ampelanlagen")."""
    named: dict[str, set[str]] = {}
    for document in documents:
        for alias in document.aliases:
            pattern = r"(?<![\w-])" + re.escape(alias) + r"((?:-?\w+)*)(?![\w-])"
            for match in re.finditer(pattern, question, re.IGNORECASE):
                rest = match.group(1).replace("-", "")
                if not rest or stem(rest).endswith(_KIND_ENDINGS):
                    named.setdefault(document.id, set()).add(match.group(0))
    return named


def _dated(question: str, documents: Sequence[DocumentInfo]) -> dict[str, set[str]]:
    """ "Nach den Plänen von Union und SPD aus dem Jahr 2013": a word for a document that no title
    uses ("Pläne", "Papier", "Programm") names the one document of the year it comes from."""
    for match in _WORD.finditer(question):
        word = match.group(0)
        key = stem(word)
        if key not in _KINDS or key in _ACTS:
            continue
        year = re.match(_FROM_YEAR, question[match.end() :], re.IGNORECASE)
        between = {stem(w) for w in _WORD.findall(year.group(0))} if year else set()
        if between & _ACTS:
            continue  # "den Plänen für das Gesetz von 2013": the year is the law's
        of_year = [d for d in documents if year and year.group(1) in _years(d)]
        if len(of_year) == 1:
            return {of_year[0].id: {word}}
    return {}


def _name_words(document: DocumentInfo) -> set[str]:
    words = _WORD.findall(document.title) + re.split(r"[^a-zäöüß]+", document.id)
    return {stem(w) for w in words if len(w) >= 4}


def _years(document: DocumentInfo) -> set[str]:
    return set(_YEAR.findall(" ".join(filter(None, (document.title, document.id, document.date)))))


def document_scope(index: IndexData, documents: Sequence[str] | None) -> np.ndarray | None:
    """The passages of these documents; None (everything) without a filter."""
    if not documents:
        return None
    wanted = set(documents)
    return np.array([p.document in wanted for p in index.passages], dtype=bool)


def only(index: IndexData, positions: Sequence[int], scope: np.ndarray | None) -> np.ndarray:
    """`scope` narrowed to the passages at `positions`."""
    narrowed = np.zeros(len(index.passages), dtype=bool)
    narrowed[list(positions)] = True
    return narrowed if scope is None else scope & narrowed
