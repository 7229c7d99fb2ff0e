"""Printed page numbers: a steady offset from the PDF page index, or nothing."""

from __future__ import annotations

from ingest.printed_pages import resolve, roman_value


def test_steady_offset_is_the_printed_number():
    # 2021's layout: the cover prints nothing, then PDF page n prints n - 1.
    candidates = [[], *[[str(n)] for n in range(1, 10)]]
    assert resolve(candidates) == [None, *[str(n) for n in range(1, 10)]]


def test_a_number_that_fits_no_offset_is_not_a_page_number():
    candidates = [[str(index + 1)] for index in range(9)]
    candidates[4] = ["2030"]  # a year at the foot of a chart
    printed = resolve(candidates)
    assert printed[4] is None
    assert printed[3] == "4" and printed[5] == "6"


def test_an_annex_that_counts_anew_keeps_its_own_offset():
    main = [[str(n)] for n in range(1, 11)]
    annex = [[str(n)] for n in range(1, 5)]
    assert resolve(main + annex) == [*(str(n) for n in range(1, 11)), *(str(n) for n in range(1, 5))]


def test_roman_front_matter_and_arabic_body():
    candidates = [["I"], ["II"], ["III"], ["1"], ["2"], ["3"], ["4"]]
    assert resolve(candidates) == ["I", "II", "III", "1", "2", "3", "4"]
    assert roman_value("XIV") == 14 and roman_value("iv") == 4 and roman_value("Inhalt") is None


def test_too_few_numbers_establish_nothing():
    assert resolve([["7"], [], ["9"], [], []]) == [None] * 5


def test_page_labels_only_break_a_tie():
    candidates = [[str(n), str(n + 1)] for n in range(1, 8)]  # two steady readings on every page
    labels = [str(n + 1) for n in range(1, 8)]
    assert resolve(candidates, labels) == labels
    # Labels alone print nothing: a page without a number on it has none.
    assert resolve([[] for _ in range(5)], [str(n) for n in range(1, 6)]) == [None] * 5
