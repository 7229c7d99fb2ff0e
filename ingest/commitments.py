"""Commitments: the bullets of "Wir werden:" lists, and the sentences that commit in prose.

A bullet that ends with ":" ("… forcieren und dabei insbesondere:") opens a nested list;
its children follow until one of them ends a sentence with ".". A paragraph whose last sentence
commits and ends with ":" ("Dazu werden wir:") opens a list too.

Commitment sentences in prose (ingest/prose_commitments.py) join the catalog unless the document
states its measures in lists: where its list items are at least `list_commitments_share` as many
as its committing sentences in prose, the lists are taken at their word (the Leitbild lists its
136 measures under "Wir werden:" in each Handlungsfeld; the "Wir wollen …" of its introductions
frame those lists rather than add to them). A coalition agreement writing nearly everything in
prose gets its sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.types import Commitment, Passage, Unit
from ingest.pages import BlockText
from ingest.policy import DEFAULT_POLICY, IngestPolicy
from ingest.prose_commitments import commitment_kind


def commitment_id(document: str, number: int) -> str:
    return f"{document}:c{number:03d}"


@dataclass(frozen=True)
class Commitments:
    ordered: tuple[Commitment, ...]  # every commitment, in document order (the order of their ids)
    by_block: dict[int, Commitment]  # list items, keyed by the index of their block in the texts
    starts: dict[str, Unit]  # commitment id -> the unit a prose commitment starts in

    def linked(self, passages: list[Passage]) -> tuple[Commitment, ...]:
        """The commitments with the passage each stands in (a bullet is its own passage)."""
        by_unit = {(u.span.page, u.span.start): p.id for p in passages for u in p.units}
        by_commitment = {p.commitment_id: p.id for p in passages if p.commitment_id}
        linked = []
        for commitment in self.ordered:
            unit = self.starts.get(commitment.id)
            passage = by_unit.get((unit.span.page, unit.span.start)) if unit else by_commitment.get(commitment.id)
            linked.append(replace(commitment, passage_id=passage))
        return tuple(linked)


@dataclass
class _Found:
    order: tuple[int, int]  # block index, sentence index
    block: int | None  # set for list items
    text: str
    item: BlockText
    source: str
    unit: Unit | None = None
    parent: _Found | None = None  # the item it is nested under
    position: int = 0


def extract_commitments(
    document: str,
    title: str,
    texts: list[BlockText],
    printed: dict[int, str | None] | None = None,
    policy: IngestPolicy = DEFAULT_POLICY,
) -> Commitments:
    """The document's commitments; ids follow document order."""
    sentences = _prose_sentences(texts)
    listed = _list_items(texts, prose_intros=False)
    lists_only = len(listed) >= policy.list_commitments_share * len(sentences)
    if not lists_only:
        listed = _list_items(texts, prose_intros=True)
        listed.extend(sentences)
    listed.sort(key=lambda f: f.order)
    printed = printed or {}
    positions: dict[tuple[str, ...], int] = {}
    records: list[Commitment] = []
    ids: dict[int, str] = {}
    for number, found in enumerate(listed, start=1):
        ids[id(found)] = commitment_id(document, number)
        block = found.item.block
        page = found.unit.span.page if found.unit else found.item.page
        if found.source == "prose":
            positions[block.section_path] = positions.get(block.section_path, 0) + 1
            found.position = positions[block.section_path]
        records.append(
            Commitment(
                id=ids[id(found)],
                document=document,
                title=title,
                section=block.section_path[-1],
                page=page,
                text=found.text,
                position=found.position,
                parent=ids[id(found.parent)] if found.parent is not None else None,
                printed_page=printed.get(page),
                section_path=block.section_path,
                source=found.source,  # type: ignore[arg-type]
            )
        )
    by_block = {f.block: r for f, r in zip(listed, records, strict=True) if f.block is not None}
    starts = {r.id: f.unit for f, r in zip(listed, records, strict=True) if f.unit is not None}
    return Commitments(tuple(records), by_block, starts)


def _list_items(texts: list[BlockText], *, prose_intros: bool) -> list[_Found]:
    """Bullets of commitment lists, with nesting and positions within their list."""
    found: list[_Found] = []
    parent: _Found | None = None
    position = child_position = 0
    previous_list: tuple[str, ...] | None = None
    open_list = False  # a prose sentence ending in ":" committed to what follows
    for index, item in enumerate(texts):
        block = item.block
        if block.kind == "list_intro":
            parent, position, child_position = None, 0, 0
            previous_list = block.section_path
            open_list = False
            continue
        if prose_intros and block.kind == "paragraph":
            last = item.units[-1].text if item.units else ""
            open_list = last.rstrip().endswith(":") and commitment_kind(last) is not None
            if open_list:
                parent, position, child_position, previous_list = None, 0, 0, block.section_path
            continue
        if block.kind != "bullet" or not (block.in_commitment_list or open_list):
            open_list = open_list and block.kind == "bullet"
            continue
        if previous_list != block.section_path:
            parent, position, child_position, previous_list = None, 0, 0, block.section_path
        record = _Found((index, 0), index, item.text, item, "list")
        if parent is not None:
            child_position += 1
            record.position, record.parent = child_position, parent
            if item.text.rstrip().endswith("."):
                parent = None
        else:
            position += 1
            record.position = position
            if item.text.rstrip().endswith(":"):
                parent, child_position = record, 0
        found.append(record)
    return found


def _prose_sentences(texts: list[BlockText]) -> list[_Found]:
    """Committing sentences of the document's paragraphs; a sentence broken by a page is whole."""
    found: list[_Found] = []
    for index, item in enumerate(texts):
        if item.block.kind != "paragraph":
            continue
        for number, (text, unit) in enumerate(_sentences(item.units)):
            if not text.rstrip().endswith(":") and commitment_kind(text) is not None:
                found.append(_Found((index, number), None, text, item, "prose", unit))
    return found


def _sentences(units: tuple[Unit, ...]) -> list[tuple[str, Unit]]:
    """Whole sentences with the unit each starts in: units are split at page breaks."""
    sentences: list[tuple[str, Unit]] = []
    for unit in units:
        if sentences and not sentences[-1][0].rstrip().endswith((".", "!", "?", ":", ";")):
            previous, first = sentences[-1]
            if unit.span.page != first.span.page:
                sentences[-1] = (f"{previous} {unit.text}", first)
                continue
        sentences.append((unit.text, unit))
    return sentences
