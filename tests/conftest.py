"""Shared fixtures: the real Leitbild PDF, its ingested Document, the real index and assistant, and
private copies of the index to ingest into (the Leitbild is never embedded again there)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from domain.settings import DEFAULT_DOCUMENTS_DIR, PROJECT_ROOT, Settings
from tests.support.index import copy_index
from tests.support.ingest import EmbedderFactory

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


@pytest.fixture
def factory(settings: Settings) -> EmbedderFactory:
    return EmbedderFactory(settings)


@pytest.fixture(scope="session")
def run_ingest(settings: Settings) -> Callable:
    from index.builder import ingest_paths

    def run(paths: list[Path], index: Path, factory: EmbedderFactory | None = None):
        return ingest_paths(
            paths, settings.model_copy(update={"index_dir": index}), embedder=factory or EmbedderFactory(settings)
        )

    return run


@pytest.fixture(scope="session")
def leitbild_index(
    index_dir: Path, leitbild_pdf: Path, tmp_path_factory: pytest.TempPathFactory, settings: Settings, run_ingest
) -> Path:
    """A copy of the real index, brought to today's ingest code without embedding anything anew."""
    from index.fingerprint import Fingerprint

    base = copy_index(index_dir, tmp_path_factory.mktemp("leitbild") / "index")
    recorded = Fingerprint.of(_manifest(base))
    now = Fingerprint.current(settings.model, settings.model_path(), settings.encoder)
    if recorded is None or recorded.embedding != now.embedding:
        pytest.fail(f"{index_dir} wurde mit anderem Modell oder Einbettungscode gebaut – bitte `make setup`")
    if recorded != now:
        # ingest/ changed since `make setup`: the Leitbild is parsed again; its vectors are reused by text.
        report = run_ingest([leitbild_pdf], base)
        assert not report.failed, report
    return base


def _manifest(index: Path) -> dict:
    version = (index / "CURRENT").read_text(encoding="utf-8").strip()
    return json.loads((index / "versions" / version / "manifest.json").read_text(encoding="utf-8"))


# Tests that need any of these fixtures load the model or the index `make setup` built (or drive a
# browser): they are marked here, in one place, so `make test-fast` can leave them out.
MODEL_FIXTURES = frozenset(
    {"assistant", "index_dir", "settings", "leitbild_index", "run_ingest", "factory", "app", "client",
     "live_server", "two_documents", "two_documents_assistant", "xss_index", "ingest", "st_model", "engine",
     "model_dir", "e5c_tokenize", "related_assistant"}
)  # fmt: skip
BROWSER_FIXTURES = frozenset({"browser", "page"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & MODEL_FIXTURES:
            item.add_marker(pytest.mark.model)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


RELATED_DIR = PROJECT_ROOT.parent / "shared" / "corpus" / "related"
RELATED_IDS = (
    "koalitionsvertrag-bund-2005",
    "koalitionsvertrag-bund-2009",
    "koalitionsvertrag-bund-2013",
    "koalitionsvertrag-bund-2021",
)


@pytest.fixture(scope="session")
def related_documents() -> dict:
    """The four real coalition agreements, each read once per session (636 pages)."""
    if not RELATED_DIR.is_dir():
        pytest.skip(f"{RELATED_DIR} fehlt: die echten Vergleichsdokumente liegen nur in CI und bei Entwicklern vor")
    from ingest.document import ingest_pdf

    return {doc_id: ingest_pdf(RELATED_DIR / f"{doc_id}.pdf", doc_id=doc_id) for doc_id in RELATED_IDS}


@pytest.fixture(scope="session")
def related_assistant():
    """An assistant over the index `make setup` builds of the four agreements and the Leitbild."""
    if not RELATED_DIR.is_dir():
        pytest.skip(f"{RELATED_DIR} fehlt: die echten Vergleichsdokumente liegen nur in CI und bei Entwicklern vor")
    index = Path(os.environ.get("LEITBILD_RELATED_INDEX", PROJECT_ROOT / "var" / "related-index"))
    if not (index / "CURRENT").exists():
        pytest.fail(f"Kein Index der Vergleichsdokumente unter {index}: bitte `make setup` ausführen")
    from assistant import Assistant

    return Assistant(Settings(index_dir=index))
