"""The value types that cross layer boundaries.

Every layer imports from here and from nowhere above itself, so a reader finds the
shape of a page, a passage, a citation or an answer in this one file.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Literal

_SENTENCE_END = re.compile(r"[.!?:;…][\"“”»«')]*\s*$")

BlockKind = Literal["heading", "paragraph", "bullet", "vision_item", "list_intro", "note"]  # note: foot or margin


@dataclass(frozen=True)
class Page:
    """One PDF page: the text pypdf extracted and the cleaned text quotes are checked against."""

    number: int  # 1-based PDF page
    raw_text: str
    clean_text: str
    # clean_to_raw[i] is the index in raw_text of clean_text[i]; keeps quotes traceable to the PDF.
    clean_to_raw: tuple[int, ...] = field(repr=False, default=())
    # The page number printed on the page ("57", "IV"), None where it prints none.
    printed_page: str | None = None


@dataclass(frozen=True)
class Section:
    """A heading and the page it stands on; path runs from the chapter down ("Kapitel II: …", "Für …")."""

    path: tuple[str, ...]
    page: int

    @property
    def title(self) -> str:
        return self.path[-1]


@dataclass(frozen=True)
class Span:
    """A stretch of a page's clean text."""

    page: int
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """A sentence (or a sentence's part on one page): the smallest quotable piece."""

    text: str
    span: Span

    def continued_by(self, after: Unit) -> bool:
        """Whether `after` is the rest of this sentence, which a page break cut ("Wir werden eine" |
        "zweiwöchige Freistellung … einführen."): passages and quotes keep the two together."""
        return after.span.page == self.span.page + 1 and not _SENTENCE_END.search(self.text)


@dataclass(frozen=True)
class Passage:
    """A retrievable piece of a document that never crosses a section and never cuts a sentence."""

    id: str
    document: str
    title: str
    section_path: tuple[str, ...]
    kind: BlockKind
    page: int  # 1-based page where the passage starts
    text: str
    units: tuple[Unit, ...]
    commitment_id: str | None = None
    # Words that situate the passage (the parent commitment of a nested bullet); used for search only.
    context: str = ""

    @property
    def section(self) -> str:
        return self.section_path[-1] if self.section_path else ""

    @property
    def start(self) -> int:
        return self.units[0].span.start

    @property
    def end(self) -> int:
        return self.units[-1].span.end


@dataclass(frozen=True)
class Commitment:
    """One measure a government document commits to ("Wir werden: • …")."""

    id: str
    document: str
    title: str
    section: str
    page: int
    text: str
    position: int  # 1-based position in its list (children counted within their parent)
    parent: str | None = None
    printed_page: str | None = None
    section_path: tuple[str, ...] = ()  # from the chapter down to `section`
    source: Literal["list", "prose"] = "list"  # a bullet of a "Wir werden:" list, or a sentence in prose
    passage_id: str | None = None  # the passage it stands in (a list item is a passage of its own)


@dataclass(frozen=True)
class DocumentInfo:
    """One entry of the document registry."""

    id: str
    title: str
    path: str
    sha256: str
    pages: int
    passages: int
    commitments: int
    ingested_at: str
    # From the optional sidecar file next to the PDF (ingest/sidecar.py); None where nobody said.
    publisher: str | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    source_url: str | None = None
    sidecar_sha256: str | None = None  # a changed sidecar alone makes the document `updated`
    title_source: str | None = None  # sidecar | metadata | heading | file_name
    aliases: tuple[str, ...] = ()  # names people use for it that title and file name lack ("Ampel")

    def __post_init__(self) -> None:
        if isinstance(self.aliases, str):
            raise TypeError(f"DocumentInfo {self.id}: aliases ist eine Liste von Namen, kein Text")
        object.__setattr__(self, "aliases", tuple(self.aliases))  # a list when read back from JSON

    @property
    def year(self) -> str | None:
        """The year the document is from, when known: its date, else a year in its title or file name."""
        for text in (self.date, self.title, self.id):
            found = re.search(r"\b(19[5-9]\d|20\d\d)\b", text or "")
            if found:
                return found.group(1)
        return None


@dataclass(frozen=True)
class Citation:
    n: int
    document: str
    title: str
    page: int
    section: str
    quote: str
    passage_id: str
    score: float
    printed_page: str | None = None  # as printed on the page; `page` is the PDF page for #page=N links

    def to_dict(self) -> dict:
        return asdict(self)

    def continues(self, before: Citation) -> bool:
        """Whether this is the part on the next page of the quote `before` (one passage, cut by the
        page break): the answer reads the two as one quote."""
        return self.passage_id == before.passage_id and self.page == before.page + 1


ABSTENTION_TEXT = "Dazu enthalten die vorliegenden Dokumente keine Aussage."


@dataclass(frozen=True)
class AnswerGroup:
    """The citations of one document within an answer, in the order the answer shows them."""

    document: str
    title: str
    year: str | None
    citations: tuple[int, ...]  # their numbers n

    def to_dict(self) -> dict:
        return {**asdict(self), "citations": list(self.citations)}


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    groups: tuple[AnswerGroup, ...] = ()  # by document; the flat `citations` list stays the contract

    @classmethod
    def abstain(cls, question: str) -> Answer:
        return cls(question=question, answer=ABSTENTION_TEXT, abstained=True, citations=())

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "groups": [g.to_dict() for g in self.groups],
        }
