"""Fusion of meaning and word scores, mode by mode."""

import numpy as np
import pytest

from assistant.fusion import fuse, max_scaled, spread


def test_spread_maps_best_to_one_and_median_to_zero():
    values = np.array([0.80, 0.82, 0.84, 0.90], dtype=np.float32)
    scaled = spread(values)
    assert scaled.max() == pytest.approx(1.0)
    assert np.median(scaled) == pytest.approx(0.0, abs=1e-6)


def test_spread_of_equal_values_is_zero_and_floor_can_be_given():
    assert not spread(np.array([0.5, 0.5])).any()
    assert spread(np.array([0.6, 0.8]), floor=0.4).tolist() == pytest.approx([0.5, 1.0])


def test_max_scaled_keeps_all_zeros():
    assert not max_scaled(np.zeros(3)).any()
    assert max_scaled(np.array([1.0, 4.0])).tolist() == [0.25, 1.0]


def test_modes():
    dense = np.array([0.9, 0.8, 0.7], dtype=np.float32)
    lexical = np.array([0.0, 2.0, 8.0], dtype=np.float32)
    assert np.argmax(fuse(dense, lexical, "dense", 0.75)) == 0
    assert np.argmax(fuse(dense, lexical, "bm25", 0.75)) == 2
    hybrid = fuse(dense, lexical, "hybrid", 0.5)
    assert hybrid.tolist() == pytest.approx((0.5 * spread(dense) + 0.5 * max_scaled(lexical)).tolist())
