"""The cases, answer and typical-mistake code of notebook 04's exercise on folding a new user into the bias model.

`cases.EXERCISES` puts them together with their hints. Introduced in notebook 04.
"""

from __future__ import annotations

import numpy as np

from helpers.models.factorization import FactorModel
from helpers.models.fold_in import fold_in_user

__all__: list[str] = []


# --- 04: folding a new user into the bias model -------------------------------------------------


def _bias_fold_in_case(rng, n=None):
    n = int(rng.integers(1, 6)) if n is None else n
    return dict(
        ratings=rng.integers(1, 6, size=n).astype(float),
        item_bias=rng.normal(scale=0.5, size=n),
        mu=float(np.round(rng.uniform(3, 4), 2)),
        shrinkage=float(rng.choice([2.5, 7.0, 12.0])),  # never a count: each typical mistake shows as itself
    )


def _no_ratings_case(rng):
    """The edge case every run of the checker includes: a new user who has rated nothing yet."""
    return _bias_fold_in_case(rng, n=0)


def _fold_in_bias(ratings, item_bias, mu, shrinkage):
    n = ratings.size  # a bias-only model (k = 0) whose items are the ones rated, and one more nobody has
    model = FactorModel(
        global_mean=mu,
        user_bias=np.zeros(1),
        item_bias=np.append(item_bias, 0.0),
        user_factors=np.zeros((1, 0)),
        item_factors=np.zeros((n + 1, 0)),
        reg=0.0,
        reg_scaling="plain",
        n_iters=1,
        shrinkage=shrinkage,
    )
    return fold_in_user(model, np.arange(n), ratings).user_bias
