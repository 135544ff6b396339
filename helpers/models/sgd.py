"""The objective fit_als minimises, and a second optimiser for it: stochastic gradient descent (SGD).

`factorization_objective(model, ratings, mask)` is the penalised sum of squared errors over the
observed ratings that ALS minimises (helpers/models/als_steps.py):

    sum_{(u,i) observed} (r_ui - mu - b_u - b_i - p_u . q_i)^2
        + beta (sum_u b_u^2 + sum_i b_i^2) + lambda (sum_u n_u |p_u|^2 + sum_i n_i |q_i|^2)

(beta = `shrinkage`, lambda = `reg`; with reg_scaling="plain" the factors' penalty has no n_u, n_i).
Written as a sum over ratings, each rating owns the share

    f_ui = e_ui^2 + (beta / n_u) b_u^2 + (beta / n_i) b_i^2 + lambda |p_u|^2 + lambda |q_i|^2

("plain": lambda / n_u and lambda / n_i on the factors), and the shares add up to the objective.
SGD (Funk 2006; Koren, Bell & Volinsky 2009) visits the ratings one at a time and steps down the
gradient of that rating's share alone: `sgd_step` is one such update, `fit_sgd` runs epochs of
them over the ratings in a seeded random order and returns the same FactorModel as fit_als.
"""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import (
    Checked,
    Choice,
    Flag,
    Integer,
    Mask,
    RatingRange,
    Ratings,
    Real,
    Seed,
    Vector,
    constrained,
)
from helpers.core.validation import MAX_SWEEPS, as_generator, check_int, check_same_length
from helpers.models.als_steps import REG_SCALINGS
from helpers.models.factorization import FactorModel, _check_model, _observed_ratings, _to_model

__all__ = ["factorization_objective", "fit_sgd", "sgd_step"]


def _errors(by_user, mu, user_bias, item_bias, user_factors, item_factors) -> np.ndarray:
    """r_ui - prediction for the stored entries of a CSR matrix, in its order."""
    users, items = np.repeat(np.arange(by_user.shape[0]), np.diff(by_user.indptr)), by_user.indices
    dots = np.einsum("ij,ij->i", user_factors[users], item_factors[items])
    return by_user.data - (mu + user_bias[users] + item_bias[items] + dots)


def _objective(by_user, mu, user_bias, item_bias, user_factors, item_factors, reg, reg_scaling, shrinkage):
    """The penalised objective on the stored entries of a CSR matrix (see the module's docstring)."""
    errors = _errors(by_user, mu, user_bias, item_bias, user_factors, item_factors)
    items = by_user.indices
    n_u, n_i = np.diff(by_user.indptr), np.bincount(items, minlength=by_user.shape[1])
    if reg_scaling == "plain":
        n_u, n_i = np.ones_like(n_u), np.ones_like(n_i)
    biases = shrinkage * (np.sum(user_bias**2) + np.sum(item_bias**2))
    factors = reg * (n_u @ np.sum(user_factors**2, axis=1) + n_i @ np.sum(item_factors**2, axis=1))
    return float(np.sum(errors**2) + biases + factors)


@constrained(model=Checked(_check_model), ratings=Ratings(), mask=Mask())
def factorization_objective(model: FactorModel, ratings, mask=None) -> float:
    """The penalised sum of squared errors that fit_als (and fit_sgd) minimise, for `model` on `ratings`.

    sum over the observed (u, i) of (r_ui - mu - b_u - b_i - p_u . q_i)^2, plus
    beta (sum b_u^2 + sum b_i^2) with beta = model.shrinkage, plus lambda (sum_u n_u |p_u|^2 +
    sum_i n_i |q_i|^2) with lambda = model.reg and n_u, n_i the numbers of observed ratings
    (reg_scaling="weighted"; "plain" drops n_u and n_i). Only the observed cells count; mu is
    the model's global mean, fixed, not penalised. `ratings` and `mask` are given as to fit_als
    (the ratings the model was fitted to, for the objective its optimiser lowered).

    Introduced in notebook 03.
    """
    by_user, _ = _observed_ratings(ratings, mask)
    if by_user.shape != (model.n_users, model.n_items):
        raise ValueError(
            f"ratings must have the model's shape ({model.n_users}, {model.n_items}) (users x items), "
            f"got {by_user.shape}"
        )
    return _objective(
        by_user,
        model.global_mean,
        model.user_bias,
        model.item_bias,
        model.user_factors,
        model.item_factors,
        model.reg,
        model.reg_scaling,
        model.shrinkage,
    )


def _step(rating, mu, b_u, b_i, p_u, q_i, lr, user_reg, item_reg, user_shrinkage, item_shrinkage):
    """sgd_step without the checks, for fit_sgd's inner loop: every update reads the old values."""
    error = rating - (mu + b_u + b_i + float(p_u @ q_i))
    return (
        b_u + lr * (error - user_shrinkage * b_u),
        b_i + lr * (error - item_shrinkage * b_i),
        p_u + lr * (error * q_i - user_reg * p_u),
        q_i + lr * (error * p_u - item_reg * q_i),
    )


@constrained(
    rating=Real(),
    global_mean=Real(),
    user_bias=Real(),
    item_bias=Real(),
    user_factors=Vector(what="factors"),
    item_factors=Vector(what="factors"),
    learning_rate=Real(above=0.0),
    user_reg=Real(low=0.0),
    item_reg=Real(low=0.0),
    user_shrinkage=Real(low=0.0),
    item_shrinkage=Real(low=0.0),
)
def sgd_step(
    rating: float,
    global_mean: float,
    user_bias: float,
    item_bias: float,
    user_factors,
    item_factors,
    *,
    learning_rate: float,
    user_reg: float,
    item_reg: float,
    user_shrinkage: float,
    item_shrinkage: float,
):
    """One SGD update for one observed rating r_ui: returns the new (b_u, b_i, p_u, q_i).

    With e = r_ui - (mu + b_u + b_i + p_u . q_i), the gradient of this rating's share
    e^2 + c_b b_u^2 + c_b' b_i^2 + c_p |p_u|^2 + c_q |q_i|^2 is -2e + 2 c_b b_u for b_u and
    -2e q_i + 2 c_p p_u for p_u (and likewise for the item). A step of eta/2 down it (the 2 folded
    into the learning rate, as Funk and Surprise write it) gives

        b_u += eta (e - c_b b_u),    p_u += eta (e q_i - c_p p_u),
        b_i += eta (e - c_b' b_i),   q_i += eta (e p_u - c_q q_i),

    every right-hand side with the values from before the step (q_i's update uses the old p_u).
    The c's are this rating's shares of the penalties (`user_shrinkage` = beta / n_u,
    `user_reg` = lambda for fit_als's weighted scaling, ...): fit_sgd passes them.

    Introduced in notebook 03.
    """
    check_same_length("user_factors", user_factors, "item_factors", item_factors)
    b_u, b_i, p_u, q_i = _step(
        rating,
        global_mean,
        user_bias,
        item_bias,
        user_factors,
        item_factors,
        learning_rate,
        user_reg,
        item_reg,
        user_shrinkage,
        item_shrinkage,
    )
    return float(b_u), float(b_i), p_u, q_i


def _shares(counts, reg, reg_scaling, shrinkage):
    """Each owner's per-rating share of the penalties: (on the bias, on the factors); 0 without ratings."""
    rated = np.maximum(counts, 1)
    factor_share = np.full(counts.size, float(reg)) if reg_scaling == "weighted" else reg / rated
    return shrinkage / rated, factor_share


@constrained(
    ratings=Ratings(),
    mask=Mask(),
    k=Integer(low=1, deferred=True),
    reg=Real(low=0.0),
    n_epochs=Integer(low=1, high=MAX_SWEEPS),
    learning_rate=Real(above=0.0),
    shrinkage=Real(low=0.0),
    seed=Seed(),
    init_scale=Real(low=0.0),
    reg_scaling=Choice(REG_SCALINGS),
    shuffle=Flag(),
    rating_range=RatingRange(),
)
def fit_sgd(
    ratings,
    mask=None,
    *,
    k: int,
    reg: float,
    n_epochs: int,
    learning_rate: float = 0.01,
    shrinkage: float = 5.0,
    seed=0,
    init_scale: float = 0.1,
    reg_scaling: str = "weighted",
    shuffle: bool = True,
    rating_range=None,
) -> FactorModel:
    """Fit r_ui = mu + b_u + b_i + p_u . q_i to the observed ratings by SGD, on fit_als's objective.

    mu is the mean training rating (fixed, as in fit_als); biases start at 0, the user factors and
    then the item factors are drawn from N(0, init_scale^2) with `seed` (users or items without
    ratings keep zeros). Each epoch visits every observed rating once, in a fresh seeded random
    order (`shuffle=False`: user by user, items in index order, as Surprise's SVD does) and
    applies `sgd_step` with that rating's shares of the penalties: beta / n_u on b_u, and lambda
    ("weighted", fit_als's default) or lambda / n_u ("plain") on p_u, so that one epoch's shares
    add up to `factorization_objective`. The loop over ratings is plain Python: each step reads
    what the step before it wrote, which is what makes it SGD; the shares, the errors and the
    objective are computed with vectorised NumPy. history["train_rmse"] and
    history["objective"] hold the training RMSE and the objective after each epoch.

    Introduced in notebook 03.
    """
    by_user, _ = _observed_ratings(ratings, mask, rating_range)
    k = check_int(k, "k", low=1, high=min(by_user.shape))
    rng = as_generator(seed)
    n_users, n_items = by_user.shape
    users = np.repeat(np.arange(n_users), np.diff(by_user.indptr))
    items, values = by_user.indices, by_user.data
    n_u, n_i = np.diff(by_user.indptr), np.bincount(items, minlength=n_items)
    user_bias_share, user_factor_share = _shares(n_u, reg, reg_scaling, shrinkage)
    item_bias_share, item_factor_share = _shares(n_i, reg, reg_scaling, shrinkage)

    mu = float(values.mean())
    user_bias, item_bias = np.zeros(n_users), np.zeros(n_items)
    user_factors = rng.normal(scale=init_scale, size=(n_users, k))
    item_factors = rng.normal(scale=init_scale, size=(n_items, k))
    user_factors[n_u == 0], item_factors[n_i == 0] = 0.0, 0.0
    history = {"train_rmse": [], "objective": []}
    settings = (reg, reg_scaling, shrinkage)
    # Python numbers for the scalars: the inner loop is one step per rating, and NumPy's per-call
    # overhead on a single number is larger than the arithmetic.
    steps = list(zip(users.tolist(), items.tolist(), values.tolist()))
    user_shares = list(zip(user_factor_share.tolist(), user_bias_share.tolist()))
    item_shares = list(zip(item_factor_share.tolist(), item_bias_share.tolist()))
    b_user, b_item = [0.0] * n_users, [0.0] * n_items
    with np.errstate(over="ignore", invalid="ignore"):  # a divergence is reported once, by _to_model
        for _ in range(n_epochs):
            order = rng.permutation(values.size).tolist() if shuffle else range(values.size)
            for j in order:
                u, i, rating = steps[j]
                (p_reg, b_shrink), (q_reg, c_shrink) = user_shares[u], item_shares[i]
                b_user[u], b_item[i], user_factors[u], item_factors[i] = _step(
                    rating,
                    mu,
                    b_user[u],
                    b_item[i],
                    user_factors[u],
                    item_factors[i],
                    learning_rate,
                    p_reg,
                    q_reg,
                    b_shrink,
                    c_shrink,
                )
            user_bias[:], item_bias[:] = b_user, b_item
            fitted = (by_user, mu, user_bias, item_bias, user_factors, item_factors)
            history["train_rmse"].append(float(np.sqrt(np.mean(_errors(*fitted) ** 2))))
            history["objective"].append(_objective(*fitted, *settings))
    return _to_model(
        "fit_sgd",
        mu,
        np.column_stack([user_bias, user_factors]),
        np.column_stack([item_bias, item_factors]),
        reg=reg,
        reg_scaling=reg_scaling,
        shrinkage=shrinkage,
        n_iters=n_epochs,
        seed=seed if isinstance(seed, int) else None,
        history=history,
        learning_rate=learning_rate,
    )
