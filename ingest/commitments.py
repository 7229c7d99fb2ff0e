"""Commitments: the bullets of "Wir werden:" lists, with nesting and positions.

A bullet that ends with ":" ("… forcieren und dabei insbesondere:") opens a nested list;
its children follow until one of them ends a sentence with ".".
"""

from __future__ import annotations

from domain.types import Commitment
from ingest.pages import BlockText


def commitment_id(document: str, number: int) -> str:
    return f"{document}:c{number:03d}"


def extract_commitments(document: str, title: str, texts: list[BlockText]) -> dict[int, Commitment]:
    """Commitments keyed by the index of their block in `texts`; ids follow document order."""
    found: dict[int, Commitment] = {}
    parent: Commitment | None = None
    position = 0
    child_position = 0
    previous_list: tuple[str, ...] | None = None
    for index, item in enumerate(texts):
        block = item.block
        if block.kind == "list_intro":
            parent, position, child_position = None, 0, 0
            previous_list = block.section_path
            continue
        if block.kind != "bullet" or not block.in_commitment_list:
            continue
        if previous_list != block.section_path:
            parent, position, child_position, previous_list = None, 0, 0, block.section_path
        cid = commitment_id(document, len(found) + 1)
        if parent is not None:
            child_position += 1
            record = Commitment(
                cid, document, title, block.section_path[-1], item.page, item.text, child_position, parent.id
            )
            if item.text.rstrip().endswith("."):
                parent = None
        else:
            position += 1
            record = Commitment(cid, document, title, block.section_path[-1], item.page, item.text, position, None)
            if item.text.rstrip().endswith(":"):
                parent, child_position = record, 0
        found[index] = record
    return found
