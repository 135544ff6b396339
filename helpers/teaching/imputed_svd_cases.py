"""The cases, answer and typical-mistake code of notebook 03's exercise on the SVD of the residuals
from the biases (`svd_of_residuals`): what the biases leave over on the training cells, 0 in
every gap, truncated to rank k, the biases added back (the helper `residual_svd`).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np

from helpers.models.imputed_svd import _svd_of_residuals
from helpers.models.svd import reconstruct, truncated_svd
from helpers.teaching.exercise_spec import _Exercise, _Mistake
from helpers.teaching.factorization_cases import _fitted_and_held_out

__all__: list[str] = []


def _residual_case(rng):
    n_users, n_items = int(rng.integers(4, 8)), int(rng.integers(4, 8))
    R, train = _fitted_and_held_out(rng, n_users, n_items, 0.55)
    return dict(
        R=R,
        train=train,
        mu=float(np.round(rng.uniform(4, 7), 2)),
        b_user=rng.normal(scale=0.8, size=n_users),
        b_item=rng.normal(scale=0.8, size=n_items),
        k=int(rng.integers(1, min(n_users, n_items) - 1)),
    )


def _baseline(mu, b_user, b_item):
    return mu + b_user[:, None] + b_item[None, :]


def _svd_of_residuals_reference(R, train, mu, b_user, b_item, k):
    P, Q = _svd_of_residuals(R, train, mu, b_user, b_item, k)
    return _baseline(mu, b_user, b_item) + P @ Q.T


def _rank_k(matrix, k):
    return reconstruct(*truncated_svd(matrix, k))


def _residual_mistake(*, observed="train", baseline="biases", gaps="zero", add_back=True, extra_rank=0):
    """The course's answer with one decision taken another way."""

    def wrong(R, train, mu, b_user, b_item, k):
        cells = train if observed == "train" else R != 0
        full = _baseline(mu, b_user, b_item)
        guess = full if baseline == "biases" else np.full_like(full, mu)
        residuals = np.where(cells, R - guess, 0.0 if gaps == "zero" else guess)
        fitted = residuals if extra_rank is None else _rank_k(residuals, k + extra_rank)
        return fitted + guess if add_back else fitted

    return wrong


_MISTAKES = (
    _Mistake(
        _residual_mistake(observed="R != 0"),
        "the held-out ratings leak in: R also holds ratings the model must not see (like 03's test "
        "ratings), so the residuals come from the cells marked in train, not from R != 0.",
    ),
    _Mistake(
        _residual_mistake(add_back=False),
        "the biases are not added back: the SVD predicts what they leave over, so the prediction is "
        "mu + b_u + b_i plus the rank-k reconstruction.",
    ),
    _Mistake(
        lambda R, train, mu, b_user, b_item, k: _rank_k(np.where(train, R, _baseline(mu, b_user, b_item)), k),
        "that is bias_filled_svd, the SVD of the filled ratings themselves: here the SVD factorises the "
        "residuals r_ui - (mu + b_u + b_i), and the biases are added back afterwards; truncation does not "
        "commute with adding the baseline, so the two differ.",
    ),
    _Mistake(
        _residual_mistake(gaps="baseline"),
        "the gaps hold the biases' guess inside the residual matrix: a gap's guess *is* the baseline, so "
        "its residual is 0.",
    ),
    _Mistake(
        lambda R, train, mu, b_user, b_item, k: (
            _rank_k(np.where(train, R, 0.0) - _baseline(mu, b_user, b_item), k) + _baseline(mu, b_user, b_item)
        ),
        "the baseline is taken out of the zero-filled matrix, so every gap holds -(mu + b_u + b_i): a gap is not "
        "a rating of 0, and its residual is 0 (its guess is the baseline itself).",
    ),
    _Mistake(
        lambda R, train, mu, b_user, b_item, k: _rank_k(np.where(train, R, 0.0), k) + _baseline(mu, b_user, b_item),
        "the training cells hold the ratings themselves: the SVD factorises the residuals r_ui - (mu + b_u + b_i) "
        "there, so that adding the biases back does not count them twice.",
    ),
    _Mistake(
        _residual_mistake(baseline="mean"),
        "only the global mean is taken out and put back: the residual is r_ui - (mu + b_u + b_i), with "
        "the user's and the item's biases.",
    ),
    _Mistake(
        _residual_mistake(extra_rank=None),
        "nothing is truncated: keep only the first k singular values and vectors of the residual matrix.",
    ),
    _Mistake(
        _residual_mistake(extra_rank=1),
        "one factor too many: the rank-k reconstruction keeps s[:k], the k largest singular values.",
    ),
)


_EXERCISES_IMPUTED_SVD = {
    "svd_of_residuals": _Exercise(
        signature="svd_of_residuals(R, train, mu, b_user, b_item, k) -> the predictions (users x items)",
        cases=_residual_case,
        reference=_svd_of_residuals_reference,
        mistakes=_MISTAKES,
        hint="build the matrix the SVD factorises: what the biases leave over where the model has a training "
        "rating, and in every other cell the residual of a guess that is the baseline itself; truncate it to rank "
        "k as in notebook 01, then undo what you took out.",
    ),
}
