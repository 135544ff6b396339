"""Bias-imputed SVD (after Sarwar et al. 2000): the SVD with the bias model in the gaps, two ways.

The first fix one would try for zero-fill: instead of 0, write the bias model's prediction
mu + b_u + b_i (fit_baseline) into every cell without a rating, keep the observed ratings, and take
the rank-k truncated SVD of the full matrix (`bias_filled_svd`). The gaps now pull the factors
towards the baseline rather than towards 0, but they still count as much as real ratings in the fit.
`residual_svd` factorises instead what the biases leave over, r_ui - (mu + b_u + b_i), with 0 in
the gaps, and adds the biases back: the SVD spends no factor on the baseline.
"""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Integer, Mask, Ratings, Real, constrained
from helpers.core.validation import MAX_SWEEPS, check_int
from helpers.models.factorization import FactorModel, _observed_ratings, fit_baseline, predict_als_matrix
from helpers.models.svd import SVDFactors, truncated_svd

__all__ = ["bias_filled_svd", "residual_svd"]

_SETTINGS = dict(
    ratings=Ratings(),
    mask=Mask(),
    k=Integer(low=1, deferred=True),
    shrinkage=Real(low=0.0),
    n_iters=Integer(low=1, high=MAX_SWEEPS),
)


def _baseline_and_ratings(ratings, mask, k, shrinkage, n_iters):
    """The fitted biases, the observed ratings as a dense matrix (0 where none) and where they are; k checked."""
    by_user, _ = _observed_ratings(ratings, mask)
    k = check_int(k, "k", low=1, high=min(by_user.shape))
    baseline = fit_baseline(by_user, shrinkage=shrinkage, n_iters=n_iters)
    dense = by_user.toarray()
    return baseline, dense, dense != 0, k  # a stored rating is never 0 (check_ratings refuses it)


def _svd_of_residuals(R, observed, mu, b_user, b_item, k):
    """U diag(s) (users x k) and V (items x k) of the rank-k SVD of R - (mu + b_u + b_i) on `observed`, 0 elsewhere."""
    residuals = np.where(observed, R - (mu + b_user[:, None] + b_item[None, :]), 0.0)
    U, s, Vt = truncated_svd(residuals, k)
    return U * s, Vt.T


@constrained(**_SETTINGS)
def bias_filled_svd(ratings, mask=None, *, k: int, shrinkage: float = 5.0, n_iters: int = 10) -> SVDFactors:
    """Rank-`k` SVD of the ratings with every gap filled by the bias model mu + b_u + b_i.

    The biases are fit_baseline's on the observed ratings (`shrinkage` = beta, `n_iters` passes);
    observed cells keep their ratings. `ratings` and `mask` are given as to fit_als (dense with a
    mask, or SciPy sparse: made dense here, so for matrices that fit in memory). Returns the
    SVDFactors (U, s, Vt), whose `scores()` is the rank-k reconstruction: the predictions.

    Introduced in notebook 03.
    """
    baseline, dense, observed, k = _baseline_and_ratings(ratings, mask, k, shrinkage, n_iters)
    return truncated_svd(np.where(observed, dense, predict_als_matrix(baseline)), k)


@constrained(**_SETTINGS)
def residual_svd(ratings, mask=None, *, k: int, shrinkage: float = 5.0, n_iters: int = 10) -> FactorModel:
    """The biases plus a rank-`k` SVD of what they leave over: mu + b_u + b_i + p_u . q_i.

    The biases are fit_baseline's on the observed ratings, as in `bias_filled_svd`; the factors
    are the truncated SVD of the residuals r_ui - (mu + b_u + b_i), 0 in every gap (the gap's guess
    is the baseline itself), with P = U diag(s) and Q = V. Unlike ALS's factors they are fitted to
    every cell, gaps included, without a penalty. Returns a FactorModel (reg = 0, the biases'
    `shrinkage` and `n_iters`); `ratings` and `mask` are given as to fit_als.

    Introduced in notebook 03.
    """
    baseline, dense, observed, k = _baseline_and_ratings(ratings, mask, k, shrinkage, n_iters)
    P, Q = _svd_of_residuals(dense, observed, baseline.global_mean, baseline.user_bias, baseline.item_bias, k)
    return FactorModel(
        global_mean=baseline.global_mean,
        user_bias=baseline.user_bias,
        item_bias=baseline.item_bias,
        user_factors=P,
        item_factors=Q,
        reg=0.0,
        reg_scaling="plain",
        n_iters=n_iters,
        shrinkage=shrinkage,
    )
