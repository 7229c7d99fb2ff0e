"""The generated test documents: a second strategy with its own layout, facts and commitments,
and the broken inputs the ingest must refuse with a reason."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfWriter

from tests.support.pdfgen import write_one_page_pdf, write_pdf

# The fields of every citation in an answer's JSON (the API's and the CLI's contract).
CITATION_FIELDS = {"n", "document", "title", "page", "printed_page", "section", "quote", "passage_id", "score"}

ENERGY_ID = "energieversorgungsstrategie-nrw"
ENERGY_TITLE = "Energieversorgungsstrategie Nordrhein-Westfalen"
ENERGY_HEADER = "Energieversorgungsstrategie NRW"
# Facts that stand only in this document (the Leitbild has its own energy chapter, so the
# questions must name things it does not contain).
STORAGE_FACT = "Bis zum Jahr 2030 sollen in Nordrhein-Westfalen 480 Quartierswärmespeicher entstehen"
STORAGE_QUESTION = "Wie viele Quartierswärmespeicher sollen bis 2030 entstehen?"
ENERGY_COMMITMENTS = (
    "ein Förderprogramm für Quartierswärmespeicher mit 85 Millionen Euro auflegen.",
    "die Genehmigungsverfahren für Umspannwerke auf höchstens zwölf Monate verkürzen.",
    "eine Landesagentur für Wärmenetze in Gelsenkirchen gründen.",
    "jährlich einen Monitoringbericht zur Versorgungssicherheit veröffentlichen.",
)

_SUPPLY = (
    "Die Versorgung mit Strom, Wärme und Gas muss in allen Regionen des Landes jederzeit gesichert sein. "
    "Dafür braucht es leistungsfähige Netze, flexible Speicher und eine enge Abstimmung zwischen Land, "
    "Kommunen, Netzbetreibern und Unternehmen. Nur so bleibt Energie für Haushalte und Betriebe bezahlbar."
)
_STRATEGY = (
    "Mit dieser Strategie beschreibt die Landesregierung, wie die Energiewende in einem Industrieland "
    "gelingt, ohne die Versorgungssicherheit zu gefährden. Sie ergänzt das Industriepolitische Leitbild "
    "und wird gemeinsam mit den Kommunen umgesetzt."
)
_GRIDS = (
    "Netze und Speicher sind das Rückgrat einer Versorgung, die zunehmend auf Wind und Sonne beruht. "
    "Schwankende Erzeugung verlangt nach Leitungen, die Strom über weite Strecken transportieren, und nach "
    "Speichern, die Überschüsse für Stunden und Tage aufnehmen."
)
_POWER = (
    "Die Verteilnetzbetreiber sollen bis 2028 rund 14.000 Kilometer Mittelspannungsleitungen modernisieren. "
    "Dafür werden die Verfahren digitalisiert und die Planung mit den Kommunen gebündelt, damit Anschlüsse "
    "für Wärmepumpen und Ladepunkte schneller bereitstehen."
)
_STORAGE = (
    STORAGE_FACT + ", die zusammen 3,2 Gigawattstunden Wärme aufnehmen können. Sie entlasten die Netze in "
    "den Wintermonaten und machen Abwärme aus der Industrie für benachbarte Wohnviertel nutzbar."
)
_HYDROGEN = (
    "Ein 320 Kilometer langes Wasserstoff-Startnetz soll ab 2029 die Standorte Duisburg, Gelsenkirchen und "
    "Köln verbinden. Es nutzt zu großen Teilen umgestellte Erdgasleitungen und wird schrittweise an die "
    "Nachbarländer angeschlossen."
)
_OUTLOOK = (
    "Die Landesregierung überprüft die Strategie alle zwei Jahre und berichtet dem Landtag über den Stand "
    "der Umsetzung. Neue Erkenntnisse aus dem Monitoring fließen in die Fortschreibung ein."
)


def energy_pages(variant: str = "") -> list[list[tuple[str, str]]]:
    """Five pages: title page, a table of contents, numbered chapters, a capitals chapter line.

    `variant` is appended to the introduction: the same file with changed content."""
    return [
        [
            ("title", "ENERGIEVERSORGUNGSSTRATEGIE"),
            ("title", "NORDRHEIN-WESTFALEN"),
            (
                "para",
                "Sicher, bezahlbar und klimaneutral: die Strategie der Landesregierung für die Energie von morgen.",
            ),
        ],
        [
            ("heading", "Inhalt"),
            ("toc", "1 Einleitung|3"),
            ("toc", "2 Netze und Speicher|3"),
            ("toc", "2.1 Stromnetze|3"),
            ("toc", "2.2 Wärmespeicher|4"),
            ("toc", "3 Wasserstoff-Startnetz|5"),
            ("toc", "4 Ausblick|5"),
        ],
        [
            ("heading", "1 Einleitung"),
            ("para", _SUPPLY),
            ("para", _STRATEGY + variant),
            ("heading", "2 Netze und Speicher"),
            ("para", _GRIDS),
            ("heading", "2.1 Stromnetze"),
            ("para", _POWER),
        ],
        [
            ("heading", "2.2 Wärmespeicher"),
            ("para", _STORAGE),
            ("intro", "Wir werden:"),
            *[("bullet", text) for text in ENERGY_COMMITMENTS],
            (
                "para",
                "Die Maßnahmen werden mit den kommunalen Spitzenverbänden abgestimmt und aus Mitteln des "
                "Landeshaushalts sowie des Europäischen Fonds für regionale Entwicklung finanziert.",
            ),
        ],
        [
            ("heading", "WASSERSTOFF UND INDUSTRIE"),
            ("heading", "3 Wasserstoff-Startnetz"),
            ("para", _HYDROGEN),
            ("heading", "4 Ausblick"),
            ("para", _OUTLOOK),
        ],
    ]


def write_energy(path: Path, *, variant: str = "", sidecar: bool = True) -> Path:
    write_pdf(path, energy_pages(variant), header=ENERGY_HEADER)
    if sidecar:
        path.with_name(path.name + ".json").write_text(
            json.dumps(
                {
                    "title": ENERGY_TITLE,
                    "publisher": "Ministerium für Wirtschaft, Industrie, Klimaschutz und Energie NRW",
                    "date": "2019-07-02",
                    "source_url": "https://example.org/energieversorgungsstrategie.pdf",
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    return path


def write_encrypted(path: Path, source: Path) -> Path:
    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def write_truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def write_not_pdf(path: Path) -> Path:
    path.write_text("Dies ist eine Textdatei mit der Endung .pdf, aber kein PDF.\n", encoding="utf-8")
    return path


def write_image_only(path: Path) -> Path:
    return write_pdf(path, [[("image", "")], [("image", "")]], footer=None)


def write_zero_pages(path: Path) -> Path:
    with path.open("wb") as handle:
        PdfWriter().write(handle)
    return path


def harbour_pdf(directory: Path) -> Path:
    """A one-page document to publish while a server runs (reload tests)."""
    return write_one_page_pdf(
        directory / "hafen.pdf",
        "Hafenbericht",
        "Hafenentwicklung Duisburg",
        ["Der Hafen Duisburg baut bis 2030 ein neues Containerterminal für die Binnenschifffahrt."],
    )
