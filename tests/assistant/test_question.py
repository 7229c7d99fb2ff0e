"""One set of rules for what counts as a question."""

import pytest

from assistant.question import QuestionError, names_something, normalize, validate


def test_normalize_collapses_whitespace_and_control_characters():
    assert normalize("  Was\tplant\x00 das  Land?\n") == "Was plant das Land?"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Die Frage ist leer."),
        ("x" * 11, "Die Frage ist zu lang (11 Zeichen, erlaubt sind höchstens 10)."),
        ("a\ud800", "Die Frage enthält ungültige Unicode-Zeichen."),
    ],
)
def test_validate_names_the_problem(text, message):
    with pytest.raises(QuestionError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        validate(text, 10)


def test_subject_is_named():
    with pytest.raises(QuestionError, match="Die Suche ist leer"):
        validate("", 10, "Die Suche")


def test_names_something():
    assert names_something("Wasserstoff") and not names_something("? –")
