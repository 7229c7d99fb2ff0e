"""Request and response models of the HTTP API; the OpenAPI document at /openapi.json is built from them.

The answer models mirror `domain.types.Answer.to_dict()` field for field, so `POST /api/ask` returns
exactly what `leitbild ask --json` prints.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from assistant.question import has_surrogates
from domain.types import Citation

# Generous bounds: the body limit (settings.max_body_bytes) is the real cap; these keep a single
# field from being absurd and document the shape in OpenAPI.
MAX_HISTORY_TURNS = 20
MAX_TURN_CHARS = 8000
MAX_DOCUMENT_FILTER = 100


def _no_surrogates(value: str) -> str:
    if has_surrogates(value):
        raise ValueError("enthält ungültige Unicode-Zeichen")
    return value


Text = Annotated[str, AfterValidator(_no_surrogates)]


class HistoryTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"] = Field(description="Wer den Beitrag geschrieben hat")
    content: Text = Field(max_length=MAX_TURN_CHARS, description="Text des Beitrags")


class AskRequest(BaseModel):
    # Unknown fields are refused so that a typo ("document" for "documents") is not silently ignored.
    model_config = ConfigDict(extra="forbid")

    question: Text = Field(description="Die Frage auf Deutsch", examples=["Was plant NRW zur Wasserstoffwirtschaft?"])
    history: list[HistoryTurn] = Field(
        default_factory=list,
        max_length=MAX_HISTORY_TURNS,
        description="Bisherige Unterhaltung, älteste zuerst; für Anschlussfragen",
    )
    documents: list[Text] | None = Field(
        default=None, max_length=MAX_DOCUMENT_FILTER, description="Nur in diesen Dokument-IDs suchen"
    )


class AnswerOut(BaseModel):
    question: str
    answer: str
    abstained: bool
    citations: list[Citation]  # the domain type itself: one definition of a citation's fields


class DocumentOut(BaseModel):
    id: str
    title: str
    pages: int
    passages: int


class NeighbourOut(BaseModel):
    id: str
    page: int
    text: str


class HighlightOut(BaseModel):
    """Character offsets of the quote inside `text` (end exclusive)."""

    start: int
    end: int


class PassageOut(BaseModel):
    id: str
    document: str
    title: str
    page: int
    section: str
    section_path: list[str]
    kind: str
    text: str
    highlight: HighlightOut | None = Field(None, description="Lage des Zitats, wenn `quote` übergeben wurde")
    before: NeighbourOut | None
    after: NeighbourOut | None
    commitment_id: str | None = Field(None, description="Die Zusage, die diese Passage ist (`GET /api/commitments`)")


class CommitmentOut(BaseModel):
    """One commitment ("Wir werden: • …"); the same fields as `leitbild commitments --format json`."""

    id: str = Field(description="Stabile ID, gleich nach erneutem Einlesen desselben Dokuments")
    text: str = Field(description="Vollständiger, bereinigter Text der Zusage")
    section: str = Field(description="Handlungsfeld, wie gedruckt")
    page: int = Field(description="PDF-Seite, auf der die Zusage beginnt (für #page=N)")
    printed_page: str | None = Field(None, description="Auf der Seite gedruckte Seitenzahl, falls vorhanden")
    document: str
    title: str = Field(description="Titel des Dokuments")
    parent: str | None = Field(description="Übergeordnete Zusage bei verschachtelten Aufzählungen")
    position: int = Field(description="Stelle in ihrer Liste, ab 1 (Unterpunkte innerhalb ihrer Zusage)")
    source: Literal["list", "prose"] = Field(
        "list", description="`list`: Aufzählungspunkt einer Zusagenliste; `prose`: Zusage im Fließtext"
    )


class ErrorOut(BaseModel):
    detail: str


class HealthOut(BaseModel):
    status: Literal["ok"]


class ReadyOut(BaseModel):
    status: Literal["ready"]
    index_version: str
    documents: int
    worker: int = Field(description="Prozess-ID des antwortenden Server-Prozesses (`serve --workers N`)")


class ReloadOut(BaseModel):
    reloaded: bool
    index_version: str
