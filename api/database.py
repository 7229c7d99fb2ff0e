"""The archive's database: one engine per URL, schema brought up to date by Alembic on start-up.

SQLite (a file under var/) needs nothing installed; `LEITBILD_DATABASE_URL` points to PostgreSQL
(`postgresql+psycopg://user@host/db`). Several server processes may start at once, so migrating
takes a lock first: an advisory lock on PostgreSQL, a lock file beside an SQLite database.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from domain.files import exclusive_lock

MIGRATIONS = Path(__file__).with_name("migrations")
_ADVISORY_LOCK = 0x1E17B11D  # any fixed number; names this project's migration lock


class DatabaseError(RuntimeError):
    """The archive cannot be opened or migrated; the message is German."""


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def create(url: str) -> Engine:
    try:
        path = _sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_pre_ping=True)
    except OSError as exc:
        raise DatabaseError(f"Das Antwortarchiv ({url}) ist nicht nutzbar: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - unknown dialect, missing driver, malformed URL
        raise DatabaseError(f"Die Datenbank-URL ist ungültig: {exc}") from exc
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            # WAL lets readers go on while an answer is written; foreign keys are off by default in SQLite.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def migrate(engine: Engine) -> None:
    """Apply every migration not yet applied; safe to call from several processes at once."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    path = _sqlite_file(str(engine.url))
    lock = exclusive_lock(path.with_name(path.name + ".migrate.lock")) if path is not None else contextlib.nullcontext()
    try:
        with lock, engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:  # noqa: BLE001 - unreachable server, read-only file, wrong password
        raise DatabaseError(f"Das Antwortarchiv ({engine.url.render_as_string()}) ist nicht nutzbar: {exc}") from exc
