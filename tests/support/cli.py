"""The `leitbild` command as a user runs it: a subprocess of this interpreter in the project root."""

from __future__ import annotations

import os
import subprocess
import sys

from domain.settings import PROJECT_ROOT

CLI = [sys.executable, "-m", "api.cli"]


def run_cli(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
