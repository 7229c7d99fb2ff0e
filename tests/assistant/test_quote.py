"""What a citation quotes: the best sentence and its neighbours, commitments whole, one quote per page."""

import numpy as np

from assistant.policy import QuotePolicy
from assistant.quote import citations, quote
from assistant.retrieve import Hit
from assistant.select import Selection
from tests.support.tiny_index import P, tiny_index, unit

POLICY = QuotePolicy()
SENTENCES = (
    "Die Landesregierung stärkt die Häfen. Der Hafen Duisburg wächst stark. Er ist der größte Binnenhafen. "
    "Neue Kräne kommen 2026."
)


def _quotes(index, query_vector, query, intent="fact", policy=POLICY, positions=(0,)):
    hits = tuple(Hit(i, index.passages[i], 1.0, 1.0, 0.0) for i in positions)
    return quote(Selection(hits, "facts"), unit(query_vector), query, intent, index.units_of, policy)


def _prose():
    vectors = ((0, 0, 1, 0), (1, 0, 0, 0), (0.9, 0.44, 0, 0), (0, 0, 0, 1))
    return tiny_index([P(SENTENCES, (1, 0, 0, 0), sentence_vectors=vectors, printed_page="7")])


def test_the_best_sentence_grows_to_its_better_neighbour():
    (found,) = _quotes(_prose(), (1, 0, 0, 0), "Hafen Duisburg", policy=QuotePolicy(budget=70))
    assert [u.text for u in found.units] == ["Der Hafen Duisburg wächst stark.", "Er ist der größte Binnenhafen."]
    (everything,) = _quotes(_prose(), (1, 0, 0, 0), "Hafen Duisburg")
    assert len(everything.units) == 4


def test_the_budget_keeps_quotes_short():
    (found,) = _quotes(_prose(), (1, 0, 0, 0), "Hafen Duisburg", policy=QuotePolicy(budget=50))
    assert [u.text for u in found.units] == ["Der Hafen Duisburg wächst stark."]


def test_number_questions_prefer_the_sentence_with_digits():
    (found,) = _quotes(_prose(), (0.5, 0, 0, 0.5), "Wann kommen Kräne?", intent="number", policy=QuotePolicy(budget=50))
    assert [u.text for u in found.units] == ["Neue Kräne kommen 2026."]


def test_a_commitment_is_quoted_whole_and_cited_once_per_page():
    index = tiny_index(
        [
            P(
                "den Hafen ausbauen. Dazu kommen neue Kräne.",
                (1, 0, 0, 0),
                kind="bullet",
                commitment="doc:c001",
                page=1,
            ),
            P("Der Hafen wächst.", (1, 0, 0, 0), page=2, printed_page="12"),
        ]
    )
    quotes = _quotes(index, (1, 0, 0, 0), "Hafen", positions=(0, 1))
    assert [u.text for u in quotes[0].units] == ["den Hafen ausbauen.", "Dazu kommen neue Kräne."]
    cited = citations(quotes, index.pages)
    assert [(c.n, c.page, c.printed_page, c.quote) for c in cited] == [
        (1, 1, None, "den Hafen ausbauen. Dazu kommen neue Kräne."),
        (2, 2, "12", "Der Hafen wächst."),
    ]


def test_the_same_quote_is_cited_once():
    index = _prose()
    quotes = _quotes(index, (1, 0, 0, 0), "Hafen", positions=(0, 0))
    assert len(citations(quotes, index.pages)) == 1


def _across_pages(kind="paragraph"):
    """A passage whose second sentence a page break cuts: "… Wir werden eine" | "zweiwöchige …"."""
    from domain.types import Passage, Span, Unit

    texts = [
        (1, "Familien brauchen Zeit."),
        (1, "Wir werden eine"),
        (2, "zweiwöchige Freistellung nach der Geburt einführen."),
        (2, "Das gilt auch für Alleinerziehende."),
    ]
    units = tuple(Unit(t, Span(page, 0, len(t))) for page, t in texts)
    passage = Passage(
        id="doc:p0001", document="doc", title="Dokument", section_path=("A",), kind=kind, page=1,
        text=" ".join(t for _, t in texts), units=units,
    )  # fmt: skip
    return Hit(0, passage, 1.0, 1.0, 0.0)


def test_a_sentence_cut_by_a_page_break_is_quoted_with_its_other_part():
    hit = _across_pages()
    vectors = np.array([unit(v) for v in ((0, 1, 0, 0), (0.2, 1, 0, 0), (1, 0, 0, 0), (0, 0, 1, 0))])
    short = QuotePolicy(budget=60)
    (found,) = quote(Selection((hit,), "facts"), unit((1, 0, 0, 0)), "Freistellung", "fact", lambda _: vectors, short)
    assert [u.text for u in found.units] == ["Wir werden eine", "zweiwöchige Freistellung nach der Geburt einführen."]
    (found,) = quote(
        Selection((hit,), "facts"), unit((0, 0, 1, 0)), "Alleinerziehende", "fact", lambda _: vectors, short
    )
    assert [u.text for u in found.units] == ["Das gilt auch für Alleinerziehende."]  # a whole sentence stays alone
