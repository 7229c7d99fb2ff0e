"""`leitbild … | head`: a reader that stops early ends the command quietly, without a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.model

QUESTIONS = ["Was plant die Landesregierung für Blockchain?"] * 4


def test_a_closed_pipe_ends_ask_quietly(index_dir) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "--index", str(index_dir), "ask", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdin.write("\n".join(QUESTIONS) + "\n")
    process.stdin.close()
    first = process.stdout.readline()  # like `head -n 1`: read one answer, then go away
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=300) == 0
    assert json.loads(first)["question"] == QUESTIONS[0]
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
