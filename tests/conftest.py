"""Shared fixtures: the real Leitbild PDF, its ingested Document, and the real index and assistant."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from domain.settings import DEFAULT_DOCUMENTS_DIR, PROJECT_ROOT, Settings

LEITBILD_PDF = DEFAULT_DOCUMENTS_DIR / "industriepolitisches-leitbild-nrw.pdf"
LEITBILD_ID = "industriepolitisches-leitbild-nrw"


@pytest.fixture(scope="session")
def leitbild_pdf() -> Path:
    return LEITBILD_PDF


@pytest.fixture(scope="session")
def leitbild():
    from ingest.document import ingest_pdf

    return ingest_pdf(LEITBILD_PDF)


@pytest.fixture(scope="session")
def index_dir() -> Path:
    """The index `make setup` built from the bundled corpus (tests never rebuild the shared one)."""
    path = Path(os.environ.get("LEITBILD_TEST_INDEX", PROJECT_ROOT / "var" / "index"))
    if not (path / "CURRENT").exists():
        pytest.fail(f"Kein Index unter {path}: bitte `make setup` ausführen")
    return path


@pytest.fixture(scope="session")
def settings(index_dir: Path) -> Settings:
    return Settings(index_dir=index_dir)


@pytest.fixture(scope="session")
def assistant(settings: Settings):
    from assistant import Assistant

    return Assistant(settings)
