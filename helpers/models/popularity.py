"""Popularity baselines for a user with no ratings: how often each item is rated, and damped mean ratings."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Mask, Optional, Ratings, Real, constrained
from helpers.core.validation import check_ratings
from helpers.models.protocol import _clip, _new_user, _pairs, _rows

__all__ = ["PopularityModel", "damped_item_means", "fit_popularity", "item_popularity"]


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


@dataclass(frozen=True, eq=False)
class PopularityModel:
    """One score per item, the same for every user (`fit_popularity`): a popularity baseline as a Recommender.

    Introduced in notebook 04.
    """

    item_scores: np.ndarray
    n_users: int
    damping: float | None

    @property
    def n_items(self) -> int:
        return self.item_scores.size

    @property
    def settings(self) -> dict:
        return dict(damping=self.damping)

    def predict(self, users, items, *, rating_range=None) -> np.ndarray:
        """The items' scores at the pairs (users[j], items[j]); the user does not matter."""
        _, items = _pairs(users, items, self.n_users, self.n_items)
        return _clip(self.item_scores[items], rating_range)

    def scores(self, users=None) -> np.ndarray:
        """The item scores repeated for each of `users` (every user when None)."""
        return np.tile(self.item_scores, (_rows(users, self.n_users).size, 1))

    def fold_in(self, items, ratings) -> np.ndarray:
        """The item scores: what a new user rated does not change a popularity list."""
        _new_user(items, ratings, self.n_items)
        return self.item_scores.copy()


@constrained(ratings=Ratings(), mask=Mask(), damping=Optional(Real(low=0.0)))
def fit_popularity(ratings, mask=None, *, damping: float | None = None) -> PopularityModel:
    """A popularity baseline: items scored by their number of ratings (`damping=None`), or by
    their damped mean rating (`damped_item_means` with that `damping`).

    Introduced in notebook 04.
    """
    by_user = check_ratings(ratings, mask)
    scores = item_popularity(by_user).astype(float) if damping is None else damped_item_means(by_user, damping=damping)
    return PopularityModel(item_scores=scores, n_users=by_user.shape[0], damping=damping)
