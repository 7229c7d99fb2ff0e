"""The `leitbild` command as a user runs it: a subprocess of this interpreter."""

from __future__ import annotations

import sys

CLI = [sys.executable, "-m", "api.cli"]
