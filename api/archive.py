"""The answer archive: every answer given is stored under an unguessable id, with its feedback.

A permalink shows the answer as it was given, so the record keeps what it was computed from:
question, history, document filter, index version and the PDFs' SHA-256 at that time.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from api import database
from api.models import Feedback, StoredAnswer
from domain.types import Answer

ID_BYTES = 16  # 128 random bits, 22 URL-safe characters
RATINGS = ("up", "down")
REVIEW_STATES = ("new", "confirmed", "rejected")


def new_id() -> str:
    return secrets.token_urlsafe(ID_BYTES)


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class ArchivedAnswer:
    id: str
    created_at: datetime
    question: str
    history: list[list[str]]
    documents: list[str] | None
    answer: dict
    index_version: str
    document_hashes: dict[str, str]

    @property
    def permalink(self) -> str:
        return f"/a/{self.id}"


@dataclass(frozen=True)
class FeedbackItem:
    id: int
    answer_id: str
    created_at: datetime
    rating: str
    comment: str | None
    citation: int | None
    status: str
    reviewed_at: datetime | None
    answer: ArchivedAnswer


class UnknownAnswerError(LookupError):
    pass


class FeedbackError(ValueError):
    """Feedback that does not fit its answer (a citation number it does not have); German message."""


def _archived(row: StoredAnswer) -> ArchivedAnswer:
    return ArchivedAnswer(
        id=row.id,
        created_at=_aware(row.created_at),
        question=row.question,
        history=[list(turn) for turn in row.history],
        documents=row.documents,
        answer=row.answer,
        index_version=row.index_version,
        document_hashes=row.document_hashes,
    )


def _feedback(row: Feedback) -> FeedbackItem:
    return FeedbackItem(
        id=row.id,
        answer_id=row.answer_id,
        created_at=_aware(row.created_at),
        rating=row.rating,
        comment=row.comment,
        citation=row.citation,
        status=row.status,
        reviewed_at=_aware(row.reviewed_at) if row.reviewed_at else None,
        answer=_archived(row.stored_answer),
    )


class Archive:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str) -> Archive:
        """Connect and bring the schema up to date (raises `database.DatabaseError`)."""
        engine = database.create(url)
        database.migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def _session(self) -> Session:
        return self._sessions()

    # -- answers ---------------------------------------------------------------------------

    def save(
        self,
        answer: Answer,
        *,
        history: Sequence[tuple[str, str]],
        documents: Sequence[str] | None,
        index_version: str,
        document_hashes: dict[str, str],
    ) -> ArchivedAnswer:
        stored = ArchivedAnswer(
            id=new_id(),
            created_at=_now(),
            question=answer.question,
            history=[list(turn) for turn in history],
            documents=list(documents) if documents else None,
            answer=answer.to_dict(),
            index_version=index_version,
            document_hashes=dict(document_hashes),
        )
        # One INSERT on every answer, straight to the table: the ORM's unit of work is not needed for a
        # row that is written once and never changed.
        with self.engine.begin() as connection:
            connection.execute(insert(StoredAnswer.__table__), [{**vars(stored), "abstained": answer.abstained}])
        return stored

    def get(self, answer_id: str) -> ArchivedAnswer | None:
        with self._session() as session:
            row = session.get(StoredAnswer, answer_id)
            return _archived(row) if row else None

    # -- feedback --------------------------------------------------------------------------

    def add_feedback(
        self, answer_id: str, rating: str, comment: str | None = None, citation: int | None = None
    ) -> FeedbackItem:
        if rating not in RATINGS:
            raise FeedbackError(f"Unbekannte Bewertung: {rating} (erlaubt: up, down)")
        with self._session() as session, session.begin():
            stored = session.get(StoredAnswer, answer_id)
            if stored is None:
                raise UnknownAnswerError(answer_id)
            numbers = {c["n"] for c in stored.answer.get("citations", [])}
            if citation is not None and citation not in numbers:
                shown = ", ".join(str(n) for n in sorted(numbers)) or "keine"
                raise FeedbackError(f"Die Antwort hat keine Quelle [{citation}] (vorhanden: {shown}).")
            row = Feedback(
                answer_id=answer_id,
                created_at=_now(),
                rating=rating,
                comment=comment or None,
                citation=citation,
                status="new",
            )
            session.add(row)
            session.flush()
            session.refresh(row, ["stored_answer"])
            return _feedback(row)

    def feedback(self, *, rating: str | None = None, status: str | None = None, limit: int = 200) -> list[FeedbackItem]:
        query = select(Feedback).options(selectinload(Feedback.stored_answer)).order_by(Feedback.id.desc())
        if rating:
            query = query.where(Feedback.rating == rating)
        if status:
            query = query.where(Feedback.status == status)
        with self._session() as session:
            return [_feedback(row) for row in session.scalars(query.limit(limit))]

    def review(self, feedback_id: int, status: str) -> FeedbackItem | None:
        if status not in REVIEW_STATES:
            raise FeedbackError(f"Unbekannter Status: {status} (erlaubt: {', '.join(REVIEW_STATES)})")
        with self._session() as session, session.begin():
            row = session.get(Feedback, feedback_id, options=[selectinload(Feedback.stored_answer)])
            if row is None:
                return None
            row.status = status
            row.reviewed_at = None if status == "new" else _now()
            return _feedback(row)
