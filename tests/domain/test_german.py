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
    ],
)
def test_intent(question, intent):
    assert german.intent(question) == intent


def test_fingerprint_follows_the_stop_words(monkeypatch):
    before = german.fingerprint()
    monkeypatch.setattr(german, "STOPWORDS", german.STOPWORDS | {"industrie"})
    assert german.fingerprint() != before


def test_a_separable_particle_stays_on_the_root():
    assert "zuruckfuhr" in german.terms("zurückgeführt")  # not "zuruckgefuhr": "zurück" is folded to "zuruck"
