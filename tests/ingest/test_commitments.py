"""The "Wir werden:" commitments of the Leitbild as records."""

from collections import Counter

from ingest.document import ingest_pdf
from tests.ingest.test_leitbild_structure import HANDLUNGSFELDER

PER_HANDLUNGSFELD = {
    "Für höhere gesellschaftliche Wertschätzung": 6,
    "Für höhere Investitionen": 12,
    "Für Innovationsfähigkeit und technologische Marktführerschaft": 17,
    "Für eine digitale Zukunft aller Unternehmen": 6,
    "Für eine sozialpartnerschaftlich gestaltete digitalisierte Arbeitswelt": 5,
    "Für Klimaschutz als Innovationstreiber": 9,
    "Für eine verlässliche und wettbewerbsfähige Energieversorgung": 20,
    "Für eine zukunftssichere Rohstoffversorgung": 6,
    "Für eine bessere Vernetzung von Industrie und Gründern": 6,
    "Für hervorragend ausgebildete Fachkräfte": 15,
    "Für eine verantwortliche Flächenpolitik": 5,
    "Für leistungsstarke Verkehrswege und eine moderne Mobilitätsinfrastruktur": 12,
    "Für beste Chancen auf internationalen Märkten": 8,
    "Für eine innovative Industriepolitik in Europa": 9,
}


def test_136_commitments_in_14_lists(leitbild):
    assert len(leitbild.commitments) == 136
    counts = Counter(c.section for c in leitbild.commitments)
    assert set(counts) == set(HANDLUNGSFELDER)
    assert dict(counts) == PER_HANDLUNGSFELD


def test_known_commitment_pages(leitbild):
    by_text = {c.text: c for c in leitbild.commitments}
    blockchain = next(c for t, c in by_text.items() if t.startswith("ein Blockchain-Institut gründen"))
    assert blockchain.page == 22
    assert blockchain.section == "Für Innovationsfähigkeit und technologische Marktführerschaft"
    mittelstand = next(c for t, c in by_text.items() if "Digitalisierungsinitiative für den Mittelstand" in t)
    assert mittelstand.page == 23
    assert mittelstand.section == "Für eine digitale Zukunft aller Unternehmen"


def test_nested_commitments_link_to_their_parent(leitbild):
    parent = next(c for c in leitbild.commitments if "Agenda zur Stärkung der Beruflichen Bildung" in c.text)
    children = [c for c in leitbild.commitments if c.parent == parent.id]
    assert len(children) == 7
    assert [c.position for c in children] == list(range(1, 8))
    assert children[0].text.startswith("die Fachkräftesicherung und Qualifizierung")
    assert children[-1].text.endswith("an den Berufskollegs ermöglichen.")
    assert all(c.parent is None for c in leitbild.commitments if c.section != parent.section)


def test_ids_stable_across_ingests(leitbild, leitbild_pdf):
    again = ingest_pdf(leitbild_pdf)
    assert [(c.id, c.text, c.page) for c in again.commitments] == [(c.id, c.text, c.page) for c in leitbild.commitments]
    assert [p.id for p in again.passages] == [p.id for p in leitbild.passages]
