"""Errors a person can act on: which file, and why it was refused."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A document could not be read; the message names the file and the reason (German)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
