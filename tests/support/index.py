"""Index helpers for tests: private copies of a published index."""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_index(source: Path, target: Path) -> Path:
    """A private copy of an index's published version. Older versions, staging directories and
    the lock stay behind: another process may be publishing into the source meanwhile."""
    name = (source / "CURRENT").read_text(encoding="utf-8").strip()
    shutil.copytree(source / "versions" / name, target / "versions" / name)
    (target / "CURRENT").write_text(name, encoding="utf-8")
    return target
