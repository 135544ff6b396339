"""One interface for every model the course fits: predict pairs, score whole rows, fold in a new user.

Each model family keeps the free functions the notebooks teach (`predict_als(model, users,
items)`, `weighted_scores(model)`, `ease_scores(model, ratings)`, ...); its result object also
implements this protocol by calling them, so code that compares models (evaluation, views, the
benchmark, the contract tests in tests/models/test_contract.py) treats them all alike:

- `n_users`, `n_items`: the shape of the rating matrix the model was fitted to;
- `predict(users, items, *, rating_range=None)`: one number per (users[j], items[j]) pair,
  clipped to `rating_range` when given;
- `scores(users=None)`: a len(users) x n_items array (every user when None);
- `fold_in(items, ratings)`: one number per item for a new user who rated `items` (no ratings:
  what the model says about a user it knows nothing of);
- `settings`: the settings it was fitted with, a dict for display.

For a rating model the numbers are predicted ratings; for a ranking model they are scores whose
order is what matters.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from helpers.core.validation import check_indices, check_new_ratings, check_rating_range, check_same_length

__all__ = ["Recommender"]


@runtime_checkable
class Recommender(Protocol):
    """What every fitted model offers (see the module's docstring).

    Introduced in notebook 03.
    """

    @property
    def n_users(self) -> int: ...

    @property
    def n_items(self) -> int: ...

    @property
    def settings(self) -> dict: ...

    def predict(self, users, items, *, rating_range=None) -> np.ndarray: ...

    def scores(self, users=None) -> np.ndarray: ...

    def fold_in(self, items, ratings) -> np.ndarray: ...


def _pairs(users, items, n_users: int, n_items: int) -> tuple[np.ndarray, np.ndarray]:
    """(users, items) as index arrays of the same length, within the model's shape."""
    users = check_indices(users, "users", n_users)
    items = check_indices(items, "items", n_items)
    check_same_length("users", users, "items", items)
    return users, items


def _rows(users, n_users: int) -> np.ndarray:
    """The users whose rows `scores` returns: every user when None."""
    return np.arange(n_users) if users is None else check_indices(users, "users", n_users)


def _clip(values: np.ndarray, rating_range) -> np.ndarray:
    """`values` clipped to `rating_range` (unchanged when it is None)."""
    rating_range = check_rating_range(rating_range)
    return values if rating_range is None else np.clip(values, *rating_range)


def _new_user(items, ratings, n_items: int) -> tuple[np.ndarray, np.ndarray]:
    """A new user's (items, ratings) checked: distinct known items, one finite rating each, none of them 0."""
    return check_new_ratings(items, ratings, n_items, unique=True)
