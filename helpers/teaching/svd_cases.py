"""The cases, answers and typical-mistake code of notebook 01's exercises: the rank-k reconstruction
from factors in any order, the smallest rank that keeps a share of the matrix's energy, and each
user's error under a rank-k model.

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 01.
"""

from __future__ import annotations

import numpy as np

from helpers.models.svd import eckart_young_error, reconstruct, truncated_svd
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _shuffled(rng, size):
    """An order of `size` factors that is not largest first: svds' ascending one, or a random one."""
    if rng.random() < 0.4:
        return np.arange(size)[::-1]
    order = rng.permutation(size)
    while np.array_equal(order, np.arange(size)):
        order = rng.permutation(size)
    return order


# --- 01: the rank-k reconstruction --------------------------------------------------------------


def _factors_case(rng):
    m, n = int(rng.integers(4, 8)), int(rng.integers(4, 7))
    R = rng.integers(0, 6, size=(m, n)).astype(float)
    U, s, Vt = np.linalg.svd(R, full_matrices=False)
    order = _shuffled(rng, s.size)
    k = s.size if rng.random() < 0.2 else int(rng.integers(1, s.size - 1))  # sometimes every factor
    return dict(U=U[:, order], s=s[order], Vt=Vt[order], k=k)


def _rank_k_approximation(U, s, Vt, k):
    return reconstruct(*truncated_svd((U * s) @ Vt, k))


def _top(s, k):
    """The positions of the k largest singular values, largest first."""
    return np.argsort(s)[::-1][:k]


# --- 01: the smallest rank that keeps a share of the energy --------------------------------------


def _spectrum_case(rng):
    m, n = int(rng.integers(4, 9)), int(rng.integers(3, 7))
    R = rng.integers(0, 6, size=(m, n)).astype(float)
    if rng.random() < 0.3:
        R[-1] = R[0]  # a repeated row: one singular value is 0
    s = np.linalg.svd(R, compute_uv=False)
    return dict(s=s[_shuffled(rng, s.size)], share=float(np.round(rng.uniform(0.6, 0.995), 3)))


def _smallest_rank(s, share):
    s = np.sort(s)[::-1]  # eckart_young_error wants them largest first, as truncated_svd returns them
    total = eckart_young_error(s, 0) ** 2  # ||R||_F^2, the error of the rank-0 model
    return next(k for k in range(s.size + 1) if total - eckart_young_error(s, k) ** 2 >= share * total)


def _first_reaching(kept, share):
    return int(np.argmax(kept >= share))


# --- 01: each user's error under the rank-k model ------------------------------------------------


def _sorted_factors_case(rng):
    m, n = int(rng.integers(4, 8)), int(rng.integers(3, 6))
    R = rng.integers(0, 6, size=(m, n)).astype(float)
    U, s, Vt = truncated_svd(R, min(R.shape))
    k = s.size if rng.random() < 0.2 else int(rng.integers(1, s.size - 1))  # sometimes every factor
    return dict(U=U, s=s, Vt=Vt, k=k)


def _user_errors(U, s, Vt, k):
    return np.linalg.norm(reconstruct(U, s, Vt) - reconstruct(U, s, Vt, k), axis=1)


_EXERCISES_SVD = {
    "rank_k_approximation": _Exercise(
        signature="rank_k_approximation(U, s, Vt, k) -> the rank-k reconstruction R_k (m x n)",
        cases=_factors_case,
        reference=_rank_k_approximation,
        course_answers=("reconstruct", "truncated_svd"),
        mistakes=(
            _Mistake(
                lambda U, s, Vt, k: (U[:, :k] * s[:k]) @ Vt[:k],
                "the factors are not sorted: the first k given are not the k largest. Sort them by singular "
                "value, largest first (np.argsort(s)[::-1]), then keep k.",
            ),
            _Mistake(
                lambda U, s, Vt, k: U[:, _top(s, k)] @ Vt[_top(s, k)],
                "Sigma is missing: scale column j of U by s[j] (U[:, keep] * s[keep]) before multiplying by Vt.",
            ),
            _Mistake(
                lambda U, s, Vt, k: (U[:, _top(s, k + 1)] * s[_top(s, k + 1)]) @ Vt[_top(s, k + 1)],
                "one factor too many: keep exactly k factors, positions 0 to k-1 of the sorted order.",
            ),
            _Mistake(
                lambda U, s, Vt, k: (U[:, _top(s, k - 1)] * s[_top(s, k - 1)]) @ Vt[_top(s, k - 1)],
                "one factor too few: [:k] already keeps k factors (0 to k-1).",
            ),
            _Mistake(
                lambda U, s, Vt, k: (U[:, _top(s, k)] * s[_top(s, k)]) @ Vt[:k],
                "the rows of Vt were not reordered with U's columns and s: factor j is the triple "
                "(U[:, j], s[j], Vt[j]), so pick the same positions in all three.",
            ),
            _Mistake(
                lambda U, s, Vt, k: (U[:, _top(s, k)] * s[_top(s, k)]) @ Vt[:, _top(s, k)],
                "Vt is sliced by columns: its factors are its rows (one row per factor, one column per item), "
                "so keep Vt[keep], not Vt[:, keep].",
            ),
            _Mistake(
                lambda U, s, Vt, k: (U * s) @ Vt,
                "k is ignored: that is every factor, the matrix itself; keep only the k largest.",
            ),
        ),
        hint="sort the factors by s, largest first; keep the first k of U's columns, of s and of Vt's rows; "
        "rebuild (U_k * s_k) @ Vt_k.",
    ),
    "smallest_rank": _Exercise(
        signature="smallest_rank(s, share) -> the smallest k whose R_k keeps at least `share` of ||R||_F^2",
        cases=_spectrum_case,
        reference=_smallest_rank,
        mistakes=(
            _Mistake(
                lambda s, share: _first_reaching(np.cumsum(s**2) / np.sum(s**2), share) + 1,
                "the singular values are not sorted: sort them largest first before adding them up "
                "(svds returns them ascending).",
            ),
            _Mistake(
                lambda s, share: _first_reaching(np.cumsum(np.sort(s)[::-1]) / np.sum(s), share) + 1,
                "the energy is the sum of the squared singular values, ||R||_F^2 = sum of sigma_j^2, "
                "not the sum of the sigma_j.",
            ),
            _Mistake(
                lambda s, share: _first_reaching(np.cumsum(np.sort(s)[::-1] ** 2) / np.sum(s**2), share),
                "off by one: np.argmax gives the 0-based position of the first rank that reaches the share; "
                "the rank k is that position + 1.",
            ),
            _Mistake(
                lambda s, share: next(
                    k
                    for k in range(s.size + 1)
                    if eckart_young_error(np.sort(s)[::-1], k) <= (1 - share) * np.linalg.norm(s)
                ),
                "the error's norm is compared with 1 - share: the share is of the squared norm, so compare "
                "||R - R_k||_F^2 with (1 - share) ||R||_F^2.",
            ),
        ),
        hint="sort s largest first; rank k keeps sum(s[:k]**2) / sum(s**2) of the energy (Eckart-Young: it "
        "loses the squares of the rest); return the first k that reaches share.",
    ),
    "user_errors": _Exercise(
        signature="user_errors(U, s, Vt, k) -> each user's error ||r_u - (R_k)_u|| (one per user)",
        cases=_sorted_factors_case,
        reference=_user_errors,
        mistakes=(
            _Mistake(
                lambda U, s, Vt, k: np.linalg.norm((U * s) @ Vt - (U[:, :k] * s[:k]) @ Vt[:k], axis=0),
                "that is one error per item (a column's norm): a user's error is the norm of their row, axis=1.",
            ),
            _Mistake(
                lambda U, s, Vt, k: np.linalg.norm((U * s) @ Vt - (U[:, :k] * s[:k]) @ Vt[:k]),
                "that is one number for the whole matrix: return one error per user, the norm of each row.",
            ),
            _Mistake(
                lambda U, s, Vt, k: np.linalg.norm(U[:, k:], axis=1),
                "Sigma is missing: a user's coordinates are p_u, the row of U Sigma, not the row of U.",
            ),
            _Mistake(
                lambda U, s, Vt, k: np.linalg.norm((U * s)[:, :k], axis=1),
                "that is the length of what R_k keeps: the error is what it drops, the entries of p_u after the k-th.",
            ),
            _Mistake(
                lambda U, s, Vt, k: np.sum(((U * s)[:, k:]) ** 2, axis=1),
                "that is the squared error: take its square root, the norm of the row.",
            ),
            _Mistake(
                lambda U, s, Vt, k: np.linalg.norm((U * s)[:, k + 1 :], axis=1),
                "off by one: R_k keeps factors 0 to k-1, so it drops p_u[k:], from position k on.",
            ),
        ),
        hint="rebuild R (every factor) and R_k, and take the norm of each row of R - R_k; or, since the rows "
        "of Vt are orthonormal, the norm of each user's p_u entries from position k on.",
    ),
}
