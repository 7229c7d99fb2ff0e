"""CharSplit on memory-mapped tables splits every word exactly as compound_split's own module."""

from __future__ import annotations

import re

import numpy as np

from domain.compounds import _Table, split_compound


def test_splits_equal_charsplit_on_the_leitbild_vocabulary(leitbild):
    from compound_split import char_split  # 3-6 s to import: what domain/compounds.py avoids

    words = {w for p in leitbild.passages for w in re.findall(r"[A-Za-zÄÖÜäöüß-]{4,}", p.text)}
    assert len(words) > 1000
    words |= {"Handwerksbetrieb", "Wasserstoffwirtschaft", "Arbeitslosenquote", "Start-up", "abc", "Übermaß"}
    differing = [w for w in sorted(words) if split_compound(w) != char_split.split_compound(w)]
    assert not differing, differing[:5]


def test_a_key_longer_than_the_table_width_is_never_found():
    keys = np.array([b"pabc", b"pabcd"], dtype="S5")
    table = _Table(keys, np.array([0.5, 0.25]))
    assert table.get_many([(b"p", "abc", -1), (b"p", "abcd", -1), (b"p", "abcdef", -1), (b"p", "x", -1)]) == [
        0.5,
        0.25,
        -1,
        -1,
    ]
