"""Bias-imputed SVD (helpers/models/imputed_svd.py): gaps filled by the bias model, then truncated; or the
residuals from the biases truncated, the biases added back."""

import numpy as np
import pytest
import scipy.sparse as sp

from helpers import (
    Recommender,
    bias_filled_svd,
    fit_baseline,
    original_missing_ratings,
    predict_als_matrix,
    reconstruct,
    residual_svd,
    split_observed,
    truncated_svd,
)

RATINGS, OBSERVED = original_missing_ratings(seed=42, n_missing=50)
TRAIN, _ = split_observed(OBSERVED, test_fraction=0.3, seed=0)


def test_it_is_the_truncated_svd_of_the_bias_filled_matrix():
    baseline = predict_als_matrix(fit_baseline(RATINGS, TRAIN, shrinkage=5.0))
    filled = np.where(TRAIN, RATINGS, baseline)
    expected = reconstruct(*truncated_svd(filled, 3))
    model = bias_filled_svd(RATINGS, TRAIN, k=3, shrinkage=5.0)
    assert isinstance(model, Recommender)
    np.testing.assert_allclose(model.scores(), expected)


def test_full_rank_gives_back_the_filled_matrix():
    model = bias_filled_svd(RATINGS, TRAIN, k=10)
    np.testing.assert_allclose(model.scores()[TRAIN], RATINGS[TRAIN])
    assert not np.any(np.isnan(model.scores()))


def test_sparse_and_dense_inputs_agree():
    sparse = sp.csr_array(np.where(TRAIN, RATINGS, 0.0))
    np.testing.assert_allclose(bias_filled_svd(sparse, k=2).scores(), bias_filled_svd(RATINGS, TRAIN, k=2).scores())


def test_the_gaps_are_not_pulled_to_zero():
    gaps = ~TRAIN
    zero_fill = reconstruct(*truncated_svd(np.where(TRAIN, RATINGS, 0.0), 3))
    filled = bias_filled_svd(RATINGS, TRAIN, k=3).scores()
    assert filled[gaps].mean() > 3 > zero_fill[gaps].mean()


def test_k_above_the_shape_is_refused():
    with pytest.raises(ValueError, match="k"):
        bias_filled_svd(RATINGS, TRAIN, k=11)


def test_residual_svd_is_the_biases_plus_the_truncated_svd_of_their_residuals():
    baseline = fit_baseline(RATINGS, TRAIN, shrinkage=5.0)
    residuals = np.where(TRAIN, RATINGS - predict_als_matrix(baseline), 0.0)
    expected = predict_als_matrix(baseline) + reconstruct(*truncated_svd(residuals, 3))
    model = residual_svd(RATINGS, TRAIN, k=3, shrinkage=5.0)
    assert isinstance(model, Recommender)
    np.testing.assert_allclose(model.scores(), expected)
    np.testing.assert_allclose(model.user_bias, baseline.user_bias)


def test_residual_svd_at_full_rank_gives_back_the_training_ratings_and_the_baseline_in_the_gaps():
    model = residual_svd(RATINGS, TRAIN, k=10)
    np.testing.assert_allclose(model.scores()[TRAIN], RATINGS[TRAIN])
    baseline = predict_als_matrix(fit_baseline(RATINGS, TRAIN))
    np.testing.assert_allclose(model.scores()[~TRAIN], baseline[~TRAIN])


def test_residual_and_bias_filled_svd_differ_below_full_rank_but_not_at_it():
    filled, residual = bias_filled_svd(RATINGS, TRAIN, k=3), residual_svd(RATINGS, TRAIN, k=3)
    assert not np.allclose(filled.scores(), residual.scores())  # truncation does not commute with adding the baseline
    np.testing.assert_allclose(
        bias_filled_svd(RATINGS, TRAIN, k=10).scores(), residual_svd(RATINGS, TRAIN, k=10).scores()
    )


def test_residual_svd_refuses_k_above_the_shape():
    with pytest.raises(ValueError, match="k"):
        residual_svd(RATINGS, TRAIN, k=11)
