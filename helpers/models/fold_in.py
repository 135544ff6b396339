"""Fold-in: a new user's (or new film's) bias and factors fitted to a few ratings, the other side fixed (notebook 04).

A new film is a new user of the transposed rating matrix: `fold_in_item` is `fold_in_user` with
the roles of users and items swapped, the item half-step of ALS for one film.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Checked, Indices, Optional, RatingRange, Real, Vector, constrained
from helpers.core.validation import check_finite_result, check_new_ratings
from helpers.models.als_steps import _solve_ridge
from helpers.models.factorization import FactorModel, _check_model
from helpers.models.protocol import _clip

__all__ = ["FoldIn", "ItemFoldIn", "fold_in_item", "fold_in_user"]


@dataclass(frozen=True, eq=False)
class FoldIn:
    """A new user's fitted bias and factors, and the rating they predict for every item.

    Introduced in notebook 04.
    """

    user_bias: float
    user_factors: np.ndarray
    predictions: np.ndarray


@dataclass(frozen=True, eq=False)
class ItemFoldIn:
    """A new film's fitted bias and factors, and the rating they predict for every user.

    Introduced in notebook 04.
    """

    item_bias: float
    item_factors: np.ndarray
    predictions: np.ndarray


def _one_owner_step(
    model: FactorModel, others, ratings, other_bias, other_factors, reg, shrinkage, prior=None
) -> np.ndarray:
    """[bias, factors] of one new row rated by `others` (indices of the fixed side): the ALS half-step for one owner.

    The same products and solve as `_half_step` on a one-row matrix (a test checks the numbers are
    identical), without building that matrix or copying the whole fixed side: the notebooks fold in
    thousands of times. With a `prior` x0 the penalty is (x - x0)^T Lambda (x - x0): the same solve
    for x - x0, on the targets less what x0 predicts.
    """
    prior = np.zeros(model.k + 1) if prior is None else prior
    if not others.size:
        return prior.copy()  # nothing to solve: the prior (bias 0, factors 0 without one)
    order = np.argsort(others)  # the order _half_step's CSR rows would have
    rated = np.column_stack([np.ones(others.size), other_factors[others[order]]])  # [1, factors]
    targets = ratings[order] - model.global_mean - other_bias[others[order]] - rated @ prior
    lam = reg * others.size if model.reg_scaling == "weighted" else reg
    penalties = np.array([[shrinkage] + [lam] * model.k])
    step = _solve_ridge((rated.T @ rated)[None], (rated.T @ targets)[None], penalties, np.array([others.size]))[0]
    return prior + step


def _check_prior(prior, model: FactorModel) -> np.ndarray | None:
    if prior is not None and prior.size != model.k + 1:
        raise ValueError(
            f"prior must hold one bias and the model's {model.k} factors ({model.k + 1} numbers, "
            f"[bias, factors]), got {prior.size}"
        )
    return prior


@constrained(
    model=Checked(_check_model),
    items=Indices(),
    ratings=Vector(what="ratings", allow_empty=True, deferred=True),
    reg=Optional(Real(low=0.0)),
    shrinkage=Optional(Real(low=0.0)),
    rating_range=RatingRange(),
)
def fold_in_user(
    model: FactorModel, items, ratings, *, reg: float | None = None, shrinkage: float | None = None, rating_range=None
) -> FoldIn:
    """Fit a new user's bias and factors to a few (item, rating) pairs, item side held fixed.

    It is the user half-step of ALS for one user, so folding in a training user gives back about
    that user's fitted row. `reg` (on the factors, read in the model's scaling: lambda per rating
    for a weighted fit_als model) and `shrinkage` (the bias's pseudo-count) default to the
    model's own penalties. With no ratings it returns the baseline mu + b_i for every item. As
    `reg` grows the factors go to 0 but the bias does not: it tends to the bias-only fold-in (the
    solve with no factor columns, which notebook 04's exercise works out). Predictions are
    clipped to `rating_range` when given, which also bounds the ratings.

    Introduced in notebook 04.
    """
    items, ratings = check_new_ratings(items, ratings, model.n_items, rating_range=rating_range, unique=True)
    reg = model.reg if reg is None else reg
    shrinkage = model.shrinkage if shrinkage is None else shrinkage
    user_vector = _one_owner_step(model, items, ratings, model.item_bias, model.item_factors, reg, shrinkage)
    predictions = model.global_mean + model.item_bias + user_vector[0] + model.item_factors @ user_vector[1:]
    check_finite_result(predictions, "fold_in_user's predictions", "the ratings are too large; rescale them")
    return FoldIn(
        user_bias=float(user_vector[0]), user_factors=user_vector[1:], predictions=_clip(predictions, rating_range)
    )


@constrained(
    model=Checked(_check_model),
    users=Indices(),
    ratings=Vector(what="ratings", allow_empty=True, deferred=True),
    reg=Optional(Real(low=0.0)),
    shrinkage=Optional(Real(low=0.0)),
    rating_range=RatingRange(),
    prior=Optional(Vector(what="[bias, factors]")),
)
def fold_in_item(
    model: FactorModel,
    users,
    ratings,
    *,
    reg: float | None = None,
    shrinkage: float | None = None,
    rating_range=None,
    prior=None,
) -> ItemFoldIn:
    """Fit a new film's bias and factors to its first (user, rating) pairs, the user side held fixed.

    The mirror of `fold_in_user`: the item half-step of ALS for one film, so folding in a training
    film gives back about its fitted column. With rows [1, p_u] of the raters stacked in P_i and
    targets r_ui - mu - b_u, [b_i, q_i] = (P_i^T P_i + diag(beta, lambda_i, ..., lambda_i))^-1 P_i^T y,
    lambda_i = reg * n_i for a weighted model. `reg` and `shrinkage` default to the model's own.
    With no ratings it returns mu + b_u for every user (what the model can say about a film it has
    never seen). Predictions are clipped to `rating_range` when given, which also bounds the ratings.
    A `prior` x0 = [b_i, q_i] (e.g. a guess from the film's features) shrinks the fit towards x0
    instead of towards 0: the penalty becomes (x - x0)^T Lambda (x - x0), the solve
    (P_i^T P_i + Lambda) x = P_i^T y + Lambda x0, and with no ratings the film gets x0 itself.

    Introduced in notebook 04.
    """
    prior = _check_prior(prior, model)
    users, ratings = check_new_ratings(
        users, ratings, model.n_users, rating_range=rating_range, unique=True, name="users"
    )
    reg = model.reg if reg is None else reg
    shrinkage = model.shrinkage if shrinkage is None else shrinkage
    item_vector = _one_owner_step(model, users, ratings, model.user_bias, model.user_factors, reg, shrinkage, prior)
    predictions = model.global_mean + model.user_bias + item_vector[0] + model.user_factors @ item_vector[1:]
    check_finite_result(predictions, "fold_in_item's predictions", "the ratings are too large; rescale them")
    return ItemFoldIn(
        item_bias=float(item_vector[0]), item_factors=item_vector[1:], predictions=_clip(predictions, rating_range)
    )
