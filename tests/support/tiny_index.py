"""A tiny index built in memory from a few passages with fixed vectors: for testing one rule
of retrieval, judging, selection or quoting without the model. It goes through the real
assembly (`index.builder.assemble`): FAISS, BM25 and vocabulary are the real ones."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from domain.types import BlockKind, Commitment, DocumentInfo, Page, Passage, Span, Unit
from index.builder import assemble
from index.fingerprint import Fingerprint
from index.store import DocumentEntry, IndexData
from ingest.sentences import sentence_spans

DIMENSIONS = 4


@dataclass(frozen=True)
class P:
    """One passage: its text and vector; each sentence gets `sentence_vectors[i]` or the passage vector."""

    text: str
    vector: tuple[float, ...]
    section: str = "Abschnitt A"
    kind: BlockKind = "paragraph"
    commitment: str | None = None  # a commitment id ("doc:c001") makes the passage a commitment
    parent: str | None = None  # the commitment it is nested under
    document: str = "doc"
    page: int = 1
    printed_page: str | None = None
    sentence_vectors: tuple[tuple[float, ...], ...] = field(default=())


def unit(vector) -> np.ndarray:
    v = np.asarray(vector, dtype=np.float32)
    return v / np.linalg.norm(v)


def tiny_index(specs: list[P], *, ann_min_passages: int = 50_000) -> IndexData:
    pages_text: dict[tuple[str, int], list[str]] = defaultdict(list)
    by_document: dict[str, list[tuple[Passage, np.ndarray, np.ndarray, Commitment | None]]] = defaultdict(list)
    for n, spec in enumerate(specs, start=1):
        parts = pages_text[(spec.document, spec.page)]
        offset = sum(len(t) + 1 for t in parts)
        parts.append(spec.text)
        spans = sentence_spans(spec.text)
        units = tuple(Unit(spec.text[s:e], Span(spec.page, offset + s, offset + e)) for s, e in spans)
        sentence_vectors = spec.sentence_vectors or (spec.vector,) * len(units)
        passage = Passage(
            id=f"{spec.document}:p{n:04d}",
            document=spec.document,
            title=f"Dokument {spec.document}",
            section_path=(spec.section,),
            kind=spec.kind,
            page=spec.page,
            text=spec.text,
            units=units,
            commitment_id=spec.commitment,
        )
        commitment = None
        if spec.commitment:
            commitment = Commitment(
                spec.commitment, spec.document, passage.title, spec.section, spec.page, spec.text, n, spec.parent
            )
        vectors = np.vstack([unit(v) for v in sentence_vectors])
        by_document[spec.document].append((passage, unit(spec.vector), vectors, commitment))
    entries = {}
    for document, items in by_document.items():
        numbers = sorted({p for d, p in pages_text if d == document})
        printed = {s.page: s.printed_page for s in specs if s.document == document}
        pages = [
            Page(n, "\n".join(pages_text[(document, n)]), "\n".join(pages_text[(document, n)]), (), printed.get(n))
            for n in range(1, max(numbers) + 1)
        ]
        info = DocumentInfo(
            document, f"Dokument {document}", f"/nirgends/{document}.pdf", "0" * 64, len(pages), len(items), 0, ""
        )
        entries[document] = DocumentEntry(
            info,
            pages,
            [p for p, _, _, _ in items],
            [c for _, _, _, c in items if c],
            np.vstack([v for _, v, _, _ in items]),
            np.vstack([u for _, _, u, _ in items]),
        )
    return assemble(entries, "tiny", DIMENSIONS, Fingerprint("p", "t", "e"), ann_min_passages)
