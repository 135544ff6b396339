"""The cases, answer and typical-mistake code of notebook 04's exercise on the side-information
hybrid (`ridge_from_features`): a ridge regression from films' 0/1 features to their fitted
[b_i, q_i], with an intercept the penalty must not shrink (the helper `fit_feature_ridge`).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 04.
"""

from __future__ import annotations

import numpy as np

from helpers.models.side_features import fit_feature_ridge
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _feature_case(rng):
    n_films, n_flags, k = int(rng.integers(8, 16)), int(rng.integers(2, 6)), int(rng.integers(1, 4))
    F = (rng.random((n_films, n_flags)) < 0.4).astype(float)
    effects = rng.normal(size=(n_flags, k + 1))
    V = 0.8 + F @ effects + rng.normal(scale=0.3, size=(n_films, k + 1))  # an offset the intercept must carry
    return dict(
        F=F,
        V=V,
        F_new=(rng.random((int(rng.integers(1, 5)), n_flags)) < 0.4).astype(float),
        alpha=float(rng.choice([0.5, 2.0, 10.0])),
    )


def _ridge_from_features(F, V, F_new, alpha):
    return fit_feature_ridge(F, V, alpha=alpha).predict(F_new)


def _solve(X, Y, alpha, penalty=None):
    penalty = alpha * np.eye(X.shape[1]) if penalty is None else penalty
    return np.linalg.solve(X.T @ X + penalty, X.T @ Y)


def _ones(F):
    return np.column_stack([np.ones(len(F)), F])


_MISTAKES = (
    _Mistake(
        lambda F, V, F_new, alpha: F_new @ _solve(F, V, alpha),
        "there is no intercept: the films' average [b_i, q_i] must come from somewhere. Centre the features "
        "and the targets on the fitted films' means (or add a column of ones that is not penalised).",
    ),
    _Mistake(
        lambda F, V, F_new, alpha: _ones(F_new) @ _solve(_ones(F), V, alpha),
        "the intercept is penalised: a column of ones under the same alpha shrinks the average [b_i, q_i] "
        "towards 0. Leave it out of the penalty, e.g. by centring both sides on the fitted films' means.",
    ),
    _Mistake(
        lambda F, V, F_new, alpha: (F_new - F.mean(axis=0)) @ _solve(F - F.mean(axis=0), V - V.mean(axis=0), alpha),
        "the targets' means are not added back: the prediction is mean(V) + (x - mean(F)) W.",
    ),
    _Mistake(
        lambda F, V, F_new, alpha: (
            V.mean(axis=0) + (F_new - F_new.mean(axis=0)) @ _solve(F - F.mean(axis=0), V - V.mean(axis=0), alpha)
        ),
        "the new films are centred on their own means: use the fitted films' feature means, the ones the "
        "weights were learnt around (a single new film would otherwise always get the average).",
    ),
    _Mistake(
        lambda F, V, F_new, alpha: (
            V.mean(axis=0) + (F_new - F.mean(axis=0)) @ _solve(F - F.mean(axis=0), V - V.mean(axis=0), alpha * len(F))
        ),
        "alpha is multiplied by the number of films: the ridge here is (X^T X + alpha I)^-1 X^T Y with alpha as given.",
    ),
)


_EXERCISES_FEATURE_RIDGE = {
    "ridge_from_features": _Exercise(
        signature="ridge_from_features(F, V, F_new, alpha) -> the predicted [b_i, q_i] rows of the new films",
        cases=_feature_case,
        reference=_ridge_from_features,
        course_answers=("fit_feature_ridge",),
        mistakes=_MISTAKES,
        hint="fit the ridge on the fitted films with an intercept that alpha does not shrink (centre both sides on "
        "those films' means), then predict each new film from its features, around the same means.",
    ),
}
