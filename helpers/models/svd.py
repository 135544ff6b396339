"""Truncated SVD with the conventions the course relies on: largest singular value first, fixed signs."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds

from helpers.core.constraints import (
    Choice,
    Indices,
    Integer,
    Matrix,
    Optional,
    Seed,
    Vector,
    constrained,
)
from helpers.core.validation import (
    as_generator,
    check_finite_result,
    check_indices,
    check_int,
    check_matrix,
    check_same_length,
)
from helpers.models.protocol import _clip, _new_user, _rows

__all__ = [
    "SVDFactors",
    "eckart_young_error",
    "frobenius_error",
    "predict_svd",
    "principal_angles",
    "reconstruct",
    "singular_values",
    "truncated_svd",
]

SOLVERS = ("dense", "sparse")


class SVDFactors(NamedTuple):
    """(U, s, Vt) from `truncated_svd`, unpacked as a tuple; also the Recommender protocol of the
    rank-k reconstruction U diag(s) Vt (the original notebook's zero-filled SVD as a model).

    Introduced in notebook 01.
    """

    U: np.ndarray
    s: np.ndarray
    Vt: np.ndarray

    @property
    def n_users(self) -> int:
        return self.U.shape[0]

    @property
    def n_items(self) -> int:
        return self.Vt.shape[1]

    @property
    def settings(self) -> dict:
        return dict(k=self.s.size)

    def predict(self, users, items, *, rating_range=None) -> np.ndarray:
        """Entries of the reconstruction at the pairs (users[j], items[j]): `predict_svd`."""
        return _clip(predict_svd(self.U, self.s, self.Vt, users, items), rating_range)

    def scores(self, users=None) -> np.ndarray:
        """Rows of the reconstruction U diag(s) Vt for `users` (every user when None)."""
        return (self.U[_rows(users, self.n_users)] * self.s) @ self.Vt

    def fold_in(self, items, ratings) -> np.ndarray:
        """A new user's reconstructed row: their zero-filled row r projected on the items' factors, r Vt^T Vt.

        It is the row a user with ratings r would get if the SVD were recomputed with them in it,
        provided they do not change the factors (the classic SVD fold-in, u = r V diag(1/s)).
        """
        items, ratings = _new_user(items, ratings, self.n_items)
        row = np.zeros(self.n_items)
        row[items] = ratings
        return (row @ self.Vt.T) @ self.Vt


def _fix_signs(U: np.ndarray, Vt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Flip each factor pair so the largest-magnitude entry of each row of Vt is positive."""
    rows = np.arange(Vt.shape[0])
    signs = np.sign(Vt[rows, np.argmax(np.abs(Vt), axis=1)])
    signs[signs == 0] = 1.0
    return U * signs, Vt * signs[:, None]


@constrained(matrix=Matrix(deferred=True), k=Integer(low=1, deferred=True), solver=Choice(SOLVERS), seed=Seed())
def truncated_svd(matrix, k: int, *, solver: str = "dense", seed=0):
    """Rank-`k` SVD of `matrix` as (U, s, Vt), singular values largest first, signs fixed.

    solver="dense" uses `numpy.linalg.svd` (k in 1..min(m, n)), which needs no seed; solver="sparse"
    uses SciPy's `svds`, which also takes a SciPy sparse matrix, needs k in 1..min(m, n) - 1,
    and starts from a random vector drawn from `seed` (an int or a numpy.random.Generator).

    Introduced in notebook 01.
    """
    if sp.issparse(matrix):
        if solver != "sparse":
            raise ValueError("a SciPy sparse matrix needs solver='sparse'")
        if matrix.ndim != 2 or min(matrix.shape) == 0:
            raise ValueError(f"matrix must be a non-empty 2-D matrix, got shape {matrix.shape}")
        if matrix.dtype == bool or matrix.dtype.kind not in "iuf":
            raise TypeError(f"matrix must hold numbers, got dtype {matrix.dtype}")
        array = sp.csr_array(matrix, dtype=float)
        if not np.isfinite(array.data).all():
            raise ValueError("matrix stores NaN or inf; pass finite values")
    else:
        array = check_matrix(matrix)
    smallest = min(array.shape)
    if solver == "dense":
        k = check_int(k, "k", low=1, high=smallest)
        U, s, Vt = np.linalg.svd(array, full_matrices=False)
        U, s, Vt = U[:, :k], s[:k], Vt[:k]
    else:
        if smallest < 2:
            raise ValueError(f"solver='sparse' needs a matrix with at least 2 rows and columns, got {array.shape}")
        k = check_int(k, "k")
        if not 1 <= k <= smallest - 1:
            raise ValueError(
                f"solver='sparse' finds between 1 and {smallest - 1} factors of a "
                f"{array.shape[0]}x{array.shape[1]} matrix (ARPACK needs k < min(m, n)), got k={k}; "
                f"use solver='dense' for all {smallest}"
            )
        if (array.count_nonzero() if sp.issparse(array) else np.count_nonzero(array)) == 0:
            raise ValueError(
                "matrix is all zeros, so it has no singular vectors for svds to find; "
                "use solver='dense', which returns zero singular values"
            )
        # svds starts from a random vector: seed it, or the factors' signs change from run to run.
        U, s, Vt = svds(array, k=k, rng=as_generator(seed))
        order = np.argsort(s)[::-1]
        U, s, Vt = U[:, order], s[order], Vt[order]
    U, Vt = _fix_signs(U, Vt)
    return SVDFactors(U, s, Vt)


def _check_factors(U, s, Vt):
    """Checked U (m, r), s (r,) and Vt (r, n), or raise unless they fit together."""
    if not (U.shape[1] == s.size == Vt.shape[0]):
        raise ValueError(
            f"factors do not fit together: U {U.shape}, s {s.shape}, Vt {Vt.shape}; "
            "expected U (m, r), s (r,), Vt (r, n) as truncated_svd returns them"
        )
    return U, s, Vt


@constrained(U=Matrix(), s=Vector(what="singular values"), Vt=Matrix(), users=Indices(), items=Indices())
def predict_svd(U, s, Vt, users, items) -> np.ndarray:
    """The rank-k reconstruction's entries at the pairs (users[j], items[j]), without building the whole matrix.

    Introduced in notebook 05.
    """
    U, s, Vt = _check_factors(U, s, Vt)
    users = check_indices(users, "users", U.shape[0])
    items = check_indices(items, "items", Vt.shape[1])
    check_same_length("users", users, "items", items)
    return np.einsum("ij,ij->i", U[users] * s, Vt[:, items].T)


@constrained(matrix=Matrix())
def singular_values(matrix) -> np.ndarray:
    """All singular values of a dense `matrix`, largest first.

    Introduced in notebook 01.
    """
    return np.linalg.svd(matrix, compute_uv=False)


@constrained(U=Matrix(), s=Vector(what="singular values"), Vt=Matrix(), k=Optional(Integer(low=1, deferred=True)))
def reconstruct(U, s, Vt, k: int | None = None) -> np.ndarray:
    """Rebuild the matrix U[:, :k] diag(s[:k]) Vt[:k] from SVD factors (all of them when k is None).

    Introduced in notebook 01.
    """
    U, s, Vt = _check_factors(U, s, Vt)
    k = s.size if k is None else check_int(k, "k", low=1, high=s.size)
    return (U[:, :k] * s[:k]) @ Vt[:k]


@constrained(matrix=Matrix(), approximation=Matrix())
def frobenius_error(matrix, approximation) -> float:
    """Frobenius norm of `matrix - approximation`: the root of the summed squared differences.

    Introduced in notebook 01.
    """
    a, b = matrix, approximation
    if a.shape != b.shape:
        raise ValueError(f"approximation must have shape {a.shape}, got {b.shape}")
    error = float(np.linalg.norm(a - b))
    check_finite_result(error, "frobenius_error", "the values are too large to square in floating point")
    return error


@constrained(s=Vector(what="singular values"), k=Integer(low=0, deferred=True))
def eckart_young_error(s, k: int) -> float:
    """Error of the best rank-`k` approximation: the norm of the singular values that are dropped.

    Introduced in notebook 01.
    """
    if (s < 0).any() or (np.diff(s) > 0).any():
        raise ValueError(
            f"s must hold singular values sorted largest first, as truncated_svd returns them, got {np.round(s, 3)}; "
            "sort them with np.sort(s)[::-1]"
        )
    k = check_int(k, "k", low=0, high=s.size)
    return float(np.sqrt(np.sum(s[k:] ** 2)))


@constrained(a=Matrix(), b=Matrix())
def principal_angles(a, b) -> np.ndarray:
    """Angles in degrees between the spaces spanned by the columns of `a` and of `b` (0 = same space).

    Introduced in notebook 02.
    """
    from scipy.linalg import subspace_angles

    if a.shape[0] != b.shape[0]:
        raise ValueError(
            f"a and b must have the same number of rows (vectors of one space), got {a.shape} and {b.shape}"
        )
    for name, columns in (("a", a), ("b", b)):
        if not np.linalg.norm(columns, axis=0).all():
            raise ValueError(f"{name} has an all-zero column, which spans no direction; drop it")
    return np.degrees(subspace_angles(a, b))[::-1]
