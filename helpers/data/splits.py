"""Hide some known ratings: split the observed cells of a rating matrix into train and held-out sets."""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Fraction, Mask, Seed, constrained
from helpers.core.validation import as_generator

__all__ = ["split_observed"]


@constrained(mask=Mask(any_shape=True), test_fraction=Fraction(), seed=Seed())
def split_observed(mask, test_fraction: float, seed=0) -> tuple[np.ndarray, np.ndarray]:
    """Split the True cells of `mask` at random into (train_mask, test_mask), disjoint, union = mask.

    About `test_fraction` of the observed cells are held out, except that every user (row)
    keeps at least one training rating: if all of a row's ratings were drawn for the test
    set, one of them, chosen at random, goes back to train (so a row with a single rating
    always keeps it in train). A row with no ratings stays empty in both masks. Items
    (columns) get no such guarantee: an item may end up with test ratings only. `seed` is an
    int or a numpy.random.Generator. To cut a validation set and a test set the same way, split
    twice: `split_observed(held_out, 0.5, seed=...)` cuts the held-out cells of a first split in
    two at random (notebook 03 does this).

    Introduced in notebook 03.
    """
    rng = as_generator(seed)

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
