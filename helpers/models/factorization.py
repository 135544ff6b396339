"""Biased matrix factorisation fitted on the observed ratings only (ALS), and its bias-only baseline.

Every fitting function takes the ratings in one of two forms:

- a dense array plus a boolean `mask` (True = observed; other cells are ignored, NaN allowed), or
- a SciPy sparse matrix whose stored entries are the observed ratings (`mask=None`).

A rating is never 0 (0 means "not rated" in this course): a stored 0 is refused, not read as a
0-star rating (`helpers.core.validation.check_ratings`).

A model predicts r_ui = mu + b_u + b_i + p_u . q_i: the global mean, a user bias, an item bias
and the dot product of the user's and the item's k latent factors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from helpers.core.constraints import (
    Checked,
    Choice,
    Indices,
    Integer,
    Mask,
    RatingRange,
    Ratings,
    Real,
    Seed,
    constrained,
)
from helpers.core.validation import (
    MAX_SWEEPS,
    as_generator,
    check_array,
    check_choice,
    check_finite_result,
    check_float,
    check_held_out,
    check_indices,
    check_int,
    check_ratings,
    check_same_length,
    describe,
)
from helpers.models.als_steps import REG_SCALINGS, _half_step
from helpers.models.protocol import _clip, _rows

__all__ = [
    "FactorModel",
    "fit_als",
    "fit_baseline",
    "predict_als",
    "predict_als_matrix",
]


@dataclass(frozen=True, eq=False)
class FactorModel:
    """A fitted model: r_ui = global_mean + user_bias[u] + item_bias[i] + user_factors[u] @ item_factors[i].

    `reg` (lambda, on the factors), `reg_scaling`, `shrinkage` (beta, on the biases), `n_iters`
    (sweeps, or fit_sgd's epochs), `seed` and `learning_rate` (fit_sgd's; None otherwise) record
    how it was fitted; `history` holds the per-iteration "train_rmse" (and
    "eval_rmse" when a held-out set was given).

    Introduced in notebook 03.
    """

    global_mean: float
    user_bias: np.ndarray
    item_bias: np.ndarray
    user_factors: np.ndarray
    item_factors: np.ndarray
    reg: float
    reg_scaling: str
    n_iters: int
    seed: int | None = None
    history: dict = field(default_factory=dict)
    shrinkage: float = 0.0
    learning_rate: float | None = None  # fit_sgd's step size; None for ALS and the baseline

    def __post_init__(self):
        """A model built by hand (e.g. in an exercise) is checked as one from fit_als would be."""
        check = object.__setattr__  # frozen: store the checked, converted values
        check(self, "global_mean", check_float(self.global_mean, "global_mean"))
        check(self, "user_factors", check_array(self.user_factors, "user_factors", ndim=2, allow_empty=True))
        check(self, "item_factors", check_array(self.item_factors, "item_factors", ndim=2, allow_empty=True))
        if self.user_factors.shape[1] != self.item_factors.shape[1]:
            raise ValueError(
                f"user_factors and item_factors must have the same number of factors (columns), got "
                f"{self.user_factors.shape[1]} and {self.item_factors.shape[1]}"
            )
        for bias, factors in (("user_bias", "user_factors"), ("item_bias", "item_factors")):
            values = check_array(getattr(self, bias), bias, ndim=1, allow_empty=True)
            if values.size != getattr(self, factors).shape[0]:
                raise ValueError(
                    f"{bias} must have one entry per row of {factors} ({getattr(self, factors).shape[0]}), "
                    f"got {values.size}"
                )
            check(self, bias, values)
        check(self, "reg", check_float(self.reg, "reg", low=0.0))
        check(self, "reg_scaling", check_choice(self.reg_scaling, "reg_scaling", REG_SCALINGS))
        check(self, "shrinkage", check_float(self.shrinkage, "shrinkage", low=0.0))
        check(self, "n_iters", check_int(self.n_iters, "n_iters", low=0))
        if self.learning_rate is not None:
            check(self, "learning_rate", check_float(self.learning_rate, "learning_rate", low=0.0))

    @property
    def k(self) -> int:
        """Number of latent factors (0 for a bias-only baseline)."""
        return self.user_factors.shape[1]

    @property
    def n_users(self) -> int:
        """Number of users (rows of the rating matrix)."""
        return self.user_factors.shape[0]

    @property
    def n_items(self) -> int:
        """Number of items (columns of the rating matrix)."""
        return self.item_factors.shape[0]

    # The Recommender protocol (helpers.models.protocol), by the functions notebook 03 teaches.

    @property
    def settings(self) -> dict:
        """How the model was fitted: k, reg, reg_scaling, shrinkage, n_iters, seed (and fit_sgd's learning_rate)."""
        settings = dict(
            k=self.k,
            reg=self.reg,
            reg_scaling=self.reg_scaling,
            shrinkage=self.shrinkage,
            n_iters=self.n_iters,
            seed=self.seed,
        )
        return settings if self.learning_rate is None else settings | {"learning_rate": self.learning_rate}

    def predict(self, users, items, *, rating_range=None) -> np.ndarray:
        """Predicted ratings for the pairs (users[j], items[j]): `predict_als(self, users, items)`."""
        return predict_als(self, users, items, rating_range=rating_range)

    def scores(self, users=None) -> np.ndarray:
        """Predicted ratings of every item for `users` (every user when None), one row each."""
        users = _rows(users, self.n_users)
        biases = self.global_mean + self.user_bias[users, None] + self.item_bias[None, :]
        return biases + self.user_factors[users] @ self.item_factors.T

    def fold_in(self, items, ratings) -> np.ndarray:
        """A new user's predicted rating of every item, from their `ratings` of `items` (`fold_in_user`)."""
        from helpers.models.fold_in import fold_in_user  # fold_in builds on this module

        return fold_in_user(self, items, ratings).predictions


def _observed_ratings(ratings, mask=None, rating_range=None, *, name="ratings", mask_name="mask"):
    """The observed ratings as (CSR: one row per user, CSC: one column per item), both new copies."""
    by_user = check_ratings(ratings, mask, name=name, mask_name=mask_name, rating_range=rating_range)
    return by_user, by_user.tocsc()


def _check_model(model) -> FactorModel:
    """Return `model` if it is a FactorModel, or raise."""
    if not isinstance(model, FactorModel):
        raise TypeError(f"model must be a FactorModel from fit_als or fit_baseline, got {describe(model)}")
    return model


# ---------------------------------------------------------------------------------------------
# Alternating least squares (the half-steps are in als_steps.py)
# ---------------------------------------------------------------------------------------------


def _predict_entries(mu, user_vectors, item_vectors, users, items) -> np.ndarray:
    """Predictions for (user, item) pairs from [bias, factors] rows of users and items."""
    user_rows, item_rows = user_vectors[users], item_vectors[items]
    dots = np.einsum("ij,ij->i", user_rows[:, 1:], item_rows[:, 1:])
    return mu + user_rows[:, 0] + item_rows[:, 0] + dots


def _rmse_on(observed, mu, user_vectors, item_vectors) -> float:
    """RMSE of the model on the stored entries of a CSR matrix of ratings."""
    users = np.repeat(np.arange(observed.shape[0]), np.diff(observed.indptr))
    errors = _predict_entries(mu, user_vectors, item_vectors, users, observed.indices) - observed.data
    return float(np.sqrt(np.mean(errors**2)))


@np.errstate(over="ignore", invalid="ignore")  # an overflow is reported once, by _to_model
def _alternate(by_user, by_item, item_vectors, *, reg, reg_scaling, shrinkage, n_iters, held_out):
    """Run `n_iters` rounds of (users given items, items given users); return vectors and history."""
    mu = float(by_user.data.mean())
    user_vectors = np.zeros((by_user.shape[0], item_vectors.shape[1]))
    history = {"train_rmse": []} if held_out is None else {"train_rmse": [], "eval_rmse": []}
    for _ in range(n_iters):
        user_vectors = _half_step(by_user, item_vectors, mu, reg, reg_scaling, shrinkage)
        item_vectors = _half_step(by_item, user_vectors, mu, reg, reg_scaling, shrinkage)
        history["train_rmse"].append(_rmse_on(by_user, mu, user_vectors, item_vectors))
        if held_out is not None:
            history["eval_rmse"].append(_rmse_on(held_out, mu, user_vectors, item_vectors))
    return mu, user_vectors, item_vectors, history


def _held_out_set(eval_ratings, eval_mask, train):
    """The held-out ratings as CSR: the training shape, no (user, item) pair in common; None when not given."""
    if eval_ratings is None:
        if eval_mask is not None:
            raise ValueError("eval_mask was given without eval_ratings; pass both (or neither)")
        return None
    held_out = check_ratings(eval_ratings, eval_mask, name="eval_ratings", mask_name="eval_mask")
    if held_out.shape != train.shape:
        raise ValueError(f"eval_ratings must have the training shape {train.shape}, got {held_out.shape}")
    check_held_out(
        held_out,
        train,
        "eval_ratings",
        "the training ratings, so its error would not be a held-out error; evaluate on ratings the model "
        "is not fitted to (e.g. from split_observed)",
    )
    return held_out


def _to_model(name: str, mu, user_vectors, item_vectors, **settings) -> FactorModel:
    """Split the [bias, factors] rows into a FactorModel; a ValueError saying what overflowed if any is not finite."""
    check_finite_result(
        np.concatenate([[mu], user_vectors.ravel(), item_vectors.ravel()]),
        f"{name}'s fitted biases and factors",
        "the ratings or init_scale are too large to square in floating point: rescale the ratings "
        "(e.g. to 1..5) or pass a smaller init_scale",
    )
    return FactorModel(
        global_mean=mu,
        user_bias=np.ascontiguousarray(user_vectors[:, 0]),
        item_bias=np.ascontiguousarray(item_vectors[:, 0]),
        user_factors=np.ascontiguousarray(user_vectors[:, 1:]),
        item_factors=np.ascontiguousarray(item_vectors[:, 1:]),
        **settings,
    )


@constrained(
    ratings=Ratings(),
    mask=Mask(),
    shrinkage=Real(low=0.0),
    n_iters=Integer(low=1, high=MAX_SWEEPS),
    rating_range=RatingRange(),
)
def fit_baseline(
    ratings,
    mask=None,
    *,
    shrinkage: float = 5.0,
    n_iters: int = 10,
    rating_range=None,
    eval_ratings=None,
    eval_mask=None,
) -> FactorModel:
    """Fit r_ui = mu + b_u + b_i: the global mean plus shrunken user and item biases.

    Each pass sets b_u = sum_i (r_ui - mu - b_i) / (n_u + shrinkage), then the same for items:
    `shrinkage` acts like that many extra ratings with no deviation from the mean, so a user with
    2 ratings gets a small bias and one with 200 nearly their raw mean deviation. This is ALS with
    no factors (k = 0); fit_als shrinks its biases the same way. Users or items without ratings
    get bias 0.

    Introduced in notebook 03.
    """
    by_user, by_item = _observed_ratings(ratings, mask, rating_range)
    held_out = _held_out_set(eval_ratings, eval_mask, by_user)
    no_factors = np.zeros((by_user.shape[1], 1))  # [b_i] only
    mu, user_vectors, item_vectors, history = _alternate(
        by_user,
        by_item,
        no_factors,
        reg=0.0,
        reg_scaling="plain",
        shrinkage=shrinkage,
        n_iters=n_iters,
        held_out=held_out,
    )
    return _to_model(
        "fit_baseline",
        mu,
        user_vectors,
        item_vectors,
        reg=0.0,
        reg_scaling="plain",
        shrinkage=shrinkage,
        n_iters=n_iters,
        history=history,
    )


@constrained(
    ratings=Ratings(),
    mask=Mask(),
    k=Integer(low=1, deferred=True),
    reg=Real(low=0.0),
    shrinkage=Real(low=0.0),
    n_iters=Integer(low=1, high=MAX_SWEEPS),
    seed=Seed(),
    init_scale=Real(low=0.0),
    reg_scaling=Choice(REG_SCALINGS),
    rating_range=RatingRange(),
)
def fit_als(
    ratings,
    mask=None,
    *,
    k: int,
    reg: float,
    n_iters: int,
    shrinkage: float = 5.0,
    seed=0,
    init_scale: float = 0.1,
    reg_scaling: str = "weighted",
    rating_range=None,
    eval_ratings=None,
    eval_mask=None,
) -> FactorModel:
    """Fit r_ui = mu + b_u + b_i + p_u . q_i to the observed ratings by alternating least squares.

    Item factors start as seeded N(0, init_scale^2) noise, biases at 0 (init_scale=0 never
    leaves the bias-only model). Each iteration fits every user's x_u = [b_u, p_u] by ridge
    regression of r_ui - mu - b_i on [1, q_i], then every item's [b_i, q_i] likewise. The
    penalty on the factors |p_u|^2 is reg * n_u (n_u = the user's number of ratings) with
    reg_scaling="weighted", the weighted-lambda of Zhou et al. (2008), or reg with "plain";
    the bias b_u gets the plain pseudo-count `shrinkage` (beta), as in fit_baseline, so a user
    or film with few ratings keeps little of its mean deviation (a count-weighted penalty on the
    bias would shrink every bias by the same 1/(1 + reg) whatever its count). Weighted is the
    default for the factors: the penalty grows with the sum of squared errors it balances, and
    Zhou et al. found it does not over-fit as k grows.
    Users or items without ratings get zero bias and factors. history["train_rmse"] (and
    history["eval_rmse"] for eval_ratings/eval_mask, given like ratings/mask and sharing no
    rating with them) hold the RMSE after each iteration. `seed` is an int or a Generator.

    Introduced in notebook 03.
    """
    by_user, by_item = _observed_ratings(ratings, mask, rating_range)
    k = check_int(k, "k", low=1, high=min(by_user.shape))
    rng = as_generator(seed)
    held_out = _held_out_set(eval_ratings, eval_mask, by_user)

    item_vectors = np.zeros((by_user.shape[1], k + 1))  # columns: [b_i, q_i]
    item_vectors[:, 1:] = rng.normal(scale=init_scale, size=(by_user.shape[1], k))
    item_vectors[np.diff(by_item.indptr) == 0] = 0.0  # unrated items stay at zero throughout
    mu, user_vectors, item_vectors, history = _alternate(
        by_user,
        by_item,
        item_vectors,
        reg=reg,
        reg_scaling=reg_scaling,
        shrinkage=shrinkage,
        n_iters=n_iters,
        held_out=held_out,
    )
    return _to_model(
        "fit_als",
        mu,
        user_vectors,
        item_vectors,
        reg=reg,
        reg_scaling=reg_scaling,
        shrinkage=shrinkage,
        n_iters=n_iters,
        seed=seed if isinstance(seed, int) else None,
        history=history,
    )


# ---------------------------------------------------------------------------------------------
# Predictions
# ---------------------------------------------------------------------------------------------


@constrained(model=Checked(_check_model), users=Indices(), items=Indices(), rating_range=RatingRange())
def predict_als(model: FactorModel, users, items, *, rating_range=None) -> np.ndarray:
    """Predicted ratings for the pairs (users[j], items[j]), clipped to `rating_range` if given.

    `model` is any FactorModel: from fit_als, or from fit_baseline (a bias-only ALS, k = 0).

    Introduced in notebook 05.
    """
    users = check_indices(users, "users", model.n_users)
    items = check_indices(items, "items", model.n_items)
    check_same_length("users", users, "items", items)
    dots = np.einsum("ij,ij->i", model.user_factors[users], model.item_factors[items])
    return _clip(model.global_mean + model.user_bias[users] + model.item_bias[items] + dots, rating_range)


@constrained(model=Checked(_check_model), rating_range=RatingRange())
def predict_als_matrix(model: FactorModel, *, rating_range=None) -> np.ndarray:
    """The full users x items matrix of predicted ratings (fine for small problems), clipped if asked.

    Introduced in notebook 03.
    """
    biases = model.global_mean + model.user_bias[:, None] + model.item_bias[None, :]
    return _clip(biases + model.user_factors @ model.item_factors.T, rating_range)
