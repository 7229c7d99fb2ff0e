"""The answer archive against SQLite and against a real PostgreSQL server: migrations, answers,
feedback and its review. The same tests run on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from api.archive import Archive, FeedbackError, UnknownAnswerError
from api.database import DatabaseError
from domain.types import Answer, Citation
from tests.api.postgres import throwaway_server

CITATIONS = (
    Citation(1, "doc", "Titel", 4, "Abschnitt A", "Wir werden das Netz ausbauen.", "doc:p0001", 0.9),
    Citation(2, "doc", "Titel", 5, "Abschnitt B", "Wir werden Schulen stärken.", "doc:p0002", 0.8),
)
ANSWER = Answer("Was plant das Land?", "Es plant [1] und [2].", False, CITATIONS)


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with throwaway_server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Archive]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_url")
    store = Archive.open(url)
    yield store
    with store.engine.begin() as connection:  # the PostgreSQL server is shared by the module
        connection.execute(text("DELETE FROM feedback"))
        connection.execute(text("DELETE FROM answers"))
    store.close()


def save(archive: Archive, answer: Answer = ANSWER, **overrides):
    values = {"history": [("user", "Vorher?"), ("assistant", "Vorher.")], "documents": ["doc"]}
    values |= {"index_version": "v1", "document_hashes": {"doc": "a" * 64}} | overrides
    return archive.save(answer, **values)


def test_migrations_create_the_tables_and_running_them_again_changes_nothing(archive: Archive) -> None:
    tables = set(inspect(archive.engine).get_table_names())
    assert {"answers", "feedback", "alembic_version"} <= tables
    Archive.open(str(archive.engine.url.render_as_string(hide_password=False))).close()
    with archive.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"


def test_an_answer_comes_back_exactly_as_stored(archive: Archive) -> None:
    stored = save(archive)
    again = archive.get(stored.id)
    assert again == stored
    assert again.answer == ANSWER.to_dict()
    assert again.history == [["user", "Vorher?"], ["assistant", "Vorher."]]
    assert again.documents == ["doc"] and again.index_version == "v1"
    assert again.document_hashes == {"doc": "a" * 64}
    assert again.permalink == f"/a/{stored.id}"
    assert again.created_at.tzinfo is not None


def test_ids_are_unguessable_and_never_reused(archive: Archive) -> None:
    ids = {save(archive).id for _ in range(20)}
    assert len(ids) == 20
    assert all(len(i) >= 22 for i in ids)  # 128 random bits, URL-safe
    assert archive.get("gibt-es-nicht") is None


def test_feedback_is_stored_checked_and_reviewed(archive: Archive) -> None:
    stored = save(archive)
    down = archive.add_feedback(stored.id, "down", "Quelle 2 passt nicht", 2)
    up = archive.add_feedback(stored.id, "up")
    assert (down.rating, down.comment, down.citation, down.status) == ("down", "Quelle 2 passt nicht", 2, "new")
    assert up.comment is None and up.citation is None
    with pytest.raises(FeedbackError, match=r"keine Quelle \[7\] \(vorhanden: 1, 2\)"):
        archive.add_feedback(stored.id, "down", None, 7)
    with pytest.raises(UnknownAnswerError):
        archive.add_feedback("gibt-es-nicht", "up")
    assert [f.id for f in archive.feedback(rating="down")] == [down.id]
    assert {f.id for f in archive.feedback()} == {down.id, up.id}

    reviewed = archive.review(down.id, "confirmed")
    assert reviewed.status == "confirmed" and reviewed.reviewed_at is not None
    assert reviewed.answer.question == ANSWER.question
    assert [f.id for f in archive.feedback(status="confirmed")] == [down.id]
    assert archive.feedback(status="rejected") == []
    assert archive.review(999_999, "rejected") is None
    with pytest.raises(FeedbackError, match="Unbekannter Status"):
        archive.review(down.id, "vielleicht")


def test_a_database_that_cannot_be_opened_is_a_german_error(tmp_path: Path) -> None:
    blocker = tmp_path / "datei"
    blocker.write_text("kein Ordner")
    with pytest.raises(DatabaseError, match="Antwortarchiv .* ist nicht nutzbar"):
        Archive.open(f"sqlite:///{blocker / 'archive.sqlite3'}")
    with pytest.raises(DatabaseError, match="Datenbank-URL ist ungültig"):
        Archive.open("keine-url")


def test_the_service_answers_without_an_archive_and_opens_it_once_it_works(tmp_path: Path, monkeypatch) -> None:
    from api import archive_access
    from api.archive_access import ArchiveAccess
    from domain.settings import Settings

    blocker = tmp_path / "noch-eine-datei"
    blocker.write_text("kein Ordner")
    access = ArchiveAccess(Settings(database_url=f"sqlite:///{blocker / 'a.sqlite3'}"))
    access.open()
    assert access.archive is None and "nicht nutzbar" in access.error
    body = access.store(ANSWER, history=(), documents=None, index_version="v1", document_hashes={})
    assert body["id"] is None and body["permalink"] is None and body["answer"] == ANSWER.answer

    blocker.unlink()  # the database comes back
    monkeypatch.setattr(archive_access, "RETRY_S", 0.0)
    body = access.store(ANSWER, history=(), documents=None, index_version="v1", document_hashes={})
    assert body["permalink"] == f"/a/{body['id']}" and access.require().get(body["id"]) is not None
    access.close()
