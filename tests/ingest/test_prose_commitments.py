"""The commitment detector, rule by rule, on sentences of the kind government documents write."""

from __future__ import annotations

import pytest

from ingest import prose_commitments
from ingest.prose_commitments import commitment_kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Wir werden die Genehmigungsverfahren für Windräder deutlich beschleunigen.", "actor"),
        ("Dazu werden wir ein Förderprogramm für Quartierswärmespeicher auflegen.", "actor"),
        ("Wir wollen die Pflege in der Nähe des Wohnorts stärken.", "actor"),
        ("Wir setzen uns auf europäischer Ebene für einen einheitlichen CO2-Preis ein.", "actor"),
        ("Wir führen eine Kindergrundsicherung ein.", "actor"),
        ("Den Bund-Länder-Ausschuss stärken wir.", "actor"),
        ("Damit unterstützen wir die Kommunen beim Ausbau der Radwege.", "actor"),
        ("Die Landesregierung wird die Gründung von Start-ups erleichtern.", "actor"),
        ("Das Land wird ein Institut für Wasserstoff gründen.", "actor"),
        ("Wir haben vereinbart, die Schuldenbremse einzuhalten.", "actor"),
        ("Eine Befassung des Bundestages mit den Ergebnissen wird sichergestellt.", "passive"),
        ("Der Kinderfreibetrag wird zum 1.1.2010 auf 7008,- Euro erhöht.", "passive"),
        ("Das Steuerprivileg für die Abwasserentsorgung soll beibehalten werden.", "goal"),
        ("Die Kommunen sollen auch in Zukunft über die Wasserversorgung entscheiden können.", "goal"),
        ("Die mediale Präsenz Deutschlands in der Welt muss verstärkt werden.", "goal"),
        ("Ziel ist es, das Verfahren insgesamt zu vereinfachen.", "goal"),
        ("Die Beteiligung des Staates ist zeitlich zu begrenzen.", "obligation"),
        ("Eine interministerielle Arbeitsgruppe wird dazu zeitnah einen Vorschlag ausarbeiten.", "future"),
        ("Deutschland wird sich für einen gemeinsamen europäischen Asylrahmen einsetzen.", "future"),
        ("Die Kosten der Präimplantationsdiagnostik werden übernommen.", "future"),  # an irregular participle
        # A view first, then an intention of the same subject after "und".
        ("Wir begreifen dies als Chance und wollen das Wissen Älterer stärker nutzen.", "actor"),
        ("Eine Änderung des Fluglärmschutzgesetzes werden wir auf Basis des Berichts betrachten.", "actor"),
        # A view or a stance first, then an acting verb of the same subject after "und".
        ("Wir bekennen uns zur Stärkung der Vereinten Nationen und setzen uns für ihre Reform ein.", "actor"),
        ("Wir stehen zu den Vereinbarungen und verpflichten uns weiterhin zur Förderung der Minderheiten.", "actor"),
        ("Wir wissen um die Bedeutung stabiler Beziehungen und streben diese weiterhin an.", "actor"),
        # Bund und Länder act together as the government does.
        ("Bund und Länder richten eine gemeinsame Koordinierungsstelle ein.", "actor"),
        ("Bund und Länder informieren sich wechselseitig über die eingesetzten V-Leute.", "actor"),
        # A body is granted a power, a task or a right.
        ("Die BaFin erhält die Möglichkeit, den Vertrieb komplexer Finanzprodukte zu verbieten.", "grant"),
        ("Die Bundesagentur für Arbeit erhält die Aufgabe, den Kommunen Angebote zu unterbreiten.", "grant"),
    ],
)
def test_commitments(sentence: str, kind: str):
    assert commitment_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Deutschland steht vor großen Herausforderungen.",  # the situation
        "Industrie ist Zukunft.",
        "Uns leiten die Prinzipien offenen Regierungshandelns.",  # values
        "Wir bekennen uns zum Industriestandort Deutschland.",
        "Wir sind überzeugt, dass die Energiewende gelingt.",
        "Wir brauchen eine moderne und klimafreundliche Industrie.",  # a need, not a measure
        "Wir müssen die Weichen für die digitale Zukunft stellen.",
        "Wir haben in den vergangenen Jahren viel erreicht.",  # the past
        "Die Zahl der Beschäftigten wurde deutlich erhöht.",
        "In der Europäischen Union ist die Agrarpolitik grundlegend reformiert worden.",
        "Der weltweite Energieverbrauch wird in den nächsten Jahren drastisch zunehmen.",  # a prediction
        "Das ist auch der guten Arbeit der Sicherheitsbehörden zu verdanken.",
        "Die Digitalisierung wird unsere Arbeitswelt grundlegend verändern.",  # a development
        "Ein Schwerpunkt wird die Förderung der Bildung sein.",  # a state
        "Die Länder werden ab diesem Zeitpunkt keine strukturellen Defizite mehr haben.",
        "Dabei werden uns insbesondere folgende Zielsetzungen leiten:",
        "Das ist eine Aufgabe, die wir gemeinsam mit den Ländern angehen wollen.",  # "wir" only in the relative clause
        "Wir stellen fest, dass die Mittel nicht ausreichen.",
        "Wir begreifen Zuwanderung als Chance.",  # a view, as "verstehen"
        "Den wachsenden Einfluss islamistischer Kräfte betrachten wir mit Sorge.",
        "Was werden wir dafür tun?",  # a question
        # "und" before a noun or an adjective is no second verb, even one ending in "-en".
        "Die Finanzierung durch Kredite und Garantien der EIB begrüßen wir ausdrücklich.",
        "Wir stehen für einen starken und modernen Staat.",
        "Wir begrüßen die Initiative und den Vorschlag der Kommission.",
        "Wir bekennen uns zur Tarifautonomie und begrüßen die Einigung.",  # the second verb values too
        "Wir sehen die Chancen und wissen die Risiken einzuschätzen.",  # both verbs describe
        "Bund und Länder müssen ihrer Verantwortung gerecht werden.",  # a necessity, as "Wir müssen"
        "Die Kommunen erhielten die Möglichkeit, eigene Tarife festzulegen.",  # the past
        "Die Länder wurden in die Lage versetzt und erhalten die Möglichkeit nicht.",  # what was done
        "Viele Betriebe erhalten die Arbeitsplätze in der Region.",  # "erhalten" as "keep", no power granted
        "Die Schöpfung zu erhalten ist unsere Aufgabe.",
        "Die Länder erhalten keine zusätzlichen Befugnisse.",
        "Bisher erhalten Eltern einen Anspruch erst nach einem Jahr.",
        "Das gilt für Bund und Länder gleichermaßen.",  # the actor after a preposition is no subject
        "Für die Koalition steht die Gleichwertigkeit aller Verkehrsträger fest.",
    ],
)
def test_not_commitments(sentence: str):
    assert commitment_kind(sentence) is None


def test_tables_extend_the_detector_without_touching_its_walk(monkeypatch: pytest.MonkeyPatch):
    sentence = "Der Senat digitalisiert die Verfahren für Bauanträge."
    assert commitment_kind(sentence) is None
    monkeypatch.setattr(prose_commitments, "ACTORS", (*prose_commitments.ACTORS, "der senat"))
    assert commitment_kind(sentence) == "actor"
