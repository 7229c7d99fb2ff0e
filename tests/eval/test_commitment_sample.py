"""Precision and recall of the commitment detector on the labelled sample (eval/commitments-sample.yaml,
2013 and 2021 agreements, labelled by another author, not written to build the rules) and on the
development set (eval/commitments-dev.yaml, 2005 and 2009, used while writing them).

Issue 11 targets 0.9 for both on the sample. Measured (2026-12-06): precision 0.920, recall 0.885 on the
sentences, 0.922 / 0.904 from the catalog the ingest builds. Earlier: 0.918 / 0.865 (catalog 0.920 / 0.885)
before a grant of a power, task or right ("Die BaFin erhält die Möglichkeit, …") counted (3 sentences
added in the four agreements, all commitments); 0.915 / 0.827 (catalog 0.917 / 0.846) before "Bund und
Länder" joined the acting subjects and a second acting verb after "und" counted ("Wir bekennen uns zu …
und setzen uns für … ein"; both rules checked on every sentence they add or drop in the four agreements:
20 added, all commitments, one necessity dropped). All three were found by reading the sample's misses,
so the sample is a development set for them as well; 0.872 / 0.788 before the rule for
the future of any subject ("Eine Arbeitsgruppe wird … ausarbeiten", found on the development set), 0.878 /
0.827 before the verbs of view "begreifen"/"betrachten" joined the table (chosen from every present-tense
use of them in the four agreements, but after the sample's misses had been read: the sample is no longer
blind). The floors below hold those figures so that a change that loses ground fails here; the misses
are sentences whose commitment lies in their context (a present-tense rule spelling out a measure
announced before, "Dies gilt auch für …"). Raising the figures means new rules measured on a fresh sample.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.commitment_sample import (
    DEV_FILE,
    SAMPLE_FILE,
    SampleError,
    detect_in_catalog,
    detect_sentences,
    load_sample,
    main,
    score,
)


def test_sample_precision_and_recall_do_not_fall():
    sample = load_sample(SAMPLE_FILE)
    assert len(sample) >= 80 and {s.document for s in sample} == {
        "koalitionsvertrag-bund-2013",
        "koalitionsvertrag-bund-2021",
    }
    result = score(sample, detect_sentences(sample))
    assert result.precision >= 0.91, result.to_dict()
    assert result.recall >= 0.88, result.to_dict()


def test_development_set_scores():
    sample = load_sample(DEV_FILE)
    result = score(sample, detect_sentences(sample))
    assert result.precision >= 0.95 and result.recall >= 0.94, result.to_dict()


def test_score_counts():
    sample = load_sample(DEV_FILE)[:4]
    assert [s.commitment for s in sample] == [True, True, False, True]
    result = score(sample, [True, False, True, True])
    assert (result.true_positive, result.false_positive, result.false_negative, result.true_negative) == (2, 1, 1, 0)
    assert result.precision == pytest.approx(2 / 3) and result.recall == pytest.approx(2 / 3)
    assert [item.commitment for item, _ in result.errors] == [True, False]


def test_bad_sample_files_are_refused_in_german(tmp_path: Path, capsys):
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("- document: x\n  page: eins\n  sentence: Satz.\n  commitment: ja\n", encoding="utf-8")
    with pytest.raises(SampleError, match="muss true/false"):
        load_sample(broken)
    assert main([str(tmp_path / "fehlt.yaml")]) == 2
    assert "nicht gefunden" in capsys.readouterr().err


@pytest.mark.related
def test_sample_against_the_catalog_the_ingest_builds(related_documents):
    sample = load_sample(SAMPLE_FILE)
    catalogs = {doc_id: list(doc.commitments) for doc_id, doc in related_documents.items()}
    result = score(sample, detect_in_catalog(sample, catalogs))
    assert result.precision >= 0.91 and result.recall >= 0.9, result.to_dict()
