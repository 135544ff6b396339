"""The feature ridge: a new film's bias and factors from its features, checked against SciPy's least squares."""

import numpy as np
import pytest
import scipy.linalg

from helpers import fit_feature_ridge


def _data(seed=0):
    rng = np.random.default_rng(seed)
    features = (rng.random((40, 6)) < 0.4).astype(float)
    targets = features @ rng.normal(size=(6, 3)) + 0.5 + rng.normal(scale=0.1, size=(40, 3))
    return features, targets


@pytest.mark.parametrize("alpha", [0.0, 0.5, 10.0])
def test_it_agrees_with_scipy_least_squares_on_the_augmented_system(alpha):
    features, targets = _data()
    ridge = fit_feature_ridge(features, targets, alpha=alpha)
    X, Y = features - features.mean(axis=0), targets - targets.mean(axis=0)
    augmented = np.vstack([X, np.sqrt(alpha) * np.eye(X.shape[1])])
    weights = scipy.linalg.lstsq(augmented, np.vstack([Y, np.zeros((X.shape[1], Y.shape[1]))]))[0]
    np.testing.assert_allclose(ridge.weights, weights, atol=1e-10)
    np.testing.assert_allclose(ridge.predict(features).mean(axis=0), targets.mean(axis=0))


def test_a_huge_penalty_predicts_the_mean_target():
    features, targets = _data(1)
    ridge = fit_feature_ridge(features, targets, alpha=1e12)
    np.testing.assert_allclose(ridge.predict(features[:3]), np.tile(targets.mean(axis=0), (3, 1)), atol=1e-8)


def test_predict_wants_the_fits_columns():
    features, targets = _data()
    with pytest.raises(ValueError, match="6 columns"):
        fit_feature_ridge(features, targets, alpha=1.0).predict(features[:, :4])
