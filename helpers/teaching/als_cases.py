"""The cases, answers and typical-mistake code of the exercises on ALS (notebook 03) and fold-in (04).

`cases.EXERCISES` puts them together with their hints. Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np

from helpers.models.als_steps import als_step
from helpers.models.factorization import FactorModel
from helpers.models.fold_in import fold_in_user

__all__: list[str] = []


# --- 03: ALS's item step -------------------------------------------------------------------------


def _item_step_case(rng):
    n, k = int(rng.integers(2, 9)), int(rng.integers(1, 4))
    return dict(
        ratings=rng.integers(1, 6, size=n).astype(float),
        user_bias=rng.normal(scale=0.3, size=n),
        user_factors=rng.normal(scale=0.5, size=(n, k)),
        mu=3.5,
        lam=float(rng.choice([0.05, 0.1, 0.5])),
        beta=float(rng.choice([1.0, 5.0, 10.0])),
    )


def _als_item_step(ratings, user_bias, user_factors, mu, lam, beta):
    return als_step(ratings, user_bias, user_factors, global_mean=mu, reg=lam, shrinkage=beta)


def _penalties(beta, lam, k):
    """The diagonal of the penalty: beta on the bias, lam on each of the k factors."""
    return np.array([beta] + [lam] * k)


def _ridge(Y, t, penalties):
    return np.linalg.solve(Y.T @ Y + np.diag(np.broadcast_to(penalties, Y.shape[1])), Y.T @ t)


def _transposed_step(Y, t, penalties):
    """Y Y^T where Y^T Y belongs: the shapes clash unless there are exactly k + 1 ratings."""
    return _split(np.linalg.solve(Y @ Y.T + np.diag(np.broadcast_to(penalties, Y.shape[1])), Y.T @ t))


def _split(x):
    return float(x[0]), x[1:]


def _design(user_factors):
    return np.column_stack([np.ones(len(user_factors)), user_factors])


# --- 04: folding a new user into the bias model -------------------------------------------------


def _bias_fold_in_case(rng):
    n = int(rng.integers(1, 6))
    return dict(
        ratings=rng.integers(1, 6, size=n).astype(float),
        item_bias=rng.normal(scale=0.5, size=n),
        mu=float(np.round(rng.uniform(3, 4), 2)),
        shrinkage=float(rng.choice([1.0, 5.0, 10.0])),
    )


def _fold_in_bias(ratings, item_bias, mu, shrinkage):
    n = ratings.size  # a bias-only model (k = 0) whose items are exactly the ones rated
    model = FactorModel(
        global_mean=mu,
        user_bias=np.zeros(1),
        item_bias=item_bias,
        user_factors=np.zeros((1, 0)),
        item_factors=np.zeros((n, 0)),
        reg=0.0,
        reg_scaling="plain",
        n_iters=1,
        shrinkage=shrinkage,
    )
    return fold_in_user(model, np.arange(n), ratings).user_bias
