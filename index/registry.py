"""File identity: what each file named in an ingest run is to the index, decided before parsing.

Each file is hashed once and its sidecar read once. It is `unchanged` (same content, same
sidecar, same ingest pipeline: not read at all), a new edition of a known document (same path,
same content with a new sidecar, or moved), or a new document with an id from its file name.
Only one case needs the file's content: a renamed file whose title is that of a known document
whose file is gone is that document's new edition (`edition_of`, asked after the single parse).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from domain.files import file_sha256
from index.store import DocumentEntry
from ingest.document import document_id
from ingest.sidecar import Sidecar, read_sidecar


@dataclass(frozen=True)
class Plan:
    """A file to parse: under which id, replacing which document (None: a new one)."""

    path: Path
    sha256: str | None  # None when the path is no readable file; parsing then says why
    sidecar: Sidecar | None
    doc_id: str
    replaces: str | None


class Registry:
    """The documents of the version being built, and the files of this run claimed so far."""

    def __init__(self, entries: dict[str, DocumentEntry], *, reparse: bool) -> None:
        self.entries = entries  # document id → entry; replaced documents are dropped from here
        self.reparse = reparse  # the ingest pipeline changed: no file is `unchanged`
        self.moved = False  # an unchanged file found at a new place: the registry changes, the vectors do not
        self._claimed: dict[str, str] = {}  # SHA-256 → document id, for files handled in this run

    def plan(self, path: Path) -> Plan | str:
        """The plan to parse `path`, or the id of the document it already is (unchanged).
        Raises IngestError for a broken sidecar and OSError for an unreadable file."""
        if not path.is_file():
            return Plan(path, None, None, *self._target(path, None))
        sha = file_sha256(path)
        sidecar = read_sidecar(path)
        if sha in self._claimed:  # the same file twice in one run (copies in two folders)
            return self._claimed[sha]
        same = self._with_content(sha)
        if same is not None and not self.reparse and same.info.sidecar_sha256 == (sidecar.sha256 if sidecar else None):
            self._note_move(same, path)
            self._claimed[sha] = same.info.id
            return same.info.id
        return Plan(path, sha, sidecar, *self._target(path, sha))

    def edition_of(self, title: str) -> str | None:
        """A known document of the same title whose file is gone: the new file replaces it.
        One whose file is still there is another document that happens to share the title."""
        claimed = set(self._claimed.values())
        for entry in self.entries.values():
            if entry.info.title == title and entry.info.id not in claimed and not Path(entry.info.path).exists():
                return entry.info.id
        return None

    def claim(self, doc_id: str, sha256: str, replaces: str | None) -> None:
        if replaces is not None:
            self.entries.pop(replaces, None)
        self._claimed[sha256] = doc_id

    def _with_content(self, sha: str | None) -> DocumentEntry | None:
        return next((e for e in self.entries.values() if sha and e.info.sha256 == sha), None)

    def _target(self, path: Path, sha: str | None) -> tuple[str, str | None]:
        """The id the document gets and the id of the entry it replaces (None for a new document)."""
        same_content = self._with_content(sha)
        if same_content is not None:  # same PDF, new sidecar or new pipeline
            return same_content.info.id, same_content.info.id
        resolved = _resolved(path)
        same_place = next((e for e in self.entries.values() if _resolved(Path(e.info.path)) == resolved), None)
        if same_place is not None:
            return same_place.info.id, same_place.info.id
        base = document_id(path)
        holder = self.entries.get(base)
        if holder is not None and not Path(holder.info.path).exists():
            return base, base  # the file moved to another folder and changed on the way
        taken = set(self.entries) | set(self._claimed.values())
        candidate, n = base, 1
        while candidate in taken:  # another file of the same name in another folder
            n += 1
            candidate = f"{base}-{n}"
        return candidate, None

    def _note_move(self, entry: DocumentEntry, path: Path) -> None:
        if _resolved(Path(entry.info.path)) != _resolved(path) and not Path(entry.info.path).exists():
            info = dataclasses.replace(entry.info, path=str(_resolved(path)))
            self.entries[entry.info.id] = dataclasses.replace(entry, info=info)
            self.moved = True


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
