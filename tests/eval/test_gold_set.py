"""Sanity checks for the gold question set in eval/gold.yaml.

Every support quote must be verbatim text of its PDF page (compared on a normalized
form: casefolded, only alphanumeric characters kept), so that the evaluation can
match the assistant's citations against it.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GOLD_PATH = ROOT / "eval" / "gold.yaml"
PDF_PATH = ROOT / "data" / "documents" / "industriepolitisches-leitbild-nrw.pdf"

VALID_KINDS = {"fact", "number", "list", "paraphrase", "page_break", "nested", "followup", "unanswerable"}
MIN_PER_KIND = {
    "fact": 15,
    "number": 12,
    "list": 12,
    "paraphrase": 12,
    "page_break": 4,
    "nested": 3,
    "followup": 4,
    "unanswerable": 14,
}
MIN_TOTAL = 80
QUOTE_MIN_LEN, QUOTE_MAX_LEN = 25, 200


def normalize(text: str) -> str:
    """Casefold and keep only letters and digits."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def load_gold() -> list[dict]:
    with GOLD_PATH.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, list), "eval/gold.yaml must contain a YAML list"
    return data


GOLD = load_gold()
SUPPORTS = [(entry["id"], i, s["page"], s["quote"]) for entry in GOLD for i, s in enumerate(entry.get("support") or [])]


@cache
def pdf_pages() -> tuple[str, ...]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(PDF_PATH))
    return tuple(normalize(page.extract_text() or "") for page in reader.pages)


@cache
def pdf_full_text() -> str:
    return "".join(pdf_pages())


def test_required_fields():
    for entry in GOLD:
        for field in ("id", "question", "kind", "support"):
            assert field in entry, f"{entry.get('id', '?')}: missing field {field!r}"
        assert isinstance(entry["question"], str) and entry["question"].strip(), f"{entry['id']}: empty question"
        assert isinstance(entry["support"], list), f"{entry['id']}: support must be a list"


def test_ids_unique():
    counts = Counter(entry["id"] for entry in GOLD)
    dupes = sorted(i for i, n in counts.items() if n > 1)
    assert not dupes, f"duplicate ids: {dupes}"


def test_kinds_valid():
    bad = [(e["id"], e["kind"]) for e in GOLD if e["kind"] not in VALID_KINDS]
    assert not bad, f"invalid kinds: {bad}"


def test_total_count():
    assert len(GOLD) >= MIN_TOTAL, f"only {len(GOLD)} questions, need >= {MIN_TOTAL}"


def test_minimum_per_kind():
    counts = Counter(e["kind"] for e in GOLD)
    short = {k: (counts.get(k, 0), n) for k, n in MIN_PER_KIND.items() if counts.get(k, 0) < n}
    assert not short, f"kinds below minimum (have, need): {short}"


def test_follows_points_to_earlier_id():
    seen: set[str] = set()
    for entry in GOLD:
        if "follows" in entry:
            assert entry["follows"] in seen, f"{entry['id']}: follows {entry['follows']!r}, which is not an earlier id"
        if entry["kind"] == "followup":
            assert "follows" in entry, f"{entry['id']}: followup without 'follows'"
        seen.add(entry["id"])


def test_required_followup_pair():
    by_id = {e["id"]: e for e in GOLD}
    first = [e for e in GOLD if e["question"] == "Welche Maßnahmen decken die Digitalisierung des Mittelstands ab?"]
    assert first, "missing the question about the digitalisation of the Mittelstand"
    first_ids = {f["id"] for f in first}
    follow = [
        e
        for e in GOLD
        if e["question"] == "Und welche davon betreffen auch das Handwerk?" and e.get("follows") in first_ids
    ]
    assert follow, "missing the Handwerk followup of the Mittelstand digitalisation question"
    quotes = [normalize(s["quote"]) for s in follow[0]["support"]]
    assert any("handwerk" in q for q in quotes), (
        "Handwerk followup must cite the NRW.BANK.Digitalisierungskredit bullet"
    )
    assert by_id[follow[0]["follows"]]["kind"] == "list"


def test_unanswerable_has_no_support():
    bad = [e["id"] for e in GOLD if e["kind"] == "unanswerable" and e["support"]]
    assert not bad, f"unanswerable entries with support: {bad}"


def test_answerable_has_support():
    bad = [e["id"] for e in GOLD if e["kind"] != "unanswerable" and not e["support"]]
    assert not bad, f"answerable entries without support: {bad}"


def test_list_entries_have_commitments_in_document():
    text = pdf_full_text()
    problems = []
    for entry in GOLD:
        commitments = entry.get("expected_commitments")
        if entry["kind"] == "list" and not commitments:
            problems.append(f"{entry['id']}: list entry without expected_commitments")
            continue
        for c in commitments or []:
            if normalize(c) not in text:
                problems.append(f"{entry['id']}: commitment not found in document: {c!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("qid", "idx", "page", "quote"),
    SUPPORTS,
    ids=[f"{qid}-{idx}" for qid, idx, _, _ in SUPPORTS],
)
def test_support_quote_on_page(qid, idx, page, quote):
    pages = pdf_pages()
    assert isinstance(page, int) and 1 <= page <= len(pages), f"{qid}: page {page!r} outside 1..{len(pages)}"
    assert QUOTE_MIN_LEN <= len(quote) <= QUOTE_MAX_LEN, (
        f"{qid}: quote length {len(quote)} outside {QUOTE_MIN_LEN}..{QUOTE_MAX_LEN}: {quote!r}"
    )
    nq = normalize(quote)
    if nq not in pages[page - 1]:
        elsewhere = [i + 1 for i, p in enumerate(pages) if nq in p]
        hint = f" (found on page(s) {elsewhere})" if elsewhere else " (not found on any page)"
        pytest.fail(f"{qid}: quote not on page {page}{hint}: {quote!r}")


def test_quote_letters_read_a_superscript_mark_as_pypdf_reads_it():
    from eval.gold import letters

    assert letters("kann bestimmt werden¹, dass") == letters("kann be- stimmt werden1 , dass")
