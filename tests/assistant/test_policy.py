"""The answer policy: dotted changes for tuning, and calibration per model."""

import logging

import pytest

from assistant.policy import AnswerPolicy, policy_for


def test_with_values_changes_fields_by_dotted_name():
    policy = AnswerPolicy().with_values(**{"judge.min_dense": 0.7, "retrieval.dense_weight": 0.5})
    assert policy.judge.min_dense == 0.7 and policy.retrieval.dense_weight == 0.5
    assert AnswerPolicy().judge.min_dense == 0.80  # the default is untouched


@pytest.mark.parametrize("name", ["min_dense", "judge.nothing", "styling.colour"])
def test_unknown_fields_are_refused(name):
    with pytest.raises(ValueError, match="unknown policy field"):
        AnswerPolicy().with_values(**{name: 1.0})


def test_the_default_model_is_calibrated():
    assert policy_for("multilingual-e5-small").calibrated_for == "multilingual-e5-small"


def test_an_uncalibrated_model_says_so(caplog):
    with caplog.at_level(logging.WARNING, logger="leitbild.assistant"):
        policy = policy_for("/modelle/anderes-modell")
    assert "keine Kalibrierung" in caplog.text and "/modelle/anderes-modell" in caplog.text
    assert policy.judge.min_dense == AnswerPolicy().judge.min_dense


def test_the_judge_levels_move_with_the_scope_baseline():
    judge = AnswerPolicy().judge.model_copy(update={"probe_reference": 0.774})
    moved = judge.relative_to(0.791)  # questions without an answer come 0.017 closer in this scope
    assert (round(moved.min_dense, 3), round(moved.unseen_dense, 3)) == (0.817, 0.845)
    assert judge.relative_to(0.77414) == judge  # the Leitbild itself: no shift
    assert AnswerPolicy().judge.relative_to(0.9) == AnswerPolicy().judge  # no reference: no shift
