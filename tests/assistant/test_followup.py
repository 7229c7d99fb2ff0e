"""Follow-up questions: standalone, carried over, or narrowed to the previous answer."""

from assistant.followup import Turn, resolve

HISTORY = [Turn("user", "Welche Maßnahmen gibt es zur Digitalisierung?"), Turn("assistant", "…")]


def test_without_history_the_question_stands_alone():
    assert resolve("Und das Handwerk?", None).previous_question is None


def test_a_question_with_its_own_topic_stands_alone():
    found = resolve("Wie viele Studierende gibt es an den Hochschulen des Landes?", HISTORY)
    assert found.query == "Wie viele Studierende gibt es an den Hochschulen des Landes?"
    assert found.previous_question is None


def test_a_back_reference_carries_the_previous_question_over():
    found = resolve("Wer finanziert das dabei?", HISTORY)
    assert found.query == "Welche Maßnahmen gibt es zur Digitalisierung? Wer finanziert das dabei?"
    assert not found.narrows


def test_a_short_continuation_carries_over():
    assert resolve("Und für das Handwerk?", HISTORY).previous_question == HISTORY[0].content


def test_welche_davon_narrows_to_the_previous_answer():
    found = resolve("Welche davon betreffen das Handwerk?", HISTORY)
    assert found.narrows and found.query == "Welche davon betreffen das Handwerk?"


def test_da_words_refer_back():
    found = resolve("Wer prüft danach die Höhe, und wann zum ersten Mal?", HISTORY)
    assert found.previous_question == HISTORY[0].content and not found.narrows


def test_a_condition_continues_the_question_however_long():
    found = resolve("Und wenn ein Betrieb besonders viele Beschäftigte weiterbildet?", HISTORY)
    assert found.previous_question == HISTORY[0].content
    # The same words without "Und wenn" bring their own topic.
    assert resolve("Wie viele Betriebe bilden ihre Beschäftigten besonders weiter?", HISTORY).previous_question is None


def test_das_as_the_subject_refers_back_but_as_an_article_does_not():
    found = resolve("Wird das geprüft, nachdem es eine Weile gilt?", HISTORY)
    assert found.previous_question == HISTORY[0].content and not found.narrows
    assert resolve("Gilt das auch für Start-ups?", HISTORY).previous_question == HISTORY[0].content
    assert resolve("Wird das Gesetz zur Digitalisierung geprüft?", HISTORY).previous_question is None
    assert resolve("Was ist das Ziel der Gigabitstrategie des Landes?", HISTORY).previous_question is None


def test_davon_narrows_only_after_a_selecting_word():
    for subset in (
        "Wie viele davon sollen öffentlich gefördert sein?",
        "Und welche Programme davon gibt es schon?",
        # A few words may stand between the selecting word and "davon", or "welche" may follow it.
        "Wie viele sind davon schon umgesetzt?",
        "Was ist davon schon umgesetzt?",
        "Sind davon schon welche umgesetzt?",
        "Welche Maßnahmen betreffen davon das Handwerk?",
    ):
        assert resolve(subset, HISTORY).narrows, subset
    # "of it", not "which of them": the previous question is carried over, the search is not narrowed.
    found = resolve("Und wird davon auch etwas für später zurückgelegt?", HISTORY)
    assert found.previous_question == HISTORY[0].content and not found.narrows
