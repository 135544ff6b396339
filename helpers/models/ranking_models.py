"""Models for top-k ranking: weighted matrix factorisation by ALS, implicit-feedback ALS, and EASE.

Weighted matrix factorisation gives every cell of the rating matrix a target and a weight. An
observed cell keeps its rating as target, weight 1; an unobserved cell gets target 0 and weight
w0. So w0 = 0 is notebook 03's masked model (without its biases) and w0 = 1 the original
notebook's zero-fill, with everything in between. Implicit-feedback ALS (Hu, Koren and Volinsky
2008) instead targets 1 for every rated cell, with confidence 1 + alpha * rating, and 0 (weight 1)
for the rest. EASE (Steck 2019) is a linear autoencoder of the items, solved in closed form.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from helpers.core.constraints import Checked, Indices, Integer, Ratings, Real, Seed, Vector, constrained
from helpers.core.validation import (
    MAX_SWEEPS,
    as_generator,
    check_array,
    check_float,
    check_int,
    check_ratings,
    describe,
)
from helpers.models.protocol import _clip, _new_user, _pairs, _rows

__all__ = [
    "EASEModel",
    "ImplicitModel",
    "WeightedModel",
    "ease_scores",
    "fit_ease",
    "fit_implicit_als",
    "fit_weighted_als",
    "fold_in_weighted",
    "weighted_scores",
]

CHUNK = 256  # owners solved at once: bounds the memory of the stacked k x k systems


class _FactorScores:
    """score(u, i) = user_factors[u] @ item_factors[i], no biases: the Recommender protocol for both ALS kinds.

    Each kind says, through `_cells`, what targets and weights a user's rated cells get; fold-in
    solves that kind's own user half-step.
    """

    user_factors: np.ndarray
    item_factors: np.ndarray

    def __post_init__(self):
        """A model built by hand is checked as a fitted one would be (frozen: checked values are stored)."""
        for name in ("user_factors", "item_factors"):
            object.__setattr__(self, name, check_array(getattr(self, name), name, ndim=2, allow_empty=True))
        if self.user_factors.shape[1] != self.item_factors.shape[1]:
            raise ValueError(
                f"user_factors and item_factors must have the same number of factors (columns), got "
                f"{self.user_factors.shape[1]} and {self.item_factors.shape[1]}"
            )
        object.__setattr__(self, "reg", check_float(self.reg, "reg", low=0.0))
        object.__setattr__(self, "n_iters", check_int(self.n_iters, "n_iters", low=0))
        self._check_own_settings()

    @property
    def n_users(self) -> int:
        return self.user_factors.shape[0]

    @property
    def n_items(self) -> int:
        return self.item_factors.shape[0]

    def predict(self, users, items, *, rating_range=None) -> np.ndarray:
        """The scores p_u . q_i of the pairs (users[j], items[j]), clipped to `rating_range` if given."""
        users, items = _pairs(users, items, self.n_users, self.n_items)
        return _clip(np.einsum("ij,ij->i", self.user_factors[users], self.item_factors[items]), rating_range)

    def scores(self, users=None) -> np.ndarray:
        """The scores of every item for `users` (every user when None): rows of `weighted_scores`."""
        return self.user_factors[_rows(users, self.n_users)] @ self.item_factors.T

    def fold_in(self, items, ratings) -> np.ndarray:
        """A new user's score for every item: `fold_in_weighted(self, items, ratings)`."""
        return fold_in_weighted(self, items, ratings)


@dataclass(frozen=True, eq=False)
class WeightedModel(_FactorScores):
    """Factors fitted by weighted ALS (`fit_weighted_als`): score(u, i) = user_factors[u] @ item_factors[i].

    A rated cell has its rating as target and weight 1, every other cell target 0 and weight w0;
    the penalty on each user's and item's factors is reg times the total weight of its cells.

    Introduced in notebook 07.
    """

    user_factors: np.ndarray
    item_factors: np.ndarray
    reg: float
    w0: float
    n_iters: int

    @property
    def settings(self) -> dict:
        return dict(k=self.user_factors.shape[1], reg=self.reg, w0=self.w0, n_iters=self.n_iters)

    def _check_own_settings(self):
        object.__setattr__(self, "w0", check_float(self.w0, "w0", low=0.0, high=1.0))

    def _cells(self, ratings: np.ndarray):
        """(targets, weights) of a user's rated cells, the weight of the others, and whether the penalty is weighted."""
        return ratings, np.ones_like(ratings), self.w0, True


@dataclass(frozen=True, eq=False)
class ImplicitModel(_FactorScores):
    """Factors fitted by implicit-feedback ALS (`fit_implicit_als`): score(u, i) = user_factors[u] @ item_factors[i].

    A rated cell has target 1 and confidence 1 + alpha * rating, every other cell target 0 and
    confidence 1; the penalty is reg * |x|^2 for every user and item (Hu, Koren and Volinsky 2008).

    Introduced in notebook 07.
    """

    user_factors: np.ndarray
    item_factors: np.ndarray
    reg: float
    alpha: float
    n_iters: int

    @property
    def settings(self) -> dict:
        return dict(k=self.user_factors.shape[1], reg=self.reg, alpha=self.alpha, n_iters=self.n_iters)

    def _check_own_settings(self):
        object.__setattr__(self, "alpha", check_float(self.alpha, "alpha", low=0.0))

    def _cells(self, ratings: np.ndarray):
        """(targets, weights) of a user's rated cells, the weight of the others, and whether the penalty is weighted."""
        return np.ones_like(ratings), 1.0 + self.alpha * ratings, 1.0, False


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
    n_iters=Integer(low=1, high=MAX_SWEEPS),
    seed=Seed(),
    init_scale=Real(above=0.0),
)
def fit_weighted_als(ratings, *, k: int, reg: float, w0: float, n_iters: int, seed=0, init_scale: float = 0.1):
    """Weighted matrix factorisation of a SciPy sparse rating matrix, by ALS: a WeightedModel.

    Minimises  sum over observed (r_ui - p_u . q_i)^2  +  w0 * sum over unobserved (p_u . q_i)^2
    + reg * sum_u W_u |p_u|^2 + reg * sum_i W_i |q_i|^2, where W_u is the total weight of user u's
    cells (n_u + w0 * (n_items - n_u)): the per-rating penalty of notebook 03, counting an
    unobserved cell as w0 of a rating. w0 = 0 fits the observed ratings only; w0 = 1 treats every
    missing rating as a 0, like the original notebook.

    Introduced in notebook 07.
    """
    train = check_ratings(ratings, mask_name=None)
    k = check_int(k, "k", low=1, high=min(train.shape))
    weights = train.copy()
    weights.data[:] = 1.0
    users, items = _alternate(train, weights, k=k, w0=w0, reg=reg, n_iters=n_iters, seed=seed, init_scale=init_scale)
    return _finite(WeightedModel(users, items, reg=reg, w0=w0, n_iters=n_iters), "fit_weighted_als")


@constrained(
    ratings=Ratings(),
    k=Integer(low=1, deferred=True),
    reg=Real(low=0.0),
    alpha=Real(low=0.0),
    n_iters=Integer(low=1, high=MAX_SWEEPS),
    seed=Seed(),
    init_scale=Real(above=0.0),
)
def fit_implicit_als(ratings, *, k: int, reg: float, alpha: float, n_iters: int, seed=0, init_scale: float = 0.1):
    """Implicit-feedback ALS (Hu, Koren and Volinsky 2008) of a SciPy sparse rating matrix: an ImplicitModel.

    Every rated cell has target 1 ("chose to rate it") with confidence 1 + alpha * rating; every
    other cell target 0 with confidence 1. The stars only say how sure we are of the choice. The
    penalty is Hu et al.'s: reg * |x|^2 for every user and item, not weighted by counts.

    Introduced in notebook 07.
    """
    train = check_ratings(ratings, mask_name=None)
    k = check_int(k, "k", low=1, high=min(train.shape))
    targets, weights = train.copy(), train.copy()
    targets.data[:] = 1.0
    weights.data = 1.0 + alpha * train.data
    users, items = _alternate(
        targets, weights, k=k, w0=1.0, reg=reg, n_iters=n_iters, seed=seed, init_scale=init_scale, weighted=False
    )
    return _finite(ImplicitModel(users, items, reg=reg, alpha=alpha, n_iters=n_iters), "fit_implicit_als")


def _finite(model: _FactorScores, name: str) -> _FactorScores:
    if not (np.isfinite(model.user_factors).all() and np.isfinite(model.item_factors).all()):
        raise ValueError(f"{name}'s factors came out NaN or inf; rescale the ratings or raise reg")
    return model


def _check_factor_model(model) -> _FactorScores:
    if not isinstance(model, _FactorScores):
        raise TypeError(f"model must be what fit_weighted_als or fit_implicit_als returns, got {describe(model)}")
    return model


FACTOR_MODEL = Checked(_check_factor_model, "a WeightedModel or ImplicitModel")


@constrained(model=FACTOR_MODEL)
def weighted_scores(model) -> np.ndarray:
    """The users x items matrix of scores p_u . q_i of a WeightedModel or ImplicitModel (rating predictions for w0 < 1).

    Introduced in notebook 07.
    """
    return model.scores()


@constrained(model=FACTOR_MODEL, items=Indices(), ratings=Vector(what="ratings", allow_empty=True, deferred=True))
def fold_in_weighted(model, items, ratings) -> np.ndarray:
    """A new user's score for every item, from their ratings of `items`, under a fitted WeightedModel or ImplicitModel.

    The user half-step of the model's own objective, for this one user with the items held fixed
    (notebook 04's fold-in, with the unobserved cells weighted too). With no ratings every score is 0.

    Introduced in notebook 07.
    """
    n_items = model.n_items
    items, ratings = _new_user(items, ratings, n_items)
    if items.size == 0:
        return np.zeros(n_items)
    order = np.argsort(items)
    items, ratings = items[order], ratings[order]
    targets, weights, w0, weighted = model._cells(ratings)

    def one_user(values):
        return sp.csr_array((values, items, [0, items.size]), shape=(1, n_items))

    user = _half_step(one_user(targets), one_user(weights), model.item_factors, w0, model.reg, weighted)[0]
    return model.item_factors @ user


@dataclass(frozen=True, eq=False)
class EASEModel:
    """EASE's items x items `weights` B (`fit_ease`), and the binary matrix X of who rated what it was fitted to.

    A user's scores are their row of X times B: what they rated, passed through the linear
    autoencoder. Folding in a new user is the same product with their own row.

    Introduced in notebook 07.
    """

    weights: np.ndarray
    rated: sp.csr_array
    reg: float

    def __post_init__(self):
        """A model built by hand is checked as a fitted one would be."""
        object.__setattr__(self, "weights", check_array(self.weights, "weights", ndim=2))
        object.__setattr__(self, "rated", _binary(check_ratings(self.rated, name="rated", mask_name=None)))
        n_items = self.rated.shape[1]
        if self.weights.shape != (n_items, n_items):
            raise ValueError(
                f"weights must be the items x items matrix B ({n_items} x {n_items} for rated's {n_items} items), "
                f"got {self.weights.shape}"
            )
        object.__setattr__(self, "reg", check_float(self.reg, "reg", above=0.0))

    @property
    def n_users(self) -> int:
        return self.rated.shape[0]

    @property
    def n_items(self) -> int:
        return self.weights.shape[0]

    @property
    def settings(self) -> dict:
        return dict(reg=self.reg)

    def predict(self, users, items, *, rating_range=None) -> np.ndarray:
        """The scores of the pairs (users[j], items[j]), clipped to `rating_range` if given."""
        users, items = _pairs(users, items, self.n_users, self.n_items)
        rows = self.rated[users] @ self.weights  # one row per pair
        return _clip(rows[np.arange(users.size), items], rating_range)

    def scores(self, users=None) -> np.ndarray:
        """Rows of X B for `users` (every user when None)."""
        return np.asarray(self.rated[_rows(users, self.n_users)] @ self.weights)

    def fold_in(self, items, ratings) -> np.ndarray:
        """A new user's scores: the binary row of the `items` they rated times B (the stars do not count)."""
        items, ratings = _new_user(items, ratings, self.n_items)
        return self.weights[items].sum(axis=0)


@constrained(ratings=Ratings(), reg=Real(above=0.0))
def fit_ease(ratings, *, reg: float) -> EASEModel:
    """EASE (Steck 2019): the items x items weights B of a linear autoencoder of who rated what.

    X is the binary users x items matrix (1 = rated). B minimises |X - X B|^2 + reg |B|^2 with a
    zero diagonal (an item may not predict itself), and has a closed form: with P = (X^T X + reg I)^-1,
    B = I - P diag(1 / diag(P)). Returns an EASEModel: `.weights` is B; scores are X B (`ease_scores`).

    Introduced in notebook 07.
    """
    X = _binary(check_ratings(ratings, mask_name=None))
    gram = (X.T @ X).toarray()
    gram[np.diag_indices_from(gram)] += reg
    P = np.linalg.inv(gram)
    B = -P / np.diag(P)  # column j divided by P_jj
    B[np.diag_indices_from(B)] = 0.0
    return EASEModel(weights=B, rated=X, reg=reg)


def _check_ease(model) -> EASEModel:
    if not isinstance(model, EASEModel):
        raise TypeError(f"model must be the EASEModel fit_ease returns, got {describe(model)}")
    return model


@constrained(model=Checked(_check_ease, "an EASEModel"), ratings=Ratings())
def ease_scores(model, ratings) -> np.ndarray:
    """Users x items scores X B of a fitted EASEModel for the binary matrix X of `ratings` (1 = rated).

    Introduced in notebook 07.
    """
    X = _binary(check_ratings(ratings, mask_name=None))
    if X.shape[1] != model.n_items:
        raise ValueError(
            f"ratings must have one column per item of the model ({model.n_items}), got {X.shape[1]} columns"
        )
    return np.asarray(X @ model.weights)


def _binary(ratings: sp.csr_array) -> sp.csr_array:
    binary = ratings.copy()
    binary.data[:] = 1.0
    return binary
