"""Request and response models of the HTTP API; the OpenAPI document at /openapi.json is built from them.

The answer models mirror `domain.types.Answer.to_dict()` field for field, so `POST /api/ask` returns
exactly what `leitbild ask --json` prints.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from assistant.question import has_surrogates
from domain.types import AnswerGroup, Citation

# Generous bounds: the body limit (settings.max_body_bytes) is the real cap; these keep a single
# field from being absurd and document the shape in OpenAPI.
MAX_HISTORY_TURNS = 20
MAX_TURN_CHARS = 8000
MAX_DOCUMENT_FILTER = 100
MAX_COMMENT_CHARS = 2000


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
    groups: list[AnswerGroup] = Field(
        default_factory=list, description="Die Zitate nach Dokument gruppiert (Nummern n aus `citations`)"
    )
    id: str | None = Field(
        None, description="ID der gespeicherten Antwort (`GET /api/answers/{id}`); null, wenn das Archiv ausfiel"
    )
    permalink: str | None = Field(None, description="Dauerhafter Link auf diese Antwort, z. B. `/a/<id>`")


class StoredAnswerOut(BaseModel):
    """An answer as it was given, with what it was computed from."""

    id: str
    permalink: str
    created_at: datetime
    question: str
    history: list[HistoryTurn]
    documents: list[str] | None = Field(description="Dokumentfilter der Frage, falls gesetzt")
    answer: AnswerOut
    index_version: str = Field(description="Index-Version, mit der die Antwort entstand")
    current_index_version: str | None = Field(description="Index-Version, die jetzt geladen ist")
    index_changed: bool = Field(description="Der Index hat sich seit der Antwort geändert")
    changed_documents: list[str] = Field(description="Zitierte Dokumente, deren PDF sich seitdem geändert hat")
    document_hashes: dict[str, str] = Field(description="SHA-256 der PDF-Dateien zur Zeit der Antwort")


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: Literal["up", "down"] = Field(description="`up` = hilfreich, `down` = nicht hilfreich")
    comment: Text | None = Field(None, max_length=MAX_COMMENT_CHARS, description="Freitext, optional")
    # strict: JSON true is no number [n] (lax validation reads it as 1)
    citation: int | None = Field(None, ge=1, le=1000, strict=True, description="Nummer [n] der Quelle, die falsch ist")


class FeedbackOut(BaseModel):
    id: int
    answer_id: str
    rating: Literal["up", "down"]
    comment: str | None
    citation: int | None
    status: Literal["new", "confirmed", "rejected"]
    created_at: datetime


class FeedbackReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["new", "confirmed", "rejected"] = Field(description="Ergebnis der Prüfung")


class ReviewedFeedbackOut(FeedbackOut):
    reviewed_at: datetime | None
    question: str
    answer: AnswerOut
    permalink: str
    index_version: str


class PageMarkOut(BaseModel):
    """A marked area in fractions of the page image, from its top left corner."""

    x: float
    y: float
    width: float
    height: float


class PageMarksOut(BaseModel):
    document: str
    page: int
    marks: list[PageMarkOut] = Field(description="Markierte Zeilen; leer, wenn das Zitat nicht gefunden wurde")


class ConfigOut(BaseModel):
    """Limits and texts the web pages need, from the server's settings (never copied into JavaScript)."""

    max_question_chars: int
    max_history_turns: int
    max_turn_chars: int
    max_comment_chars: int
    abstention_text: str
    page_scale_default: float = Field(description="Vergrößerung der Seitenbilder bei 100 %")
    page_scale_max: float = Field(description="Größte Vergrößerung, die `…/pages/{n}.png` annimmt")


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
    pages: list[int] = Field(
        default_factory=list, description="Seiten, auf denen das Zitat (ohne `quote`: die Passage) steht"
    )
    before: NeighbourOut | None
    after: NeighbourOut | None
    commitment_id: str | None = Field(None, description="Die Zusage, die diese Passage ist (`GET /api/commitments`)")


class CommitmentOut(BaseModel):
    """One commitment ("Wir werden: • …"); the same fields as `leitbild commitments --format json`."""

    id: str = Field(description="Stabile ID, gleich nach erneutem Einlesen desselben Dokuments")
    text: str = Field(description="Vollständiger, bereinigter Text der Zusage")
    section: str = Field(description="Abschnitt, wie gedruckt")
    page: int = Field(description="PDF-Seite (ab 1), auf der die Zusage beginnt (für #page=N)")
    printed_page: str | None = Field(None, description="Auf der Seite gedruckte Seitenzahl, falls vorhanden")
    document: str
    title: str = Field(description="Titel des Dokuments")
    parent: str | None = Field(description="Übergeordnete Zusage bei verschachtelten Aufzählungen")
    position: int = Field(description="Stelle in ihrer Liste, ab 1 (Unterpunkte innerhalb ihrer Zusage)")
    source: Literal["list", "prose"] = Field(
        "list", description="`list`: Aufzählungspunkt einer Zusagenliste; `prose`: Zusage im Fließtext"
    )


class ErrorOut(BaseModel):
    detail: str = Field(description="Deutsche Fehlermeldung")


class FieldErrorOut(BaseModel):
    field: str = Field(description="Feld, z. B. `question` oder `history[0].role`")
    problem: str = Field(description="Was an dem Feld falsch ist")


class ValidationErrorOut(BaseModel):
    """422: `detail` fasst zusammen; `errors` nennt je Feld das Problem (fehlt bei ungültigem JSON
    und bei Fehlern, die nicht an einem Feld hängen)."""

    detail: str
    errors: list[FieldErrorOut] | None = None


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


# Query parameters of every download (the catalog, an answer's sources).
ExportFormat = Annotated[Literal["json", "csv", "xlsx"], Query(alias="format", description="`json`, `csv` oder `xlsx`")]
CsvDialect = Annotated[
    Literal["default", "excel-de"],
    Query(description="CSV: `excel-de` = UTF-8 mit BOM, Semikolon, CRLF (für deutsches Excel)"),
]
