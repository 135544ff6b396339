"""Hide some known ratings: split the observed cells of a rating matrix into train and held-out sets."""

from __future__ import annotations

import numpy as np

from .validation import check_float, check_mask, check_seed

__all__ = ["split_observed"]


def _check_fraction(value, name: str) -> float:
    """Return `value` as a float strictly between 0 and 1, or raise."""
    value = check_float(value, name)
    if not 0.0 < value < 1.0:
        raise ValueError(f"{name} must be strictly between 0 and 1 (e.g. 0.2 holds out 20%), got {value}")
    return value


def _check_2d_mask(mask) -> np.ndarray:
    """Return `mask` as a 2-D boolean array, or raise."""
    shape = np.shape(mask)
    if len(shape) != 2:
        raise ValueError(f"mask must be a 2-D boolean array (users x items), got shape {shape}")
    return check_mask(mask, shape)


def split_observed(mask, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Split the True cells of `mask` at random into (train_mask, test_mask), disjoint, union = mask.

    About `test_fraction` of the observed cells are held out, except that every user (row)
    keeps at least one training rating: if all of a row's ratings were drawn for the test
    set, one of them, chosen at random, goes back to train (so a row with a single rating
    always keeps it in train). A row with no ratings stays empty in both masks. Items
    (columns) get no such guarantee: an item may end up with test ratings only.
    """
    mask = _check_2d_mask(mask)
    test_fraction = _check_fraction(test_fraction, "test_fraction")
    rng = np.random.default_rng(check_seed(seed))

    rows, cols = np.nonzero(mask)
    order = rng.permutation(rows.size)
    n_test = int(round(test_fraction * rows.size))
    drawn = order[:n_test]

    test_mask = np.zeros_like(mask)
    test_mask[rows[drawn], cols[drawn]] = True
    train_mask = mask & ~test_mask

    # Rows left without training ratings: return the first of their drawn cells (a random one).
    stranded = ~train_mask.any(axis=1) & mask.any(axis=1)
    drawn_in_stranded = drawn[stranded[rows[drawn]]]
    _, first = np.unique(rows[drawn_in_stranded], return_index=True)
    returned = drawn_in_stranded[first]
    test_mask[rows[returned], cols[returned]] = False
    train_mask[rows[returned], cols[returned]] = True
    return train_mask, test_mask
