"""Safe index updates: a second writer is turned away with a clear message, and an ingest killed
with SIGKILL at any moment leaves the previous version loadable and answering."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from assistant import Assistant
from domain.settings import PROJECT_ROOT, Settings
from index import store
from index.builder import remove_document
from tests.conftest import LEITBILD_ID
from tests.support import corpus
from tests.support.cli import CLI
from tests.support.index import copy_index

BUSY = "wird gerade von einem anderen Ingest-Vorgang geschrieben"
LEITBILD_QUESTION = "Bis wann sollen alle Gewerbegebiete an Gigabitnetze angeschlossen werden?"


def files_of(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_second_writer_gets_a_clear_busy_message(
    leitbild_index: Path, energy_pdf: Path, tmp_path: Path, cli, run_ingest
):
    index = copy_index(leitbild_index, tmp_path / "index")
    before = files_of(index)
    with store.writer_lock(index):  # the first ingest, still running
        result = cli("--index", str(index), "ingest", str(energy_pdf))
        with pytest.raises(store.IndexBusyError, match=BUSY):
            run_ingest([energy_pdf], index)
        with pytest.raises(store.IndexBusyError, match=BUSY):
            remove_document(index, LEITBILD_ID)
    assert result.returncode == 1
    assert BUSY in result.stderr and str(index) in result.stderr
    assert files_of(index) == before | {"LOCK": b""}


def _start(index: Path, pdf: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*CLI, "--index", str(index), "ingest", "--json", str(pdf)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_after(process: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL after `seconds`; False if the ingest had already finished by itself."""
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    return process.wait() == -signal.SIGKILL


def _kill_while_publishing(process: subprocess.Popen, index: Path, timeout: float = 120) -> bool:
    """SIGKILL as soon as a new staging directory appears, i.e. while the new version is written."""
    versions = store.versions_dir(index)
    earlier = {n for n in os.listdir(versions) if n.startswith(".tmp-")}
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if any(n.startswith(".tmp-") and n not in earlier for n in os.listdir(versions)):
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.0005)
    return process.wait() == -signal.SIGKILL


def _still_serves(index: Path, version: str) -> None:
    """The previous version is the published one, loads completely, answers, and the lock is free."""
    data = store.load(index)
    assert data.version == version
    assert [d.id for d in data.documents] == [LEITBILD_ID]
    answer = Assistant(Settings(index_dir=index), data=data).ask(LEITBILD_QUESTION)
    assert answer.citations and answer.citations[0].document == LEITBILD_ID
    with store.writer_lock(index):
        pass


def _published_anyway(index: Path, version: str) -> bool:
    """A kill that lands after CURRENT was switched but before the process ended finds the new version
    published; it must then be the complete one, with both documents, and answer from the new one."""
    data = store.load(index)
    if data.version == version:
        return False
    assert sorted(d.id for d in data.documents) == sorted([LEITBILD_ID, corpus.ENERGY_ID])
    answer = Assistant(Settings(index_dir=index), data=data).ask(corpus.STORAGE_QUESTION)
    assert answer.citations and answer.citations[0].document == corpus.ENERGY_ID
    return True


def test_ingest_killed_at_any_moment_leaves_the_previous_version(
    leitbild_index: Path, energy_pdf: Path, tmp_path: Path, run_ingest
):
    index = copy_index(leitbild_index, tmp_path / "index")
    version = store.load(index).version
    # How long a whole ingest takes on this machine, on a copy, so the kills below land inside it.
    rehearsal = copy_index(leitbild_index, tmp_path / "rehearsal")
    started = time.monotonic()
    assert _start(rehearsal, energy_pdf).wait() == 0
    whole = time.monotonic() - started
    # While Python starts, while the PDF is read and the model loads, while it embeds.
    killed = 0
    for fraction in (0.1, 0.4, 0.7):
        if not _kill_after(_start(index, energy_pdf), whole * fraction) or _published_anyway(index, version):
            # It finished, or published, before the kill (a faster run than the rehearsal): undo and go on.
            assert remove_document(index, corpus.ENERGY_ID)
            version = store.load(index).version
            continue
        killed += 1
        _still_serves(index, version)
    assert killed >= 2, f"only {killed} of 3 ingests were interrupted (a whole ingest took {whole:.1f} s)"
    # While the new version is being written: the staging directory exists, CURRENT is not switched.
    for _attempt in range(3):
        if _kill_while_publishing(_start(index, energy_pdf), index) and not _published_anyway(index, version):
            break
        # It got through before the kill landed: take the document out again and retry.
        assert remove_document(index, corpus.ENERGY_ID)
        version = store.load(index).version
    else:
        pytest.fail("could not kill the ingest while it was publishing")
    assert any(n.startswith(".tmp-") for n in os.listdir(store.versions_dir(index)))
    _still_serves(index, version)
    # The next ingest succeeds and clears what the killed ones left behind.
    report = run_ingest([energy_pdf], index)
    assert [(f.status, f.document) for f in report.files] == [("added", corpus.ENERGY_ID)]
    assert not any(n.startswith(".") for n in os.listdir(store.versions_dir(index)))
    assert not list(index.glob(".CURRENT.*"))
    answer = Assistant(Settings(index_dir=index)).ask(corpus.STORAGE_QUESTION)
    assert answer.citations[0].document == corpus.ENERGY_ID
