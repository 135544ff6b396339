"""Popularity baselines for a user with no ratings: how often each item is rated, and damped mean ratings."""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Mask, Ratings, Real, constrained
from helpers.core.validation import check_ratings

__all__ = ["damped_item_means", "item_popularity"]


@constrained(ratings=Ratings(), mask=Mask())
def item_popularity(ratings, mask=None) -> np.ndarray:
    """How many observed ratings each item has (an integer per column).

    Introduced in notebook 04.
    """
    by_item = check_ratings(ratings, mask).tocsc()
    return np.diff(by_item.indptr)


@constrained(ratings=Ratings(), mask=Mask(), damping=Real(low=0.0))
def damped_item_means(ratings, mask=None, *, damping: float) -> np.ndarray:
    """Each item's mean rating pulled towards the global mean: (sum + damping * mu) / (count + damping).

    `damping` acts as that many extra ratings at the global mean mu, so an item with a single
    5-star rating does not top the list. Items without ratings get mu.

    Introduced in notebook 04.
    """
    by_user = check_ratings(ratings, mask)
    n_items = by_user.shape[1]
    counts = np.bincount(by_user.indices, minlength=n_items)
    sums = np.bincount(by_user.indices, weights=by_user.data, minlength=n_items)
    mu = by_user.data.mean()
    means = np.full(n_items, mu)  # what an item with no ratings and damping = 0 gets
    np.divide(sums + damping * mu, counts + damping, out=means, where=counts + damping > 0)
    return means
