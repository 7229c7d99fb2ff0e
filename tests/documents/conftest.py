"""Fixtures for several documents side by side: generated PDFs, copies of the real index, a
recording embedder that proves what was (not) embedded, and a CLI runner.

The Leitbild is never embedded here: every index starts as a copy of the one `make setup`
built (the session fixture `index_dir`), and the generated documents are small.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from domain.settings import PROJECT_ROOT, Settings
from tests.support import corpus
from tests.support.cli import CLI
from tests.support.index import copy_index


class RecordingEmbedder:
    """Passes through to the real embedder and keeps every text it was asked to embed."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.dimensions = inner.dimensions
        self.texts: list[str] = []

    def passages(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        return self._inner.passages(texts)


class EmbedderFactory:
    """The factory `ingest_paths` calls for a model; counts the calls and records the texts."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.calls = 0
        self.embedder: RecordingEmbedder | None = None

    def __call__(self) -> RecordingEmbedder:
        from index.embedder import load_embedder

        self.calls += 1
        # Same cache key as the Assistant in this process: the model is loaded once per session.
        self.embedder = RecordingEmbedder(load_embedder(self._settings.model_path(), self._settings.torch_threads))
        return self.embedder

    @property
    def texts(self) -> list[str]:
        return self.embedder.texts if self.embedder else []


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
    now = Fingerprint.current(settings.model, settings.model_path())
    if recorded is None or recorded.embedding != now.embedding:
        pytest.fail(f"{index_dir} wurde mit anderem Modell oder Einbettungscode gebaut – bitte `make setup`")
    if recorded != now:
        # ingest/ changed since `make setup`: the Leitbild is parsed again; its vectors are reused by text.
        report = run_ingest([leitbild_pdf], base)
        assert not report.failed, report
    return base


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
    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*CLI, *args],
            cwd=PROJECT_ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run


def _manifest(index: Path) -> dict:
    version = (index / "CURRENT").read_text(encoding="utf-8").strip()
    return json.loads((index / "versions" / version / "manifest.json").read_text(encoding="utf-8"))


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
