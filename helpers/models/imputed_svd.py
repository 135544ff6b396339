"""Bias-imputed SVD (Sarwar et al. 2000): fill the missing cells with a baseline, then truncate.

The first fix one would try for zero-fill: instead of 0, write the bias model's prediction
mu + b_u + b_i (fit_baseline) into every cell without a rating, keep the observed ratings, and take
the rank-k truncated SVD of the full matrix (truncated_svd). The gaps now pull the factors towards
the baseline rather than towards 0, but they still count as much as real ratings in the fit.
"""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Integer, Mask, Ratings, Real, constrained
from helpers.core.validation import MAX_SWEEPS, check_int
from helpers.models.factorization import _observed_ratings, fit_baseline, predict_als_matrix
from helpers.models.svd import SVDFactors, truncated_svd

__all__ = ["bias_filled_svd"]


@constrained(
    ratings=Ratings(),
    mask=Mask(),
    k=Integer(low=1, deferred=True),
    shrinkage=Real(low=0.0),
    n_iters=Integer(low=1, high=MAX_SWEEPS),
)
def bias_filled_svd(ratings, mask=None, *, k: int, shrinkage: float = 5.0, n_iters: int = 10) -> SVDFactors:
    """Rank-`k` SVD of the ratings with every gap filled by the bias model mu + b_u + b_i.

    The biases are fit_baseline's on the observed ratings (`shrinkage` = beta, `n_iters` passes);
    observed cells keep their ratings. `ratings` and `mask` are given as to fit_als (dense with a
    mask, or SciPy sparse: made dense here, so for matrices that fit in memory). Returns the
    SVDFactors (U, s, Vt), whose `scores()` is the rank-k reconstruction: the predictions.

    Introduced in notebook 03.
    """
    by_user, _ = _observed_ratings(ratings, mask)
    k = check_int(k, "k", low=1, high=min(by_user.shape))
    baseline = predict_als_matrix(fit_baseline(by_user, shrinkage=shrinkage, n_iters=n_iters))
    observed = by_user.toarray() != 0  # a stored rating is never 0 (check_ratings refuses it)
    filled = np.where(observed, by_user.toarray(), baseline)
    return truncated_svd(filled, k)
