"""Which passages an answer cites: facts, numbers first, commitment lists, whole sections, nesting.

Hits are made by hand with the scores under test, so each rule is checked on its own."""

from assistant.policy import SelectPolicy
from assistant.retrieve import Hit, Ranking
from assistant.select import Commitments, relevant_commitments, select
from tests.support.tiny_index import P, tiny_index

POLICY = SelectPolicy()


def _hits(index, scores):
    """Hits in the given order with the given fused scores."""
    return Ranking.of(Hit(i, index.passages[i], s, s, 0.0) for i, s in scores)


def _catalog(index):
    return Commitments.of(index)


def test_fact_answers_keep_passages_close_to_the_best():
    index = tiny_index(
        [
            P("Die Batteriefabrik entsteht in Münster.", (1, 0, 0, 0)),
            P("Batterien werden in Münster erforscht.", (1, 0, 0, 0)),
            P("Der Hafen in Duisburg wächst.", (1, 0, 0, 0)),
        ]
    )
    hits = _hits(index, [(0, 1.0), (1, 0.8), (2, 0.5)])
    chosen = select(hits, "fact", "Batteriefabrik Münster", _catalog(index), POLICY)
    assert chosen.kind == "facts"
    assert [h.position for h in chosen.hits] == [0, 1]  # 0.5 is below 0.7 of the best
    assert (
        len(select(hits, "fact", "x", _catalog(index), POLICY.model_copy(update={"max_fact_citations": 1})).hits) == 1
    )


def test_each_answering_document_gets_its_best_passage():
    index = tiny_index(
        [
            P("Der Mindestlohn beträgt 8,50 Euro.", (1, 0, 0, 0), document="kv2013"),
            P("Eine Kommission prüft den Mindestlohn.", (1, 0, 0, 0), document="kv2013"),
            P("Tarifverträge gelten bis 2016.", (1, 0, 0, 0), document="kv2013"),
            P("Die Mindestlohnkommission tagt jährlich.", (1, 0, 0, 0), document="kv2013"),
            P("Ausnahmen gibt es für Saisonarbeit.", (1, 0, 0, 0), document="kv2013"),
            P("Der Mindestlohn steigt auf zwölf Euro.", (1, 0, 0, 0), document="kv2021"),
            P("Der Hafen wächst.", (1, 0, 0, 0), document="kv2021"),
        ]
    )
    hits = _hits(index, [(0, 1.0), (1, 0.95), (2, 0.9), (3, 0.85), (4, 0.8), (5, 0.75), (6, 0.5)])
    chosen = select(hits, "fact", "Mindestlohn", _catalog(index), POLICY)
    # Five places: 2021's best (0.75, above 0.7 of the best) takes the last of 2013's; the ranking's order stays.
    assert [h.position for h in chosen.hits] == [0, 1, 2, 3, 5]
    # One document: the five best, as before.
    alone = _hits(index, [(0, 1.0), (1, 0.95), (2, 0.9), (3, 0.85), (4, 0.8)])
    assert [h.position for h in select(alone, "fact", "x", _catalog(index), POLICY).hits] == [0, 1, 2, 3, 4]
    # A document whose best passage is far below the best one's stays out.
    far = _hits(index, [(0, 1.0), (1, 0.95), (6, 0.5)])
    assert [h.position for h in select(far, "fact", "x", _catalog(index), POLICY).hits] == [0, 1]


def test_number_questions_prefer_a_number_on_the_topic():
    index = tiny_index(
        [
            P("Wärmespeicher sind wichtig für die Netze.", (1, 0, 0, 0)),
            P("Bis 2030 entstehen 480 Wärmespeicher.", (1, 0, 0, 0)),
        ]
    )
    hits = _hits(index, [(0, 1.0), (1, 0.9)])
    chosen = select(hits, "number", "Wie viele Wärmespeicher entstehen?", _catalog(index), POLICY)
    assert [h.position for h in chosen.hits] == [1, 0]
    assert chosen.hits[0].score == 0.9 + POLICY.number_bonus


def test_a_follow_up_number_is_about_the_new_question():
    index = tiny_index(
        [
            P("Die Pkw-Maut für Halter aus dem Ausland kommt ab 2016.", (1, 0, 0, 0)),
            P("Die Pkw-Maut ist EU-rechtskonform. Das Gesetz soll 2014 verabschiedet werden.", (1, 0, 0, 0)),
        ]
    )
    hits = _hits(index, [(0, 1.0), (1, 0.9)])
    searched = "Wer zahlt die Pkw-Maut? Bis wann soll das Gesetz dafür beschlossen sein?"
    # Both passages state a number on the searched words ("Pkw-Maut"); only one on the new question's.
    assert [h.position for h in select(hits, "number", searched, _catalog(index), POLICY).hits] == [0, 1]
    asked = "Bis wann soll das Gesetz dafür beschlossen sein?"
    chosen = select(hits, "number", searched, _catalog(index), POLICY, asked=asked)
    assert [h.position for h in chosen.hits] == [1, 0]


OTHER_TOPICS = (
    "Verkehr",
    "Bildung",
    "Gesundheit",
    "Forschung",
    "Handel",
    "Kultur",
    "Sport",
    "Justiz",
    "Umwelt",
    "Rente",
)


def _commitments():
    heat, ports = "Für bezahlbare Wärme", "Für starke Häfen"
    return tiny_index(
        [
            P("ein Programm für Wärmespeicher auflegen.", (1, 0, 0, 0), heat, "bullet", "doc:c001"),
            P("die Netze ausbauen und dabei insbesondere:", (1, 0, 0, 0), heat, "bullet", "doc:c002"),
            P("Fernwärme fördern.", (1, 0, 0, 0), heat, "bullet", "doc:c003", parent="doc:c002"),
            P("die Häfen modernisieren.", (1, 0, 0, 0), ports, "bullet", "doc:c004"),
            P("Die Wärme ist ein großes Thema im Land.", (1, 0, 0, 0)),
            # Other topics: a section's words are specific only in a corpus that is about more than one thing.
            *(P(f"Thema {topic} wird beraten.", (0, 1, 0, 0), "Sonstiges") for topic in OTHER_TOPICS),
        ]
    )


def test_list_answers_name_commitments_close_to_the_best_with_their_nested_items():
    index = _commitments()
    hits = _hits(index, [(4, 1.0), (0, 0.95), (1, 0.9), (3, 0.3), (2, 0.2)])
    query = "Welche Maßnahmen gibt es für Speicher und Leitungen?"  # names no section
    chosen = select(hits, "list", query, _catalog(index), POLICY)
    assert chosen.kind == "commitments"
    assert [h.passage.commitment_id for h in chosen.hits] == ["doc:c001", "doc:c002", "doc:c003"]


def test_list_answers_hear_every_document_too():
    index = tiny_index(
        [P(f"Wir fördern Speicher {i}.", (1, 0, 0, 0), commitment=f"a:c00{i}", document="a") for i in range(1, 4)]
        + [P("Wir bauen Speicher.", (1, 0, 0, 0), commitment="b:c001", document="b")]
    )
    hits = _hits(index, [(0, 1.0), (1, 0.95), (2, 0.9), (3, 0.8)])
    policy = POLICY.model_copy(update={"max_list_citations": 3})
    chosen = select(hits, "list", "Welche Maßnahmen gibt es für Speicher?", _catalog(index), policy)
    assert [h.passage.commitment_id for h in chosen.hits] == ["a:c001", "a:c002", "b:c001"]


def test_a_named_section_is_listed_whole():
    index = _commitments()
    hits = _hits(index, [(0, 1.0), (1, 0.5), (3, 0.45), (2, 0.1)])
    chosen = relevant_commitments(hits, "Welche Maßnahmen für bezahlbare Wärme?", _catalog(index), POLICY)
    assert [h.passage.commitment_id for h in chosen] == ["doc:c001", "doc:c002", "doc:c003"]


def test_a_list_question_answered_far_better_by_prose_gets_a_fact_answer():
    index = _commitments()
    hits = _hits(index, [(4, 1.0), (0, 0.5), (1, 0.4)])
    chosen = select(hits, "list", "Welche Maßnahmen?", _catalog(index), POLICY)
    assert chosen.kind == "facts"
    assert chosen.hits[0].position == 4
