import pytest

from ingest.cleaning import hyphen_join, join_lines, known_compounds, standalone_words

COMPOUNDS = known_compounds(["eine dynamische Start-up-Szene", "das Kompetenzzentrum 5G.NRW"])


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["international wettbe-", "werbsfähige Industrie"], "international wettbewerbsfähige Industrie"),
        (["die Aus-", "und Weiterbildung"], "die Aus- und Weiterbildung"),
        (["Energieversorgungs-", "und Ressourcensicherheit"], "Energieversorgungs- und Ressourcensicherheit"),
        (["steuerliche Förderung von FuE-", "Ausgaben"], "steuerliche Förderung von FuE-Ausgaben"),
        (
            ["junger kreativer Start-", "ups der Digitalen Wirtschaft"],
            "junger kreativer Start-ups der Digitalen Wirtschaft",
        ),
        (["auf Bundes-", "und EU-Ebene"], "auf Bundes- und EU-Ebene"),
        (["mit dem Kompetenzzentrum 5G.NRW den", "Transfer"], "mit dem Kompetenzzentrum 5G.NRW den Transfer"),
        (["die CO2-", "Infrastruktur"], "die CO2-Infrastruktur"),
        (["Nord-", "rhein-Westfalen"], "Nordrhein-Westfalen"),
    ],
)
def test_line_end_hyphens(lines, expected):
    pieces = []
    offset = 0
    for line in lines:
        pieces.append((line, offset))
        offset += len(line) + 1
    assert join_lines(pieces, COMPOUNDS).text == expected


def test_offsets_point_back_into_raw_text():
    raw = "Wettbe-\nwerbsfähige   Industrie"
    clean = join_lines([("Wettbe-", 0), ("werbsfähige   Industrie", 8)], frozenset())
    assert clean.text == "Wettbewerbsfähige Industrie"
    for i, ch in enumerate(clean.text):
        if ch != " ":
            assert raw[clean.to_raw[i]] == ch


def test_real_hyphen_kept_when_document_writes_compound_inline():
    assert hyphen_join("Start-", "up Szene", COMPOUNDS) == "-"
    assert hyphen_join("Wettbe-", "werbsfähige", COMPOUNDS) == ""


def test_unicode_and_whitespace_normalised():
    clean = join_lines([("Ef\ufb01zienz\u00a0\u00a0und  mehr", 0)], frozenset())
    assert clean.text == "Effizienz und mehr"


def test_number_glued_to_a_known_word_gets_its_space_back():
    words = standalone_words(["Wir wollen mindestens zwei Anlagen", "das Programm Zwanzig20 und Covid19"])
    raw = "mit mindestens15\nMillionen Elektro-Pkw, Zwanzig20 und Covid19"
    clean = join_lines(
        [("mit mindestens15", 0), ("Millionen Elektro-Pkw, Zwanzig20 und Covid19", 17)], frozenset(), words
    )
    # Names that carry their number keep it; a lower-case word the text also writes alone does not.
    assert clean.text == "mit mindestens 15 Millionen Elektro-Pkw, Zwanzig20 und Covid19"
    inserted = clean.text.index(" 15")
    assert raw[clean.to_raw[inserted]] == "1"  # the restored space points at the number in the raw text
    for i, ch in enumerate(clean.text):
        if ch != " ":
            assert raw[clean.to_raw[i]] == ch


def test_a_word_with_a_capital_inside_split_at_a_line_end_is_joined_as_the_document_writes_it():
    spellings = known_compounds(["Die BaFin und die NATO prüfen", "mit dem EU-Recht und der Bund-Länder-Kommission"])
    assert {"BaFin", "NATO"} <= spellings
    assert hyphen_join("Die Ba-", "Fin erhält", spellings) == ""
    assert hyphen_join("der NA-", "TO beitreten", spellings) == ""
    # Not where the document writes the pair with a hyphen, nor for a pair it never writes closed
    assert hyphen_join("Bund-", "Länder-Kommission", spellings) == "-"
    assert hyphen_join("CDU-", "Fraktion", spellings) == "-"
