"""Confirmed feedback becomes gold-set candidates that `leitbild eval --gold FILE` can load."""

from __future__ import annotations

from pathlib import Path

import pytest

from api import cli
from api.archive import Archive
from api.feedback_export import gold_entry
from domain.settings import Settings
from domain.types import Answer, Citation
from eval.gold import load_gold

CITATIONS = (
    Citation(1, "doc", "Titel", 4, "A", "Wir werden das Netz ausbauen.", "doc:p1", 0.9),
    Citation(2, "doc", "Titel", 5, "B", "Die Stadtwerke betreiben die Anlage.", "doc:p2", 0.8),
)
ANSWERED = Answer("Was plant das Land beim Netz?", "Es plant [1] und [2].", False, CITATIONS)
ABSTAINED = Answer.abstain("Wie hoch ist der Mindestlohn?")


@pytest.fixture
def archive(tmp_path: Path):
    store = Archive.open(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    yield store
    store.close()


def confirmed(archive: Archive, answer: Answer, rating: str, citation: int | None = None, history=()):
    stored = archive.save(answer, history=history, documents=None, index_version="v1", document_hashes={})
    item = archive.add_feedback(stored.id, rating, "Kommentar", citation)
    return archive.review(item.id, "confirmed")


@pytest.mark.parametrize(
    ("answer", "rating", "citation", "kind", "support", "wrong", "todo"),
    [
        (ANSWERED, "up", None, "fact", [4, 5], [], False),
        (ABSTAINED, "up", None, "unanswerable", [], [], False),
        (ANSWERED, "down", 2, "fact", [4], [5], False),
        (ANSWERED, "down", None, "fact", [], [4, 5], True),
        (ABSTAINED, "down", None, "fact", [], [], True),
    ],
)
def test_what_a_confirmed_rating_says_about_the_answer(
    archive: Archive, answer, rating, citation, kind, support, wrong, todo
) -> None:
    entry = gold_entry(confirmed(archive, answer, rating, citation))
    assert entry["question"] == answer.question and entry["kind"] == kind
    assert [s["page"] for s in entry["support"]] == support
    assert [w["page"] for w in entry.get("wrong", [])] == wrong
    assert ("todo" in entry) is todo
    assert entry["source"]["rating"] == rating and entry["source"]["comment"] == "Kommentar"


def test_the_cli_writes_confirmed_feedback_that_the_eval_loads(
    archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    wrong = confirmed(archive, ANSWERED, "down", 2, history=[("user", "Und davor?"), ("assistant", "Davor.")])
    confirmed(archive, ABSTAINED, "up")
    stored = archive.save(ANSWERED, history=(), documents=None, index_version="v1", document_hashes={})
    archive.add_feedback(stored.id, "down")  # not reviewed: not exported
    monkeypatch.setenv("LEITBILD_DATABASE_URL", str(archive.engine.url))
    monkeypatch.setattr(cli, "get_settings", Settings)  # the cached settings predate this variable
    target = tmp_path / "kandidaten.yaml"

    assert cli.main(["feedback", "export", "--gold", str(target)]) == 0
    assert "2 bestätigte Rückmeldungen" in capsys.readouterr().err
    gold = load_gold(target)
    assert [g.id for g in gold] == [f"feedback-{wrong.id}", f"feedback-{wrong.id + 1}"]
    first = gold[0]
    assert first.wrong[0].quote == "Die Stadtwerke betreiben die Anlage." and first.wrong[0].page == 5
    assert [s.quote for s in first.support] == ["Wir werden das Netz ausbauen."]
    assert first.history == (("user", "Und davor?"), ("assistant", "Davor."))
    assert not gold[1].answerable

    # An existing file is kept unless --force says otherwise.
    assert cli.main(["feedback", "export", "--gold", str(target)]) == 1
    assert "gibt es schon" in capsys.readouterr().err
    assert cli.main(["feedback", "export", "--gold", str(target), "--force"]) == 0
