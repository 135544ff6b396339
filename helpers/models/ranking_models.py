"""Models for top-k ranking: weighted matrix factorisation by ALS, implicit-feedback ALS, and EASE.

Weighted matrix factorisation gives every cell of the rating matrix a target and a weight. An
observed cell keeps its rating as target, weight 1; an unobserved cell gets target 0 and weight
w0. So w0 = 0 is notebook 03's masked model (without its biases) and w0 = 1 the original
notebook's zero-fill, with everything in between. Implicit-feedback ALS (Hu, Koren and Volinsky
2008) instead targets 1 for every rated cell, with confidence 1 + alpha * rating, and 0 (weight 1)
for the rest. EASE (Steck 2019) is a linear autoencoder of the items, solved in closed form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from helpers.core.constraints import Integer, Ratings, Real, Seed, constrained
from helpers.core.validation import (
    as_generator,
    check_float,
    check_indices,
    check_int,
    check_ratings,
    check_same_length,
    check_vector,
    describe,
)

__all__ = [
    "WeightedModel",
    "ease_scores",
    "fit_ease",
    "fit_implicit_als",
    "fit_weighted_als",
    "fold_in_weighted",
    "weighted_scores",
]

CHUNK = 256  # owners solved at once: bounds the memory of the stacked k x k systems


@dataclass(frozen=True, eq=False)
class WeightedModel:
    """Factors fitted by weighted ALS: score(u, i) = user_factors[u] @ item_factors[i]; no biases.

    Introduced in notebook 07.
    """

    user_factors: np.ndarray
    item_factors: np.ndarray
    settings: dict = field(default_factory=dict)


def _half_step(
    targets: sp.csr_array, weights: sp.csr_array, other: np.ndarray, w0: float, reg: float, weighted: bool = True
) -> np.ndarray:
    """New factors for every owner (a row of `targets`), the other side's factors held fixed.

    Owner u minimises sum over its observed cells of c_ui (t_ui - x . y_i)^2, plus w0 (0 - x . y_i)^2
    over every other cell, plus a penalty on |x|^2: reg * (total weight of its cells) when
    `weighted`, the per-rating penalty of notebook 03, else reg (Hu et al.'s). The Gram trick: the
    unobserved part, w0 * Y^T Y summed over all items, is one k x k matrix shared by every owner,
    corrected by (c_ui - w0) y_i y_i^T over the owner's observed items only.
    """
    n_owners, n_other = targets.shape
    dim = other.shape[1]
    shared = w0 * (other.T @ other)
    counts = np.diff(targets.indptr)
    observed_weight = np.bincount(np.repeat(np.arange(n_owners), counts), weights.data, minlength=n_owners)
    penalty = reg * (w0 * (n_other - counts) + observed_weight) if weighted else np.full(n_owners, reg)
    result = np.zeros((n_owners, dim))
    diagonal = np.arange(dim)
    for start in range(0, n_owners, CHUNK):
        owners = np.arange(start, min(start + CHUNK, n_owners))
        systems = np.repeat(shared[None], owners.size, axis=0)
        rhs = np.zeros((owners.size, dim))
        for row, owner in enumerate(owners):  # a loop over owners, not ratings: each term is one BLAS product
            cells = slice(targets.indptr[owner], targets.indptr[owner + 1])
            rated, c = other[targets.indices[cells]], weights.data[cells]
            systems[row] += (rated * (c - w0)[:, None]).T @ rated
            rhs[row] = rated.T @ (c * targets.data[cells])
        systems[:, diagonal, diagonal] += np.maximum(penalty[owners], 1e-9)[:, None]
        result[owners] = np.linalg.solve(systems, rhs[..., None])[..., 0]
    return result


def _alternate(targets: sp.csr_array, weights: sp.csr_array, *, k, w0, reg, n_iters, seed, init_scale, weighted=True):
    """Alternate user and item half-steps from seeded item factors; return (user, item) factors."""
    rng = as_generator(seed)
    items = rng.normal(scale=init_scale, size=(targets.shape[1], k))
    targets_t, weights_t = sp.csr_array(targets.T), sp.csr_array(weights.T)
    for _ in range(n_iters):
        users = _half_step(targets, weights, items, w0, reg, weighted)
        items = _half_step(targets_t, weights_t, users, w0, reg, weighted)
    return users, items


@constrained(
    ratings=Ratings(),
    k=Integer(low=1, deferred=True),
    reg=Real(low=0.0),
    w0=Real(low=0.0, high=1.0),
    n_iters=Integer(low=1),
    seed=Seed(),
    init_scale=Real(above=0.0),
)
def fit_weighted_als(ratings, *, k: int, reg: float, w0: float, n_iters: int, seed, init_scale: float = 0.1):
    """Weighted matrix factorisation of a SciPy sparse rating matrix, by ALS: a WeightedModel.

    Minimises  sum over observed (r_ui - p_u . q_i)^2  +  w0 * sum over unobserved (p_u . q_i)^2
    + reg * sum_u W_u |p_u|^2 + reg * sum_i W_i |q_i|^2, where W_u is the total weight of user u's
    cells (n_u + w0 * (n_items - n_u)): the per-rating penalty of notebook 03, counting an
    unobserved cell as w0 of a rating. w0 = 0 fits the observed ratings only; w0 = 1 treats every
    missing rating as a 0, like the original notebook.

    Introduced in notebook 07.
    """
    train = check_ratings(ratings)
    k = check_int(k, "k", low=1, high=min(train.shape))
    weights = train.copy()
    weights.data[:] = 1.0
    users, items = _alternate(train, weights, k=k, w0=w0, reg=reg, n_iters=n_iters, seed=seed, init_scale=init_scale)
    return _finite(WeightedModel(users, items, dict(k=k, reg=reg, w0=w0, n_iters=n_iters)), "fit_weighted_als")


@constrained(
    ratings=Ratings(),
    k=Integer(low=1, deferred=True),
    reg=Real(low=0.0),
    alpha=Real(low=0.0),
    n_iters=Integer(low=1),
    seed=Seed(),
    init_scale=Real(above=0.0),
)
def fit_implicit_als(ratings, *, k: int, reg: float, alpha: float, n_iters: int, seed, init_scale: float = 0.1):
    """Implicit-feedback ALS (Hu, Koren and Volinsky 2008) of a SciPy sparse rating matrix: a WeightedModel.

    Every rated cell has target 1 ("chose to rate it") with confidence 1 + alpha * rating; every
    other cell target 0 with confidence 1. The stars only say how sure we are of the choice. The
    penalty is Hu et al.'s: reg * |x|^2 for every user and item, not weighted by counts.

    Introduced in notebook 07.
    """
    train = check_ratings(ratings)
    k = check_int(k, "k", low=1, high=min(train.shape))
    targets, weights = train.copy(), train.copy()
    targets.data[:] = 1.0
    weights.data = 1.0 + alpha * train.data
    users, items = _alternate(
        targets, weights, k=k, w0=1.0, reg=reg, n_iters=n_iters, seed=seed, init_scale=init_scale, weighted=False
    )
    return _finite(WeightedModel(users, items, dict(k=k, reg=reg, alpha=alpha, n_iters=n_iters)), "fit_implicit_als")


def _finite(model: WeightedModel, name: str) -> WeightedModel:
    if not (np.isfinite(model.user_factors).all() and np.isfinite(model.item_factors).all()):
        raise ValueError(f"{name}'s factors came out NaN or inf; rescale the ratings or raise reg")
    return model


def weighted_scores(model) -> np.ndarray:
    """The users x items matrix of scores p_u . q_i of a WeightedModel (rating predictions for w0 < 1).

    Introduced in notebook 07.
    """
    if not isinstance(model, WeightedModel):
        raise TypeError(f"model must be what fit_weighted_als or fit_implicit_als returns, got {describe(model)}")
    return model.user_factors @ model.item_factors.T


def fold_in_weighted(model, items, ratings) -> np.ndarray:
    """A new user's score for every item, from their ratings of `items`, under a fitted WeightedModel.

    The user half-step of the model's own objective, for this one user with the items held fixed
    (notebook 04's fold-in, with the unobserved cells weighted too). With no ratings every score is 0.

    Introduced in notebook 07.
    """
    if not isinstance(model, WeightedModel):
        raise TypeError(f"model must be what fit_weighted_als or fit_implicit_als returns, got {describe(model)}")
    n_items = model.item_factors.shape[0]
    items = check_indices(items, "items", n_items, unique=True)
    ratings = check_vector(ratings, "ratings", what="ratings", allow_empty=True)
    check_same_length("items", items, "ratings", ratings)
    if (ratings == 0).any():
        raise ValueError("ratings has a rating of 0, but 0 means 'not rated' in this course; leave that item out")
    if items.size == 0:
        return np.zeros(n_items)
    order = np.argsort(items)
    items, ratings = items[order], ratings[order]
    one_user = lambda values: sp.csr_array((values, items, [0, items.size]), shape=(1, n_items))  # noqa: E731
    if "alpha" in model.settings:  # implicit feedback: target 1, confidence 1 + alpha * rating
        targets, weights, w0, weighted = (
            one_user(np.ones_like(ratings)),
            one_user(1.0 + model.settings["alpha"] * ratings),
            1.0,
            False,
        )
    else:
        targets, weights, w0, weighted = one_user(ratings), one_user(np.ones_like(ratings)), model.settings["w0"], True
    user = _half_step(targets, weights, model.item_factors, w0, model.settings["reg"], weighted)[0]
    return model.item_factors @ user


def fit_ease(ratings, *, reg: float) -> np.ndarray:
    """EASE (Steck 2019): the items x items weights B of a linear autoencoder of who rated what.

    X is the binary users x items matrix (1 = rated). B minimises |X - X B|^2 + reg |B|^2 with a
    zero diagonal (an item may not predict itself), and has a closed form: with P = (X^T X + reg I)^-1,
    B = I - P diag(1 / diag(P)). Scores are X B (`ease_scores`).

    Introduced in notebook 07.
    """
    X = _binary(check_ratings(ratings))
    reg = check_float(reg, "reg", above=0.0)
    gram = (X.T @ X).toarray()
    gram[np.diag_indices_from(gram)] += reg
    P = np.linalg.inv(gram)
    B = -P / np.diag(P)  # column j divided by P_jj
    B[np.diag_indices_from(B)] = 0.0
    return B


def ease_scores(B, ratings) -> np.ndarray:
    """Users x items scores X B of EASE weights `B` for the binary matrix of `ratings` (1 = rated).

    Introduced in notebook 07.
    """
    X = _binary(check_ratings(ratings))
    B = np.asarray(B, dtype=float)
    if B.shape != (X.shape[1], X.shape[1]):
        raise ValueError(
            f"B must be the items x items weights fit_ease returns ({X.shape[1]} x {X.shape[1]}), got {B.shape}"
        )
    return np.asarray(X @ B)


def _binary(ratings: sp.csr_array) -> sp.csr_array:
    binary = ratings.copy()
    binary.data[:] = 1.0
    return binary
