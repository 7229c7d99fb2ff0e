"""German words, terms and question analysis: the rules BM25 and the assistant share."""

import pytest

from domain import german


def test_terms_drop_stop_and_question_words_and_stem():
    found = german.terms("Welche Maßnahmen plant die Landesregierung?", parts=False)
    assert found == ["massnahm", "plant", "landesregier"]


def test_compounds_also_yield_their_parts():
    found = german.terms("Handwerksbetriebe")
    assert "handwerk" in found and "betrieb" in found
    assert german.terms("Handwerksbetriebe", parts=False) == [german.stem("handwerksbetriebe")]


@pytest.mark.parametrize(
    ("participle", "noun"),
    [
        ("gekürzt", "Rentenkürzungen"),
        ("gefördert", "Förderung"),
        ("eingeführt", "Einführung"),
        ("gestärkt", "Stärkung"),
        ("zurückgeführt", "Zurückführung"),
    ],
)
def test_a_participle_and_its_noun_share_a_root(participle, noun):
    assert set(german.terms(participle)) & set(german.terms(noun))
    assert german.terms(participle, parts=False) == [german.stem(participle)]  # topic checks keep the word


def test_short_or_noun_like_stems_give_no_root():
    assert german.terms("Gebiet") == ["gebiet"]  # "bie" is too short to be a root
    assert german.terms("Regierung") == ["regier"]  # Snowball has already taken the "-ung"


def test_hyphenated_and_dotted_words_yield_their_parts():
    assert {"5g.nrw", "5g", "nrw"} <= set(german.words("5G.NRW"))
    assert {"start-up", "start", "up"} <= set(german.words("Start-up"))


def test_nouns_are_capitalised_words_after_the_first():
    assert german.nouns("Wann sind in NRW Schulferien?") == [german.stem("schulferien")]
    assert german.nouns("Gibt es Mindestlohn und Tarifbindung?") == [
        german.stem("mindestlohn"),
        german.stem("tarifbindung"),
    ]


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?", "list"),
        ("Was plant die Landesregierung für Blockchain?", "list"),
        ("Und welche davon betreffen das Handwerk?", "list"),
        ("Was wollen CDU, CSU und SPD für pflegende Angehörige tun?", "list"),  # the parties: plural
        ("Wie viele Studierende gibt es?", "number"),
        ("Bis wann sollen alle Gewerbegebiete angeschlossen sein?", "number"),
        ("Wer hat das Vorwort unterzeichnet?", "fact"),
        ("Was wird die Landesregierung für das Handwerk tun?", "list"),
        ("Was werden CDU und SPD am Mietrecht ändern?", "list"),
        # "was wird/werden" with a copula or "aus" asks what something is or becomes, not what is done
        ("Was werden die Folgen für Mieter sein?", "fact"),
        ("Was werden die Folgen sein, wenn nichts passiert?", "fact"),
        ("Was sind die Gründe für die steigenden Kosten?", "fact"),
        ("Was wird aus den alten Zechen?", "fact"),
        ("Was wird unter Transformation verstanden?", "fact"),
        # a price is a number
        ("Was kostet die Pkw-Maut?", "number"),
        ("Was wird das kosten?", "number"),
        ("Was werden die Kosten sein?", "number"),
    ],
)
def test_intent(question, intent):
    assert german.intent(question) == intent


@pytest.mark.parametrize(
    ("question", "money"),
    [
        ("Wie viel kostet der Ausbau der A 1?", True),
        ("Wie viel Euro soll die Vignette im Jahr kosten?", True),
        ("Wie hoch sind die Kosten der Energiewende?", True),
        ("Wie viele Millionen kostet das Programm?", True),
        ("Wie viele Arbeitsplätze kostet der Kohleausstieg?", False),  # counts jobs
        ("wie viele arbeitsplätze kostet der kohleausstieg?", False),  # typed in lower case
        ("Wie viel Steuergeld kostet die Maut?", True),
        ("Wie viel Cent kostet der Liter?", True),
        ("wie viel kostet die maut?", True),
        ("Was sind die Gründe für die steigenden Kosten?", False),
        ("Was sind die gesamten Kosten des Ausbaus?", True),
        ("Wie hoch ist der Anteil der Kosten für Material?", False),  # a share
        ("Wie viel von den Kosten einer Sanierung darf der Vermieter umlegen?", False),
    ],
)
def test_asks_money(question, money):
    assert german.asks_money(question) is money


def test_a_money_question_is_answered_by_an_amount_only():
    assert not german.states_answer("Der Ausstieg kostet 20.000 Arbeitsplätze.", "Wie viel kostet der Ausstieg?")
    assert german.states_answer("Der Ausstieg kostet 20.000 Arbeitsplätze.", "Wie viele Arbeitsplätze kostet er?")
    assert german.topic_of_number_question("Wie hoch sind die Kosten der Energiewende?").split() == [
        "sind", "die", "der", "Energiewende?"
    ]  # fmt: skip


def test_fingerprint_follows_the_stop_words(monkeypatch):
    before = german.fingerprint()
    monkeypatch.setattr(german, "STOPWORDS", german.STOPWORDS | {"industrie"})
    assert german.fingerprint() != before


def test_a_separable_particle_stays_on_the_root():
    assert "zuruckfuhr" in german.terms("zurückgeführt")  # not "zuruckgefuhr": "zurück" is folded to "zuruck"
