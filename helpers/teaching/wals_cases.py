"""The cases, answer and typical-mistake code of notebook 07's exercise on one user's step of weighted
matrix factorisation (section 4: weight 1 and the rating on rated cells, weight w0 and target 0 on the
others, the penalty lambda W_u), written with the Gram trick.

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 07.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from helpers.models.ranking_models import _half_step
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


# --- 07: one user's step of weighted matrix factorisation (w0 on the unrated cells) -----------------


def _wals_case(rng):
    n_items, k = int(rng.integers(5, 13)), int(rng.integers(1, 5))
    r = np.where(rng.random(n_items) < 0.4, rng.integers(1, 6, size=n_items), 0).astype(float)
    r[rng.integers(n_items)] = float(rng.integers(1, 6))  # at least one rated film
    return dict(
        Q=rng.normal(scale=0.5, size=(n_items, k)),
        r=r,
        w0=float(rng.choice([0.01, 0.1, 0.3, 0.7, 1.0])),
        lam=float(rng.choice([0.01, 0.1, 0.5])),
    )


def _wals_user_step(Q, r, w0, lam):
    """The course's half-step (`_half_step`, as fit_weighted_als runs it) for this one user."""
    rated = np.flatnonzero(r)

    def one_row(values):
        return sp.csr_array((values, rated, [0, rated.size]), shape=(1, Q.shape[0]))

    return _half_step(one_row(r[rated]), one_row(np.ones(rated.size)), Q, w0=w0, reg=lam, weighted=True)[0]


def _wals_variant(*, shared=True, unrated_weight=None, correction="1 - w0", penalty="W_u", right=1.0):
    """The weighted step with one part built another way: shared Gram, correction, penalty or right side."""

    def wrong(Q, r, w0, lam):
        rated = r > 0
        Q_u, n_u, n = Q[rated], rated.sum(), Q.shape[0]
        weight = w0 if unrated_weight is None else unrated_weight
        gram = (weight if shared else 0.0) * (Q.T @ Q)
        gram = gram + {"1 - w0": 1 - weight, "1": 1.0, "0": 0.0}[correction] * (Q_u.T @ Q_u)
        total = {"W_u": n_u + w0 * (n - n_u), "n_u": n_u, "n": n, "plain": 1.0}[penalty]
        rhs = (1 - w0 if right == "1 - w0" else right) * (Q_u.T @ r[rated])
        return np.linalg.solve(gram + lam * total * np.eye(Q.shape[1]), rhs)

    return wrong


_WALS_MISTAKES = (
    _Mistake(
        _wals_variant(shared=False, correction="1"),
        "the unrated films are left out: that is the masked model (w0 = 0). Every unrated film counts "
        "with weight w0 and target 0, which puts w0 Q^T Q on the left side.",
    ),
    _Mistake(
        _wals_variant(correction="1"),
        "the rated films are counted twice: w0 Q^T Q already holds them with weight w0, so the "
        "correction over them is (1 - w0) Q_u^T Q_u, bringing their weight to 1.",
    ),
    _Mistake(
        _wals_variant(unrated_weight=1.0),
        "the unrated films get weight 1: their weight is w0, so the shared part is w0 Q^T Q.",
    ),
    _Mistake(
        _wals_variant(penalty="plain"),
        "the penalty has lost its weight: section 4's is lambda W_u |p_u|^2, with W_u = n_u + w0 (n - n_u) "
        "the total weight of the user's cells.",
    ),
    _Mistake(
        _wals_variant(penalty="n_u"),
        "W_u counts only the rated films: every unrated cell adds w0 to the user's total weight, "
        "W_u = n_u + w0 (n - n_u).",
    ),
    _Mistake(
        _wals_variant(penalty="n"),
        "W_u counts every film as a rating: an unrated cell weighs w0, so W_u = n_u + w0 (n - n_u).",
    ),
    _Mistake(
        _wals_variant(right="1 - w0"),
        "the right side is scaled: rated cells have weight 1 and unrated ones target 0, so it is "
        "Q_u^T r_u as it stands (only the left side splits into w0 Q^T Q and a correction).",
    ),
)


_EXERCISES_WALS = {
    "wals_user_step": _Exercise(
        signature="wals_user_step(Q, r, w0, lam) -> the user's factors p_u (one per column of Q)",
        cases=_wals_case,
        reference=_wals_user_step,
        mistakes=_WALS_MISTAKES,
        hint="set the gradient in p_u to zero: rated films weigh 1 with their ratings as targets, unrated ones "
        "w0 with target 0, and the penalty is lambda W_u |p_u|^2; then split the left side into w0 Q^T Q and a "
        "correction over the rated films.",
    ),
}
