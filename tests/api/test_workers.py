"""`leitbild serve --workers 2` as a real server process: both workers answer over the same index,
a newly published version reaches both without a call, and the admin reload reports the same
whichever worker receives it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from domain.settings import PROJECT_ROOT
from tests.support import corpus
from tests.support.cli import CLI

pytestmark = pytest.mark.model

TOKEN = "geheim-456"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, index_dir: Path, workers: int) -> None:
        self.url = f"http://127.0.0.1:{_free_port()}"
        port = self.url.rsplit(":", 1)[1]
        command = [*CLI, "--index", str(index_dir), "serve", "--workers", str(workers), "--port", port]
        env = {**os.environ, "LEITBILD_ADMIN_TOKEN": TOKEN, "LEITBILD_ANSWER_CACHE": "0"}
        self.process = subprocess.Popen(command + ["--log-level", "warning"], cwd=PROJECT_ROOT, env=env)

    def get(self, path: str) -> httpx.Response:
        # A new connection each time, so the kernel hands requests to either worker.
        return httpx.get(self.url + path, timeout=30, headers={"Connection": "close"})

    def post(self, path: str, **kwargs) -> httpx.Response:
        return httpx.post(self.url + path, timeout=60, headers={"Connection": "close", **kwargs.pop("headers", {})},
                          **kwargs)  # fmt: skip

    def workers_serving(self, version: str | None, expected: int, timeout_s: float = 90) -> dict[int, str]:
        """Poll /readyz until `expected` distinct workers answered with `version` (any, if None)."""
        seen: dict[int, str] = {}
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"Server beendet mit Code {self.process.returncode}")
            try:
                ready = self.get("/readyz")
            except httpx.HTTPError:
                time.sleep(0.2)
                continue
            if ready.status_code == 200:
                body = ready.json()
                seen[body["worker"]] = body["index_version"]
                if len(seen) >= expected and all(version in (None, v) for v in seen.values()):
                    return seen
            time.sleep(0.05)
        raise AssertionError(f"nach {timeout_s} s: {seen}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def served(tmp_path: Path, xss_index: Path) -> Iterator[tuple[Server, Path]]:
    index_dir = tmp_path / "index"
    shutil.copytree(xss_index, index_dir)
    server = Server(index_dir, workers=2)
    try:
        yield server, index_dir
    finally:
        server.stop()


def test_two_workers_answer_and_follow_a_new_version(served, tmp_path: Path, ingest) -> None:
    server, index_dir = served
    before = server.workers_serving(None, expected=2)
    (first,) = set(before.values())
    answer = server.post("/api/ask", json={"question": "Wann eröffnet das Wasserstofflabor in Bielefeld?"})
    assert answer.status_code == 200 and answer.json()["citations"]

    extra = corpus.harbour_pdf(tmp_path / "docs")
    ingest([extra], index_dir)
    published = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    assert published != first
    after = server.workers_serving(published, expected=2, timeout_s=30)  # nobody called reload
    assert set(after) == set(before)  # the same two processes, switched in place
    for _ in range(4):
        reply = server.post("/api/ask", json={"question": "Was baut der Hafen Duisburg bis 2030?"}).json()
        assert any(c["document"] == "hafen" for c in reply["citations"])

    reports = [server.post("/api/admin/reload", headers=AUTH).json() for _ in range(6)]
    assert [r["index_version"] for r in reports] == [published] * 6
    # The first call reports the switch since start-up; later ones, on either worker, report none.
    assert [r["reloaded"] for r in reports] == [True, False, False, False, False, False]
