"""The gold question set (eval/gold.yaml) and the text normalisation used to match quotes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

GOLD_FILE = Path(__file__).with_name("gold.yaml")
KINDS = ("fact", "number", "list", "paraphrase", "page_break", "nested", "followup", "unanswerable")


def letters(text: str) -> str:
    """Casefolded letters and digits only: robust to hyphenation, spacing and quote marks; a footnote
    mark the ingest reads as a superscript ("werden¹") is the digit pypdf reads ("werden1")."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


@dataclass(frozen=True)
class Support:
    page: int
    quote: str
    document: str | None = None  # None: the question's document (or any, in a one-document set)


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    question: str
    kind: str
    support: tuple[Support, ...]
    expected_commitments: tuple[str, ...] = ()
    follows: str | None = None
    document: str | None = None  # the document the question is about, for per-document figures
    # Quotes a person confirmed as wrong for this question (from feedback); citing one again is a failure.
    wrong: tuple[Support, ...] = ()
    # The conversation before the question, as (role, content) turns, for follow-ups from feedback.
    history: tuple[tuple[str, str], ...] = ()
    # The documents the asker chose in the document filter (the chat's selector, the API's
    # `documents`); () for a question asked over the whole collection.
    filter: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable"


class GoldFileError(ValueError):
    pass


def gold_files(path: Path) -> list[Path]:
    """A gold file, or every *.yaml file in a folder of them (eval/gold/)."""
    return sorted(path.glob("*.yaml")) if path.is_dir() else [path]


def load_gold(path: Path = GOLD_FILE) -> list[GoldQuestion]:
    """The questions of a gold file, or of all gold files in a folder."""
    if Path(path).is_dir():
        return [q for file in gold_files(Path(path)) for q in load_gold(file)]
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GoldFileError(f"{path}: nicht lesbar ({exc})") from exc
    if not isinstance(raw, list):
        raise GoldFileError(f"{path}: erwartet wird eine YAML-Liste von Fragen")
    questions: list[GoldQuestion] = []
    for i, entry in enumerate(raw):
        try:
            questions.append(
                GoldQuestion(
                    id=str(entry["id"]),
                    question=str(entry["question"]),
                    kind=str(entry["kind"]),
                    support=tuple(
                        Support(int(s["page"]), str(s["quote"]), s.get("document") or entry.get("document"))
                        for s in entry.get("support") or []
                    ),
                    expected_commitments=tuple(str(c) for c in entry.get("expected_commitments") or []),
                    follows=entry.get("follows"),
                    document=entry.get("document"),
                    wrong=tuple(Support(int(s["page"]), str(s["quote"])) for s in entry.get("wrong") or []),
                    history=tuple((str(t["role"]), str(t["content"])) for t in entry.get("history") or []),
                    filter=tuple(str(d) for d in entry.get("filter") or []),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldFileError(f"{path}: Eintrag {i + 1} ist unvollständig ({exc})") from exc
    return questions
