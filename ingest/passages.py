"""Passages: what retrieval ranks. Bullets and numbered items stay whole; prose is chunked
by langchain's splitter along paragraph and sentence lines only, never across a section and never
between the two parts of a sentence that a page break cut."""

from __future__ import annotations

from itertools import groupby

from langchain_text_splitters import RecursiveCharacterTextSplitter

from domain.types import Commitment, Passage, Unit
from ingest.pages import BlockText
from ingest.policy import DEFAULT_POLICY, IngestPolicy

_PARAGRAPH, _SENTENCE = "\n\n", "\n"


def passage_id(document: str, number: int) -> str:
    return f"{document}:p{number:04d}"


def build_passages(
    document: str,
    title: str,
    texts: list[BlockText],
    commitments: dict[int, Commitment],
    policy: IngestPolicy = DEFAULT_POLICY,
) -> list[Passage]:
    passages: list[Passage] = []
    by_id = {c.id: c for c in commitments.values()}

    def add(kind, item_units: tuple[Unit, ...], text: str, section_path, commitment: Commitment | None = None):
        context = by_id[commitment.parent].text if commitment and commitment.parent else ""
        passages.append(
            Passage(
                id=passage_id(document, len(passages) + 1),
                document=document,
                title=title,
                section_path=section_path,
                kind=kind,
                page=item_units[0].span.page,
                text=text,
                units=item_units,
                commitment_id=commitment.id if commitment else None,
                context=context,
            )
        )

    indexed = list(enumerate(texts))
    for _, run in groupby(indexed, key=lambda pair: (pair[1].block.section_path, pair[1].block.kind == "paragraph")):
        run = list(run)
        first = run[0][1].block
        if first.kind == "paragraph":
            for units in _chunk_paragraphs([item for _, item in run], policy.chunk_chars):
                add("paragraph", units, " ".join(u.text for u in units), first.section_path)
            continue
        for index, item in run:
            if item.block.kind in ("bullet", "vision_item", "note") and item.units:
                add(item.block.kind, item.units, item.text, item.block.section_path, commitments.get(index))
    return passages


def _chunk_paragraphs(items: list[BlockText], chunk_chars: int) -> list[tuple[Unit, ...]]:
    """Split a section's prose into chunks of whole sentences with langchain's splitter."""
    units = [u for item in items for u in item.units]
    if not units:
        return []
    pieces: list[str] = []
    starts: list[int] = []
    position = 0
    before = None
    for item_index, item in enumerate(items):
        for unit_index, unit in enumerate(item.units):
            if pieces:
                separator = _PARAGRAPH if unit_index == 0 and item_index > 0 else _SENTENCE
                if before is not None and before.continued_by(unit):
                    separator = " "  # a sentence a page break cut stays in one chunk
                pieces.append(separator)
                position += len(separator)
            before = unit
            starts.append(position)
            pieces.append(unit.text)
            position += len(unit.text)
    joined = "".join(pieces)
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_chars,
        chunk_overlap=0,
        separators=[_PARAGRAPH, _SENTENCE],
        add_start_index=True,
        keep_separator=False,
        strip_whitespace=True,
    )
    chunks: list[tuple[Unit, ...]] = []
    for doc in splitter.create_documents([joined]):
        start = doc.metadata["start_index"]
        end = start + len(doc.page_content)
        chunk = tuple(u for u, s in zip(units, starts, strict=True) if start <= s < end)
        if chunk:
            chunks.append(chunk)
    return chunks
