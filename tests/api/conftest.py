"""Fixtures for the HTTP service: the app on the real index, a live server, small generated indexes.

The app is built once per session around the session's `assistant`, so the model loads once.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, sync_playwright

from domain.settings import PROJECT_ROOT, Settings
from tests.support.pdfgen import write_one_page_pdf

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'
ADMIN_TOKEN = "test-admin-token-0815"


@pytest.fixture(scope="session", autouse=True)
def service_environment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Every service the API tests start archives into a throwaway SQLite file (never var/), and
    answers TestClient's Host name `testserver` besides the loopback names."""
    url = f"sqlite:///{tmp_path_factory.mktemp('archive') / 'archive.sqlite3'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEITBILD_DATABASE_URL", url)
        patch.setenv("LEITBILD_ALLOWED_HOSTS", '["testserver"]')
        yield url


@pytest.fixture(scope="session")
def settings(index_dir: Path, service_environment: str) -> Settings:
    return Settings(index_dir=index_dir, admin_token=ADMIN_TOKEN)


@pytest.fixture(scope="session")
def app(settings: Settings, assistant) -> FastAPI:
    from api.app import create_app

    return create_app(settings, assistant=assistant)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


class LiveServer:
    """uvicorn in a background thread on a free loopback port; the app's lifespan runs as in production."""

    def __init__(self, app: FastAPI) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        from api.server import uvicorn_options

        config = uvicorn.Config(app, log_level="warning", lifespan="on", **uvicorn_options())
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("Testserver ist nicht gestartet")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def ingest(settings: Settings) -> Callable[[list[Path], Path], None]:
    """Ingest PDFs into an index directory with the session's embedder (same model and thread count)."""
    from index.builder import ingest_paths
    from index.embedder import load_embedder

    def run(paths: list[Path], index_dir: Path) -> None:
        # The session's embedder (same thread count as the assistant): the model loads once.
        embedder = lambda: load_embedder(settings.model_path(), settings.torch_threads)  # noqa: E731
        report = ingest_paths(paths, settings.model_copy(update={"index_dir": index_dir}), embedder=embedder)
        assert not report.failed, report

    return run


@pytest.fixture(scope="session")
def xss_index(tmp_path_factory: pytest.TempPathFactory, ingest) -> Path:
    """An index of one PDF whose text, heading and title carry HTML that must never run."""
    root = tmp_path_factory.mktemp("xss")
    pdf = write_one_page_pdf(
        root / "docs" / "xss-bericht.pdf",
        title=f"Testbericht {XSS_IMG}",
        heading=f"Förderbericht Bielefeld {XSS_IMG}",
        lines=[
            f"Die Landesregierung fördert das Wasserstofflabor {XSS_SCRIPT} in",
            "Bielefeld mit zwölf Millionen Euro.",
            f"Das Wasserstofflabor {XSS_IMG} eröffnet im Jahr 2031 in Bielefeld.",
            "Die Stadtwerke Bielefeld betreiben die Elektrolyseanlage gemeinsam mit der Universität.",
        ],
    )
    index_dir = root / "index"
    ingest([pdf], index_dir)
    return index_dir


# -- real browser: Debian's Chromium driven by Playwright ------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():  # fail, not skip: a browser test that silently skips proves nothing in CI
        pytest.fail(f"{CHROMIUM} fehlt: `apt-get update && apt-get install -y chromium`")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
        )
        yield browser
        browser.close()


class PageProblems:
    """Collects console errors (a CSP violation shows up here) and uncaught exceptions."""

    def __init__(self, page: Page) -> None:
        self.messages: list[str] = []
        page.on("console", lambda m: self.messages.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.messages.append(str(e)))
