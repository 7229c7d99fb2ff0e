"""Confirmed feedback as gold-set candidates in eval/gold.yaml's format, for `leitbild eval --gold FILE`.

What a confirmed rating says about the answer, as the eval can check it again:
- "up" on an answer: its quotes are support; on an abstention: the question is unanswerable.
- "down" naming citation [n]: that quote is `wrong` (citing it again fails); the other quotes stay support.
- "down" on a whole answer: every quote is `wrong`; on an abstention: the documents do answer it.
  Neither says where the right quote is, so `support` stays empty until a person adds it
  (until then the eval counts the question as a miss, which is what it is).
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml

from api.archive import FeedbackItem

HEADER = """\
# Gold-set candidates from confirmed feedback (`leitbild feedback export --gold FILE`).
# Run them with `leitbild eval --gold FILE`. Entries marked `todo` need a person to add the
# supporting quote (page and verbatim text) before they can pass.
"""


def _quote(citation: dict) -> dict:
    return {"page": int(citation["page"]), "quote": str(citation["quote"])}


def gold_entry(item: FeedbackItem) -> dict:
    answer = item.answer.answer
    citations = answer.get("citations", [])
    entry: dict = {"id": f"feedback-{item.id}", "question": item.answer.question}
    support: list[dict] = []
    wrong: list[dict] = []
    todo: str | None = None
    if item.rating == "up":
        kind = "unanswerable" if answer.get("abstained") else "fact"
        support = [_quote(c) for c in citations]
    elif answer.get("abstained"):
        kind, todo = "fact", "Die Dokumente beantworten die Frage: Beleg (Seite, Zitat) ergänzen."
    elif item.citation is not None:
        kind = "fact"
        support = [_quote(c) for c in citations if c["n"] != item.citation]
        wrong = [_quote(c) for c in citations if c["n"] == item.citation]
        if not support:
            todo = "Richtigen Beleg (Seite, Zitat) ergänzen."
    else:
        kind, todo = "fact", "Alle Zitate als falsch gemeldet: richtigen Beleg ergänzen oder kind: unanswerable setzen."
        wrong = [_quote(c) for c in citations]
    entry["kind"] = kind
    entry["support"] = support
    if wrong:
        entry["wrong"] = wrong
    if item.answer.history:
        entry["history"] = [{"role": role, "content": content} for role, content in item.answer.history]
    if todo:
        entry["todo"] = todo
    entry["source"] = {
        "answer": item.answer_id,
        "rating": item.rating,
        "comment": item.comment,
        "citation": item.citation,
        "index_version": item.answer.index_version,
    }
    return entry


def gold_yaml(items: Iterable[FeedbackItem]) -> str:
    entries = [gold_entry(item) for item in sorted(items, key=lambda i: i.id)]
    body = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=120) if entries else "[]\n"
    return HEADER + "\n" + body
