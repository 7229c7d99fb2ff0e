"""The answer archive's tables: every answer given (for permalinks) and the feedback on it.

The schema is created and changed only by the Alembic migrations in api/migrations/; these
classes describe it for queries.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class StoredAnswer(Base):
    """One answer exactly as a person was shown it, with what it was computed from."""

    __tablename__ = "answers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    question: Mapped[str] = mapped_column(Text)
    history: Mapped[list] = mapped_column(JSON)  # [[role, content], …] as sent
    documents: Mapped[list | None] = mapped_column(JSON, nullable=True)  # the document filter, if any
    answer: Mapped[dict] = mapped_column(JSON)  # Answer.to_dict(), citations included
    abstained: Mapped[bool] = mapped_column(Boolean)
    index_version: Mapped[str] = mapped_column(String(200))
    document_hashes: Mapped[dict] = mapped_column(JSON)  # document id → sha256 of the PDF at answer time

    feedback: Mapped[list[Feedback]] = relationship(back_populates="stored_answer", order_by="Feedback.id")


class Feedback(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    answer_id: Mapped[str] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rating: Mapped[str] = mapped_column(String(8))  # "up" | "down"
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    citation: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the [n] marked wrong
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)  # new | confirmed | rejected
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    stored_answer: Mapped[StoredAnswer] = relationship(back_populates="feedback")
