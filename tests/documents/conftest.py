"""Fixtures for several documents side by side: the generated second strategy beside a copy of
the real index, and a CLI runner.

The Leitbild is never embedded here: every index starts as a copy of the one `make setup`
built (the session fixture `index_dir`), and the generated documents are small.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from domain.settings import Settings
from tests.support import corpus
from tests.support.cli import run_cli
from tests.support.index import copy_index
from tests.support.ingest import EmbedderFactory


@pytest.fixture(scope="session")
def documents_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second strategy with its sidecar, in a folder of its own."""
    folder = tmp_path_factory.mktemp("strategien")
    corpus.write_energy(folder / f"{corpus.ENERGY_ID}.pdf")
    return folder


@pytest.fixture(scope="session")
def energy_pdf(documents_dir: Path) -> Path:
    return documents_dir / f"{corpus.ENERGY_ID}.pdf"


@pytest.fixture(scope="session")
def cli() -> Callable[..., subprocess.CompletedProcess]:
    return run_cli


@pytest.fixture(scope="module")
def two_documents(
    leitbild_index: Path, energy_pdf: Path, tmp_path_factory: pytest.TempPathFactory, settings: Settings, run_ingest
) -> tuple[Path, object, EmbedderFactory]:
    """Per test module: the Leitbild (copied, not embedded) and the second strategy side by side.
    Returns the index, the ingest report and the factory that embedded the new document."""
    index = copy_index(leitbild_index, tmp_path_factory.mktemp("zwei") / "index")
    factory = EmbedderFactory(settings)
    report = run_ingest([energy_pdf], index, factory)
    assert not report.failed, report
    return index, report, factory


@pytest.fixture(scope="module")
def two_documents_assistant(two_documents):
    from assistant import Assistant

    return Assistant(Settings(index_dir=two_documents[0]))
