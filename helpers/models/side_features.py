"""Side information for a film nobody has rated yet: ridge regression from its features to its factors (notebook 04).

A factor model knows a film only through its ratings. A film with none still has features (its
genres, its year), and the films the model was fitted on pair those features with fitted biases
and factors. `fit_feature_ridge` learns that map by ridge regression; a new film then gets the
bias and factors its features predict, and a rating for every user before anyone has rated it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Matrix, Real, constrained
from helpers.core.validation import check_finite_result, check_matrix, describe

__all__ = ["FeatureRidge", "fit_feature_ridge"]


@dataclass(frozen=True, eq=False)
class FeatureRidge:
    """A fitted ridge map from features to targets: targets ~ intercept + (features - feature_means) @ weights.

    Introduced in notebook 04.
    """

    intercept: np.ndarray  # one per target column: the targets' means
    feature_means: np.ndarray
    weights: np.ndarray  # features x targets
    alpha: float

    def predict(self, features) -> np.ndarray:
        """The predicted targets, one row per row of `features` (as many columns as the fit's features)."""
        features = check_matrix(features, "features")
        if features.shape[1] != self.weights.shape[0]:
            raise ValueError(
                f"features must have the fit's {self.weights.shape[0]} columns, got {features.shape[1]}; "
                "build them the same way as for the fit"
            )
        return self.intercept + (features - self.feature_means) @ self.weights


@constrained(features=Matrix(), targets=Matrix(), alpha=Real(low=0.0))
def fit_feature_ridge(features, targets, *, alpha: float) -> FeatureRidge:
    """Ridge regression of `targets` (rows: films, columns: e.g. [b_i, q_i]) on `features`, intercept unpenalised.

    With X and Y centred by their column means, W = (X^T X + alpha I)^-1 X^T Y, and a new row x is
    predicted as mean(Y) + (x - mean(X)) W. alpha = 0 is least squares (the smallest-norm W when
    X^T X is singular, e.g. duplicate columns).

    Introduced in notebook 04.
    """
    if features.shape[0] != targets.shape[0]:
        raise ValueError(
            f"features and targets must have one row per film each, got {features.shape[0]} and "
            f"{targets.shape[0]} rows; pass the same films in the same order"
        )
    if features.shape[0] < 2:
        raise ValueError(f"features must have at least 2 rows to fit a map, got {describe(features)}")
    feature_means, intercept = features.mean(axis=0), targets.mean(axis=0)
    X, Y = features - feature_means, targets - intercept
    gram = X.T @ X + alpha * np.eye(X.shape[1])
    weights = np.linalg.solve(gram, X.T @ Y) if alpha > 0 else np.linalg.pinv(gram, hermitian=True) @ (X.T @ Y)
    check_finite_result(weights, "fit_feature_ridge's weights", "the features or targets are too large; rescale them")
    return FeatureRidge(intercept=intercept, feature_means=feature_means, weights=weights, alpha=float(alpha))
