"""When the documents say nothing: each signal of the judge on hand-made hits."""

from assistant.judge import judge
from assistant.policy import JudgePolicy, RetrievalPolicy
from assistant.retrieve import retrieve
from domain import german
from tests.support.tiny_index import P, tiny_index, unit

POLICY = JudgePolicy(min_dense=0.5, unseen_dense=0.9)


def _index():
    return tiny_index(
        [
            P("Der Mobilfunkpakt bringt schnelles Netz in alle Regionen.", (1, 0, 0, 0)),
            P("Bis 2030 entstehen 480 Wärmespeicher in den Quartieren.", (0, 1, 0, 0)),
            P("Die Fachkräfte der Industrie werden weitergebildet.", (0, 0, 1, 0)),
        ]
    )


def _hits(index, vector, question):
    return list(retrieve(index, unit(vector), question, RetrievalPolicy()).hits)


def test_supported_when_meaning_is_close_and_words_known():
    index = _index()
    found = judge(
        _hits(index, (1, 0.1, 0, 0), "Was bringt der Mobilfunkpakt?"),
        "Was bringt der Mobilfunkpakt?",
        "fact",
        index.vocabulary,
        POLICY,
    )
    assert found.supported and found.reason == ""


def test_nothing_close_in_meaning():
    index = _index()
    question = "Was bringt der Mobilfunkpakt?"
    found = judge(_hits(index, (0, 0, 0, 1), question), question, "fact", index.vocabulary, POLICY)
    assert not found.supported
    assert "inhaltlich" in found.reason


def test_unseen_nouns_need_very_close_meaning():
    index = _index()
    question = "Wann sind die Schulferien und Öffnungszeiten?"
    hits = _hits(index, (1, 0, 0, 0.8), question)
    found = judge(hits, question, "fact", index.vocabulary, POLICY)
    assert found.unseen_share == 1.0
    assert not found.supported
    relaxed = judge(hits, question, "fact", index.vocabulary, POLICY.model_copy(update={"unseen_dense": 0.5}))
    assert relaxed.supported


def test_a_number_question_needs_a_number_on_its_topic():
    index = _index()
    stated = "Wie viele Wärmespeicher entstehen?"
    assert judge(_hits(index, (0, 1, 0, 0), stated), stated, "number", index.vocabulary, POLICY).number_found
    missing = "Wie viel kostet der Mobilfunkpakt?"
    found = judge(_hits(index, (1, 0, 0, 0), missing), missing, "number", index.vocabulary, POLICY)
    assert found.number_found is False and not found.supported


def test_the_number_may_stand_later_in_the_passage_that_names_the_topic():
    index = tiny_index(
        [
            P("Wir führen die Lebensleistungsrente ein. Die Einführung erfolgt bis 2017.", (1, 0, 0, 0)),
            P("Die Pkw-Maut kommt. Sie wird EU-rechtskonform. Das Gesetz folgt 2014.", (0, 1, 0, 0)),
            P("Der Mobilfunkpakt kommt. Das Netz wächst.", (0, 0, 1, 0)),
            P("Bis 2030 gibt es 480 Speicher.", (0, 0, 0, 1)),
        ]
    )
    follows = "Bis wann kommt die Lebensleistungsrente?"
    assert judge(_hits(index, (1, 0, 0, 0), follows), follows, "number", index.vocabulary, POLICY).number_found
    later = "Wann kommt die Pkw-Maut?"
    assert judge(_hits(index, (0, 1, 0, 0), later), later, "number", index.vocabulary, POLICY).number_found
    # A number in another passage is about something else.
    apart = "Wie viel kostet der Mobilfunkpakt?"
    found = judge(_hits(index, (0, 0, 1, 0.3), apart), apart, "number", index.vocabulary, POLICY)
    assert found.number_found is False


def test_a_question_without_content_is_not_answered():
    index = _index()
    found = judge(_hits(index, (1, 0, 0, 0), "und?"), "und?", "fact", index.vocabulary, POLICY)
    assert not found.supported and "kein Thema" in found.reason


def test_a_question_asked_of_one_document_is_judged_by_its_words():
    index = tiny_index(
        [
            P("Wir stärken die Automobilindustrie im Land.", (1, 0, 0, 0), document="a"),
            P("Die Industrie bleibt stark.", (0, 1, 0, 0), document="a"),
            P("Das Opel-Werk in Bochum bleibt erhalten.", (1, 0, 0, 0), document="b"),
        ]
    )
    question = "Was geschieht mit dem Opel-Werk in Bochum?"
    hits = [h for h in _hits(index, (1, 0, 0, 0.8), question) if h.passage.document == "a"]
    everywhere = judge(hits, question, "fact", index.vocabulary, POLICY)
    assert everywhere.unseen == () and everywhere.supported  # another document speaks of Opel and Bochum
    asked_of_a = judge(hits, question, "fact", index.vocabulary.within(["a"]), POLICY)
    assert asked_of_a.unseen_share == 1.0 and not asked_of_a.supported


def test_the_topic_of_a_number_question_may_be_an_adjective():
    index = tiny_index(
        [
            P("Wir wollen bis 2030 mindestens 15 Millionen vollelektrische Pkw auf den Straßen.", (1, 0, 0, 0)),
            P("Die Zahl der Ladepunkte wächst, die Zahl der Busse auch.", (0, 1, 0, 0)),
            P("Die Zahl der Beschäftigten steigt.", (0, 0, 1, 0)),
            P("Autos fahren in der Zahl der Städte.", (0, 0, 0, 1)),
        ]
    )
    question = "Welches Ziel gilt für die Zahl vollelektrischer Autos bis 2030?"
    found = judge(_hits(index, (1, 0, 0, 0), question), question, "number", index.vocabulary, POLICY)
    assert found.number_found and found.supported


def test_a_price_question_needs_an_amount_of_money_not_any_number():
    index = tiny_index(
        [
            P("Wir bauen die A 1 zwischen Lotte und Münster aus.", (1, 0, 0, 0)),
            P("Die Vignette für Pkw kommt 2014. Sie kostet höchstens 100 Euro im Jahr.", (0, 1, 0, 0)),
            P("Das Programm hat 100 Mio. Euro für vier Jahre.", (0, 0, 1, 0)),
            P("Wir tragen 10 Prozent der Kosten einer Sanierung.", (0, 0, 0, 1)),
        ]
    )
    price = "Wie viel kostet der Ausbau der A 1 zwischen Lotte und Münster?"
    found = judge(_hits(index, (1, 0, 0, 0), price), price, "number", index.vocabulary, POLICY)
    assert found.number_found is False and not found.supported  # "A 1" is a number, not a price
    amount = "Wie viel Euro soll die Vignette im Jahr kosten?"
    assert judge(_hits(index, (0, 1, 0, 0), amount), amount, "number", index.vocabulary, POLICY).number_found
    # "Euro" and "im Jahr" say what kind of number is asked for, not what it is about.
    others = [h for h in _hits(index, (0, 0, 1, 0), amount) if "Vignette" not in h.passage.text]
    elsewhere = judge(others, amount, "number", index.vocabulary, POLICY)
    assert elsewhere.number_found is False
    # "von den Kosten" asks for a share: any number answers it.
    share = "Wie viel von den Kosten einer Sanierung tragen wir?"
    assert judge(_hits(index, (0, 0, 0, 1), share), share, "number", index.vocabulary, POLICY).number_found


def test_a_follow_up_asks_for_its_own_kind_of_number():
    index = tiny_index(
        [P("Die Pkw-Maut kommt. Ein entsprechendes Gesetz soll 2014 verabschiedet werden.", (1, 0, 0, 0))]
    )
    joined = "Was kostet die Pkw-Maut? Bis wann soll das Gesetz dafür beschlossen sein?"
    asked = "Bis wann soll das Gesetz dafür beschlossen sein?"
    hits = _hits(index, (1, 0, 0, 0), joined)
    # The earlier question's "kostet" asks for a price; the follow-up asks for a date.
    assert judge(hits, joined, "number", index.vocabulary, POLICY).number_found is False
    found = judge(hits, joined, "number", index.vocabulary, POLICY, asked=asked)
    assert found.number_found and found.supported


def test_a_compound_known_only_by_its_head_counts_half_unseen():
    index = _index()  # speaks of "Regionen" and "Mobilfunkpakt", never of "Grenzregionen" or "Ferien"
    question = "Was gilt in Grenzregionen für die Ferien?"
    hits = _hits(index, (1, 0, 0, 0.8), question)
    found = judge(hits, question, "fact", index.vocabulary, POLICY)
    assert found.by_head == (german.stem("grenzregionen"),) and found.unseen == (german.stem("ferien"),)
    assert found.unseen_share == 0.75 and not found.supported
    known = "Was bringt der Mobilfunkpakt den Regionen?"
    assert judge(_hits(index, (1, 0, 0, 0), known), known, "fact", index.vocabulary, POLICY).unseen_share == 0.0
