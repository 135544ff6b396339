"""One ALS half-step, the update notebook 03 teaches: each user's (or item's) bias and factors by ridge regression.

The penalty has two parts: the bias is shrunk like a pseudo-count (`shrinkage` = beta, the same
for every owner, so an owner with 2 ratings keeps 2/(2 + beta) of its mean deviation and one
with 500 nearly all of it), and the factors by lambda * n_u ("weighted", Zhou et al. 2008) or
lambda ("plain"). A count-weighted penalty on the bias would shrink every bias by the same
factor 1/(1 + lambda) whatever its count, so a film with one 5-star rating would keep ~90% of its
deviation: notebook 03 shows this with numbers.

`als_step` is the readable form for one owner; `_half_step` the batched form `fit_als` and
`fold_in_user` run (a test checks that the two agree).
"""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Choice, Matrix, Real, Vector, constrained
from helpers.core.validation import check_array, check_same_length

__all__ = ["als_step"]

REG_SCALINGS = ("weighted", "plain")


def _normal_equations(by_owner, design: np.ndarray, targets: np.ndarray):
    """For each owner (a user of a CSR matrix or an item of a CSC one): Y^T Y and Y^T t.

    Y stacks the `design` rows of the entries the owner rated and t their `targets`. The loop
    runs over owners, not ratings; each Gram matrix is one BLAS product.
    """
    n_owners, dim = by_owner.indptr.size - 1, design.shape[1]
    grams, rhs = np.zeros((n_owners, dim, dim)), np.zeros((n_owners, dim))
    for owner in np.flatnonzero(np.diff(by_owner.indptr)):
        entries = slice(by_owner.indptr[owner], by_owner.indptr[owner + 1])
        rated = design[by_owner.indices[entries]]
        grams[owner] = rated.T @ rated
        rhs[owner] = rated.T @ targets[entries]
    return grams, rhs


def _solve_ridge(grams, rhs, penalties, counts) -> np.ndarray:
    """Solve (G + diag(penalty)) x = b for every owner at once; owners with no ratings get x = 0.

    `penalties` holds one row of per-coordinate penalties per owner (or one value per owner).
    """
    diagonal = np.arange(rhs.shape[1])
    penalties = np.broadcast_to(np.asarray(penalties, dtype=float).reshape(counts.size, -1), rhs.shape)
    # An owner with no ratings has G = 0 and b = 0; a penalty of 1 turns that into I x = 0.
    grams[:, diagonal, diagonal] += np.where((counts > 0)[:, None], penalties, 1.0)
    # With a positive penalty on every factor the system is positive definite even when the bias's
    # pseudo-count is 0 (the bias column is all ones): solve it directly.
    if np.all(penalties[counts > 0][:, 1:] > 0):
        try:
            return np.linalg.solve(grams, rhs[..., None])[..., 0]
        except np.linalg.LinAlgError:  # a penalty so small (1e-80, say) that it does not lift a singular system
            pass
    # With reg = 0 a user with fewer than k + 1 ratings fits them exactly in many ways:
    # take the smallest such [b_u, p_u] instead of letting a singular solve blow up.
    return (np.linalg.pinv(grams, rtol=1e-10, hermitian=True) @ rhs[..., None])[..., 0]


@constrained(
    ratings=Vector(what="ratings", allow_empty=True),
    other_bias=Vector(what="biases", allow_empty=True),
    other_factors=Matrix(deferred=True),
    global_mean=Real(),
    reg=Real(low=0.0),
    shrinkage=Real(low=0.0),
    reg_scaling=Choice(REG_SCALINGS),
)
def als_step(
    ratings,
    other_bias,
    other_factors,
    *,
    global_mean: float,
    reg: float,
    shrinkage: float,
    reg_scaling: str = "weighted",
):
    """One ALS update for one user (or item), written to be read: returns (bias, factors).

    For a user u who rated items i with ratings r_ui, `other_bias` and `other_factors` hold
    those items' b_i and q_i (one row per rating). With rows [1, q_i] stacked in Q_u and
    targets y_i = r_ui - mu - b_i, the new x_u = [b_u, p_u] solves the ridge regression

        x_u = (Q_u^T Q_u + Lambda_u)^-1 Q_u^T y_u,   Lambda_u = diag(beta, lambda_u, ..., lambda_u),

    beta = `shrinkage` (the bias's pseudo-count) and lambda_u = reg * n_u ("weighted") or reg
    ("plain"), n_u being the number of ratings. An item's update is the same with users' biases
    and factors. fit_als does this for every user and every item at once (a test checks that
    its batched code agrees with this function); fold_in_user does it for a new user.

    Introduced in notebook 03.
    """
    other_factors = check_array(other_factors, "other_factors", ndim=2, what="factors", allow_empty=True)
    check_same_length("ratings", ratings, "other_bias", other_bias)
    check_same_length("ratings", ratings, "other_factors", other_factors)
    mu = global_mean
    lam = reg * ratings.size if reg_scaling == "weighted" else reg
    Q = np.column_stack([np.ones(ratings.size), other_factors])  # one row [1, q_i] per rating
    y = ratings - mu - other_bias  # what the owner's own bias and factors must explain
    if ratings.size == 0:
        return 0.0, np.zeros(other_factors.shape[1])
    penalty = np.diag([shrinkage] + [lam] * other_factors.shape[1])
    A = Q.T @ Q + penalty
    # A positive penalty on the factors makes A positive definite, whatever the bias's pseudo-count.
    if (lam > 0 or other_factors.shape[1] == 0) and np.linalg.cond(A) < 1 / np.finfo(float).eps:
        x = np.linalg.solve(A, Q.T @ y)
    else:  # a zero penalty, or one too small to lift a singular system: the smallest of the exact fits
        x = np.linalg.lstsq(A, Q.T @ y, rcond=None)[0]
    return float(x[0]), x[1:]


def _half_step(by_owner, other: np.ndarray, mu: float, reg: float, reg_scaling: str, shrinkage: float) -> np.ndarray:
    """New [bias, factors] for every owner, with the other side's [bias, factors] held fixed.

    The batched form of `als_step`: for a user u it minimises
    sum_i (r_ui - mu - b_i - [1, q_i] . x)^2 + shrinkage b_u^2 + lambda_u |p_u|^2 over
    x = [b_u, p_u] (the sum runs over the items u rated); items are symmetric.
    """
    design = other.copy()
    design[:, 0] = 1.0  # [1, q_i]: the 1 multiplies the owner's bias
    targets = by_owner.data - mu - other[by_owner.indices, 0]
    counts = np.diff(by_owner.indptr)
    penalties = np.empty((counts.size, other.shape[1]))
    penalties[:, 0] = shrinkage
    penalties[:, 1:] = (reg * counts if reg_scaling == "weighted" else np.full(counts.size, reg))[:, None]
    grams, rhs = _normal_equations(by_owner, design, targets)
    return _solve_ridge(grams, rhs, penalties, counts)
