"""Fold-in: a new user's bias and factors fitted to a few ratings, the items held fixed (notebook 04)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from helpers.core.constraints import Checked, Indices, Optional, RatingRange, Real, Vector, constrained
from helpers.core.validation import check_finite_result, check_new_ratings
from helpers.models.als_steps import _half_step
from helpers.models.factorization import FactorModel, _check_model
from helpers.models.protocol import _clip

__all__ = ["FoldIn", "fold_in_user"]


@dataclass(frozen=True, eq=False)
class FoldIn:
    """A new user's fitted bias and factors, and the rating they predict for every item.

    Introduced in notebook 04.
    """

    user_bias: float
    user_factors: np.ndarray
    predictions: np.ndarray


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
    `reg` grows the factors go to 0 but the bias does not: it tends to the bias-only fold-in
    sum(r - mu - b_i) / (n + shrinkage). Predictions are clipped to `rating_range` when given,
    which also bounds the ratings.

    Introduced in notebook 04.
    """
    items, ratings = check_new_ratings(items, ratings, model.n_items, rating_range=rating_range, unique=True)
    reg = model.reg if reg is None else reg
    shrinkage = model.shrinkage if shrinkage is None else shrinkage
    user_vector = np.zeros(model.k + 1)
    if items.size:
        order = np.argsort(items)  # CSR wants sorted column indices
        one_user = sp.csr_array((ratings[order], items[order], [0, items.size]), shape=(1, model.n_items))
        item_vectors = np.column_stack([model.item_bias, model.item_factors])
        user_vector = _half_step(one_user, item_vectors, model.global_mean, reg, model.reg_scaling, shrinkage)[0]
    predictions = model.global_mean + model.item_bias + user_vector[0] + model.item_factors @ user_vector[1:]
    check_finite_result(predictions, "fold_in_user's predictions", "the ratings are too large; rescale them")
    return FoldIn(
        user_bias=float(user_vector[0]), user_factors=user_vector[1:], predictions=_clip(predictions, rating_range)
    )
