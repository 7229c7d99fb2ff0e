"""German compound splitting (CharSplit, from the `compound_split` package) without its import cost.

`compound_split.char_split` keeps its n-gram probabilities as 39 MB of Python dict literals and
imports the Dutch ones too: 3–6 s before the first question could be answered. The same three
tables (prefix, infix, suffix: 1.9 million n-grams) are kept here as sorted UTF-8 byte strings
with their probabilities in .npy files, memory-mapped in microseconds and shared by worker processes.
`split_compound` runs CharSplit's own scoring on them, so it returns exactly what
`char_split.split_compound(word)` returns (tests/domain/test_compounds.py compares them).

The files are made once from the package (`python -m domain.compounds`, or on first use) under
LEITBILD_MODEL_CACHE (default .cache/models).
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

# CharSplit's three tables and the byte that tags their keys in the merged table.
TABLES = {"prefix": b"p", "infix": b"i", "suffix": b"s"}
FORMAT = "3"
_build_lock = threading.Lock()


def cache_dir() -> Path:
    cache = os.environ.get("LEITBILD_MODEL_CACHE")
    root = Path(cache).expanduser() if cache else Path(__file__).resolve().parents[1] / ".cache" / "models"
    try:
        version = importlib.metadata.version("compound-split")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return root / f"compound-split-de-{version}-f{FORMAT}"


class _Table:
    """The three n-gram → probability tables in one: keys are a table tag byte plus the n-gram's
    UTF-8 bytes, sorted, so one binary search per word answers all of its lookups."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        self._keys = keys
        self._values = values
        self._width = keys.dtype.itemsize

    def get_many(self, wanted: list[tuple[bytes, str, float]]) -> list[float]:
        encoded = [tag + ngram.encode("utf-8") for tag, ngram, _ in wanted]
        # A longer key cannot be in the table, and casting it would cut it to one that might be.
        fits = [len(e) <= self._width for e in encoded]
        keys = np.array([e if ok else b"" for e, ok in zip(encoded, fits, strict=True)], dtype=self._keys.dtype)
        at = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
        found = (self._keys[at] == keys).tolist()
        values = self._values[at].tolist()
        # The default keeps its type (CharSplit's scores are ints where nothing was found).
        return [
            v if hit and ok else default
            for v, hit, ok, (_, _, default) in zip(values, found, fits, wanted, strict=True)
        ]


def build(target: Path) -> Path:
    """Write the tables from compound_split's own module (imported here, once, slowly)."""
    from compound_split import de_ngram_probs

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        encoded: list[bytes] = []
        values: list[float] = []
        for name, tag in TABLES.items():
            table: dict[str, float] = getattr(de_ngram_probs, name)
            encoded.extend(tag + k.encode("utf-8") for k in table)
            values.extend(table.values())
        if any(e.endswith(b"\0") for e in encoded):
            raise RuntimeError("CharSplit-Tabelle enthält NUL-terminierte Schlüssel")
        keys = np.array(encoded, dtype=f"S{max(len(e) for e in encoded)}")
        order = np.argsort(keys, kind="stable")
        np.save(staging / "keys.npy", keys[order])
        np.save(staging / "values.npy", np.asarray(values, dtype=np.float64)[order])
        staging.chmod(0o755)
        try:
            os.replace(staging, target)
        except OSError:  # another process finished first: its tables are the same
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


@lru_cache(maxsize=1)
def _table() -> _Table:
    directory = cache_dir()
    with _build_lock:
        if not (directory / "values.npy").is_file():
            build(directory)
    # Plain ndarray views of the maps: np.memmap's own indexing costs more than the lookups.
    keys = np.load(directory / "keys.npy", mmap_mode="r").view(np.ndarray)
    return _Table(keys, np.load(directory / "values.npy", mmap_mode="r").view(np.ndarray))


def _cut_off_fugen_s(word: str) -> str:
    if word.endswith(("ts", "gs", "ks", "hls", "ns")) and len(word[:-1]) > 2:
        return word[:-1]
    return word


def split_compound(word: str) -> list[tuple[float, str, str]]:
    """CharSplit's splits of a German word, best first: (score, head, tail), as char_split returns them."""
    word = word.lower()
    if "-" in word:
        hyphen = word.rfind("-")
        return [(1.0, word[:hyphen].title(), word[hyphen + 1 :].title())]
    positions = range(3, len(word) - 2)
    if not positions:
        return [(0, word.title(), word.title())]
    prefix, infix, suffix = TABLES.values()
    wanted: list[tuple[bytes, str, float]] = []
    for n in positions:
        wanted.append((suffix, _cut_off_fugen_s(word[:n]), -1))
        wanted.append((prefix, _cut_off_fugen_s(word[n:]), -1))
        wanted.extend((infix, word[n:k], 1) for k in range(len(word), n + 2, -1))
    found = _table().get_many(wanted)
    scores: list[tuple[float, str, str]] = []
    start = 0
    for n in positions:
        inner = len(word) - n - 2
        head, tail = found[start], found[start + 1]
        scores.append((tail - min(found[start + 2 : start + 2 + inner]) + head, word[:n].title(), word[n:].title()))
        start += 2 + inner
    scores.sort(reverse=True)
    return scores


def main() -> int:
    target = build(cache_dir())
    print(f"CharSplit-Tabellen bereit in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
