"""Sidecar metadata: an optional file next to a PDF that names what the PDF itself does not.

Government PDFs often carry no title ("untitled", "Microsoft Word - Entwurf_v7.docx") and
never their publisher or web address. A person who adds a document can say so in
`<name>.pdf.json`, `<name>.json` or `<name>.yaml`:

    {"title": "Energieversorgungsstrategie NRW", "publisher": "MWIKE NRW",
     "date": "2019-07-02", "source_url": "https://…", "aliases": ["Energiestrategie"]}

`aliases` are the names people use for the document that neither its title nor its file name
holds ("Ampel-Koalitionsvertrag", "Ampel" for the agreement "Mehr Fortschritt wagen"): a question
that uses one is answered from that document (assistant/scope.py).

Every field is optional. A sidecar that cannot be read or has a wrong field fails the
document with a reason naming the file and the field: silently ignoring a typo would index
the document under a title nobody asked for.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.errors import IngestError

FIELDS = ("title", "publisher", "date", "source_url", "aliases")
MAX_ALIASES = 20
MAX_SIDECAR_BYTES = 64 * 1024
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # 2019, 2019-07, 2019-07-02
_URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Sidecar:
    path: Path
    sha256: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    source_url: str | None = None
    aliases: tuple[str, ...] = ()


def sidecar_candidates(pdf: Path) -> list[Path]:
    """Where a sidecar for `pdf` may lie, in order of preference."""
    return [
        pdf.with_name(pdf.name + ".json"),
        pdf.with_suffix(".json"),
        pdf.with_suffix(".yaml"),
        pdf.with_suffix(".yml"),
    ]


def find_sidecar(pdf: Path) -> Path | None:
    found = [p for p in sidecar_candidates(pdf) if p.is_file()]
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise IngestError(pdf, f"mehrere Begleitdateien ({names}) – bitte nur eine behalten")
    return found[0] if found else None


def read_sidecar(pdf: Path) -> Sidecar | None:
    """The validated sidecar of `pdf`, or None if it has none. Raises IngestError on a bad one."""
    path = find_sidecar(pdf)
    if path is None:
        return None
    data = path.read_bytes()
    if len(data) > MAX_SIDECAR_BYTES:
        raise IngestError(pdf, f"Begleitdatei {path.name} ist zu groß (höchstens {MAX_SIDECAR_BYTES} Bytes)")
    raw = _parse(pdf, path, data)
    if not isinstance(raw, dict):
        raise IngestError(
            pdf, f"Begleitdatei {path.name}: erwartet wird ein Objekt mit den Feldern {', '.join(FIELDS)}"
        )
    unknown = sorted(str(k) for k in raw if k not in FIELDS)
    if unknown:
        raise IngestError(
            pdf, f"Begleitdatei {path.name}: unbekanntes Feld „{unknown[0]}“ (erlaubt: {', '.join(FIELDS)})"
        )
    values = {name: _field(pdf, path, name, raw.get(name)) for name in FIELDS if name != "aliases"}
    aliases = _aliases(pdf, path, raw.get("aliases"))
    return Sidecar(path=path, sha256=hashlib.sha256(data).hexdigest(), aliases=aliases, **values)


def _aliases(pdf: Path, path: Path, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise IngestError(
            pdf, f"Begleitdatei {path.name}: Feld „aliases“ muss eine Liste von Namen sein, nicht {_kind(value)}"
        )
    if len(value) > MAX_ALIASES:
        raise IngestError(pdf, f"Begleitdatei {path.name}: Feld „aliases“ hat zu viele Namen (höchstens {MAX_ALIASES})")
    names: list[str] = []
    for k, item in enumerate(value, start=1):
        name = _field(pdf, path, f"aliases[{k}]", item)
        if name is None or not any(ch.isalpha() for ch in name) or len(name) > 100:
            raise IngestError(
                pdf,
                f"Begleitdatei {path.name}: Feld „aliases[{k}]“ muss ein Name mit Buchstaben sein (höchstens 100 Zeichen)",
            )
        names.append(name)
    return tuple(dict.fromkeys(names))


def _parse(pdf: Path, path: Path, data: bytes) -> object:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(pdf, f"Begleitdatei {path.name} ist nicht UTF-8-kodiert") from exc
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            pdf, f"Begleitdatei {path.name} ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno})"
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (Zeile {mark.line + 1})" if mark is not None else ""
        raise IngestError(pdf, f"Begleitdatei {path.name} ist kein gültiges YAML{where}") from exc


def _field(pdf: Path, path: Path, name: str, value: object) -> str | None:
    if value is None:
        return None
    if name == "date" and isinstance(value, dt.date):
        value = value.isoformat()[:10]  # YAML reads 2019-07-02 as a date
    if name == "date" and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `date: 2019` is a year
    if not isinstance(value, str):
        raise IngestError(pdf, f"Begleitdatei {path.name}: Feld „{name}“ muss ein Text sein, nicht {_kind(value)}")
    value = " ".join(value.split())
    if not value:
        return None
    if name == "date" and not _DATE.match(value):
        raise IngestError(
            pdf, f"Begleitdatei {path.name}: Feld „date“ muss ein Datum wie 2019-07-02 sein, nicht „{value}“"
        )
    if name == "date":
        _check_calendar(pdf, path, value)
    if name == "source_url" and not _URL.match(value):
        raise IngestError(pdf, f"Begleitdatei {path.name}: Feld „source_url“ muss mit http:// oder https:// beginnen")
    if len(value) > 500:
        raise IngestError(pdf, f"Begleitdatei {path.name}: Feld „{name}“ ist zu lang (höchstens 500 Zeichen)")
    return value


def _check_calendar(pdf: Path, path: Path, value: str) -> None:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError as exc:
        raise IngestError(pdf, f"Begleitdatei {path.name}: Feld „date“ ist kein gültiges Datum („{value}“)") from exc


def _kind(value: object) -> str:
    return {
        str: "ein Text",
        bool: "ein Wahrheitswert",
        int: "eine Zahl",
        float: "eine Zahl",
        list: "eine Liste",
        dict: "ein Objekt",
    }.get(type(value), type(value).__name__)
