"""Precision and recall of the commitment detector on a labelled sample of sentences.

    .venv/bin/python -m eval.commitment_sample                       # eval/commitments-sample.yaml
    .venv/bin/python -m eval.commitment_sample eval/commitments-dev.yaml
    .venv/bin/python -m eval.commitment_sample --pipeline            # the catalog built from the PDFs

A sample file is a YAML list of {document, page, sentence, commitment: true|false}. Two measures:

- **sentences** (default): the detector (ingest/prose_commitments.py) judges each sentence as given.
- **pipeline** (`--pipeline`): the documents are read from `--corpus` (default
  ../shared/corpus/related) as the ingest reads them, and a sentence counts as detected when the
  document's catalog holds a commitment with that text on that page (±1): sentence splitting,
  page furniture and the lists-or-prose rule included.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from domain.settings import PROJECT_ROOT
from domain.types import Commitment
from eval.gold import letters

SAMPLE_FILE = Path(__file__).with_name("commitments-sample.yaml")
DEV_FILE = Path(__file__).with_name("commitments-dev.yaml")
RELATED = PROJECT_ROOT.parent / "shared" / "corpus" / "related"
FIELDS = {"document", "page", "sentence", "commitment"}
OPTIONAL = {"note"}


class SampleError(ValueError):
    pass


@dataclass(frozen=True)
class Labelled:
    document: str
    page: int
    sentence: str
    commitment: bool


@dataclass(frozen=True)
class Score:
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int
    errors: tuple[tuple[Labelled, bool], ...]  # (sentence, what the detector said) where it was wrong

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 0.0

    def to_dict(self) -> dict:
        return {
            "sentences": self.true_positive + self.false_positive + self.false_negative + self.true_negative,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "true_positive": self.true_positive,
            "false_positive": self.false_positive,
            "false_negative": self.false_negative,
            "true_negative": self.true_negative,
            "errors": [
                {
                    "document": s.document,
                    "page": s.page,
                    "sentence": s.sentence,
                    "labelled": s.commitment,
                    "detected": d,
                }
                for s, d in self.errors
            ],
        }


def load_sample(path: Path) -> list[Labelled]:
    if not path.is_file():
        raise SampleError(f"Stichprobe {path} nicht gefunden")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list) or not raw:
        raise SampleError(f"{path}: erwartet wird eine Liste von Sätzen")
    sample = []
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or not FIELDS <= set(entry) <= FIELDS | OPTIONAL:
            raise SampleError(f"{path}, Eintrag {number}: Felder müssen {sorted(FIELDS)} sein (dazu optional 'note')")
        if not isinstance(entry["commitment"], bool) or not isinstance(entry["page"], int):
            raise SampleError(f"{path}, Eintrag {number}: 'commitment' muss true/false, 'page' eine Zahl sein")
        sample.append(
            Labelled(str(entry["document"]), entry["page"], str(entry["sentence"]).strip(), entry["commitment"])
        )
    return sample


def score(sample: list[Labelled], detected: list[bool]) -> Score:
    counts = {(True, True): 0, (False, True): 0, (True, False): 0, (False, False): 0}
    errors = []
    for item, found in zip(sample, detected, strict=True):
        counts[(item.commitment, found)] += 1
        if item.commitment != found:
            errors.append((item, found))
    return Score(
        counts[(True, True)], counts[(False, True)], counts[(True, False)], counts[(False, False)], tuple(errors)
    )


def detect_sentences(sample: list[Labelled]) -> list[bool]:
    from ingest.prose_commitments import commitment_kind

    return [commitment_kind(item.sentence) is not None for item in sample]


def read_catalogs(documents: set[str], corpus: Path) -> dict[str, list[Commitment]]:
    """Each document's commitments as the ingest builds them from `corpus`/<document>.pdf."""
    from ingest.document import ingest_pdf

    catalogs = {}
    for document in sorted(documents):
        pdf = corpus / f"{document}.pdf"
        if not pdf.is_file():
            raise SampleError(f"Dokument {document}: {pdf} fehlt")
        catalogs[document] = list(ingest_pdf(pdf, doc_id=document).commitments)
    return catalogs


def detect_in_catalog(sample: list[Labelled], catalogs: dict[str, list[Commitment]]) -> list[bool]:
    """Whether each sentence is in its document's catalog on its page (±1)."""
    texts = {document: [(c.page, letters(c.text)) for c in found] for document, found in catalogs.items()}
    detected = []
    for item in sample:
        wanted = letters(item.sentence)
        detected.append(
            any(
                abs(page - item.page) <= 1 and (wanted in text or (len(text) >= 20 and text in wanted))
                for page, text in texts.get(item.document, [])
            )
        )
    return detected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision und Recall der Zusagen-Erkennung auf einer Stichprobe")
    parser.add_argument("sample", nargs="?", type=Path, default=SAMPLE_FILE)
    parser.add_argument("--pipeline", action="store_true", help="im Katalog suchen, den der Ingest aus den PDFs baut")
    parser.add_argument("--corpus", type=Path, default=RELATED, help="Ordner mit den PDFs (für --pipeline)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        sample = load_sample(args.sample)
        if args.pipeline:
            detected = detect_in_catalog(sample, read_catalogs({item.document for item in sample}, args.corpus))
        else:
            detected = detect_sentences(sample)
    except SampleError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    result = score(sample, detected)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return 0
    mode = "Katalog aus den PDFs" if args.pipeline else "Sätze einzeln"
    print(f"{args.sample} ({mode}): {len(sample)} Sätze")
    print(f"  Precision {result.precision:.3f}  Recall {result.recall:.3f}")
    print(
        f"  richtig erkannt {result.true_positive}, fälschlich erkannt {result.false_positive}, "
        f"übersehen {result.false_negative}, richtig abgelehnt {result.true_negative}"
    )
    for item, _found in result.errors:
        label = "übersehen" if item.commitment else "fälschlich"
        print(f"  [{label}] {item.document} S. {item.page}: {item.sentence[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
