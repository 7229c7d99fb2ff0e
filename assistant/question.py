"""A question (or a catalog search) as the assistant accepts it: one set of rules for CLI, API and chat."""

from __future__ import annotations


class QuestionError(ValueError):
    """A question that cannot be asked (empty, too long, unknown document); the message is German."""


def has_surrogates(text: str) -> bool:
    # JSON may carry a lone surrogate (\ud800); Python accepts it, but the tokenizer crashes on it.
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def normalize(text: str, subject: str = "Die Frage") -> str:
    """Control characters become spaces, runs of whitespace one space."""
    if has_surrogates(text):
        raise QuestionError(f"{subject} enthält ungültige Unicode-Zeichen.")
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())


def validate(text: str, limit: int, subject: str = "Die Frage") -> str:
    """The normalised text; QuestionError when it is empty or longer than `limit` characters."""
    text = normalize(text, subject)
    if not text:
        raise QuestionError(f"{subject} ist leer.")
    if len(text) > limit:
        raise QuestionError(f"{subject} ist zu lang ({len(text)} Zeichen, erlaubt sind höchstens {limit}).")
    return text


def names_something(text: str) -> bool:
    """ "?" or "–" names nothing, yet retrieval would still rank something."""
    return any(ch.isalnum() for ch in text)
