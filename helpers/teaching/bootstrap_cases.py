"""The cases, answer and typical-mistake code of notebook 03's exercise on the bootstrap over users
(`resampled_rmse`): the RMSE of one resample, in which each drawn user brings all their test
ratings, as often as they were drawn (the statistic `rmse_interval` hands scipy.stats.bootstrap).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np

from helpers.evaluation.uncertainty import _by_user, _pooled_rmse
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _resample_case(rng):
    labels = np.sort(rng.choice(30, size=int(rng.integers(3, 8)), replace=False))  # user ids, not 0..n-1
    per_user = rng.integers(1, 5, size=labels.size)  # each user's number of test ratings
    users = rng.permutation(np.repeat(labels, per_user))
    y_true = rng.integers(1, 6, size=users.size).astype(float)
    picks = rng.choice(labels, size=labels.size, replace=True)
    picks[1] = picks[0]  # at least one user drawn twice
    return dict(users=users, y_true=y_true, y_pred=y_true + rng.normal(scale=1.0, size=users.size), picks=picks)


def _resampled_rmse(users, y_true, y_pred, picks):
    squared, counts = _by_user(users, (y_pred - y_true) ** 2)  # per user, in the order of np.unique(users)
    positions = np.searchsorted(np.unique(users), picks)
    return float(_pooled_rmse(squared[positions], counts[positions]))


def _per_user(users, errors, picks, statistic):
    return np.array([statistic(errors[users == user]) for user in picks])


_MISTAKES = (
    _Mistake(
        lambda users, y_true, y_pred, picks: np.sqrt(np.mean((y_pred - y_true)[np.isin(users, picks)] ** 2)),
        "a user drawn twice counts once: np.isin keeps each picked user's ratings a single time. In a resample "
        "a user drawn twice brings all their ratings twice.",
    ),
    _Mistake(
        lambda users, y_true, y_pred, picks: float(
            np.mean(_per_user(users, y_pred - y_true, picks, lambda e: np.sqrt(np.mean(e**2))))
        ),
        "this averages the users' own RMSEs: the statistic is the RMSE of the resample's ratings pooled, each "
        "rating counted once per draw of its user.",
    ),
    _Mistake(
        lambda users, y_true, y_pred, picks: float(
            np.sqrt(np.mean(_per_user(users, y_pred - y_true, picks, lambda e: np.mean(e**2))))
        ),
        "each user weighs the same here, whatever their number of ratings: pool the squared errors of all the "
        "ratings the resample holds, then take the square root of their mean.",
    ),
    _Mistake(
        lambda users, y_true, y_pred, picks: float(
            np.mean(np.concatenate([(y_pred - y_true)[users == user] ** 2 for user in picks]))
        ),
        "that is the MSE: take its square root.",
    ),
    _Mistake(
        lambda users, y_true, y_pred, picks: float(np.sqrt(np.mean((y_pred - y_true) ** 2))),
        "that is the test RMSE itself: a resample uses only the users in picks, each as often as drawn.",
    ),
)


_EXERCISES_BOOTSTRAP = {
    "resampled_rmse": _Exercise(
        signature="resampled_rmse(users, y_true, y_pred, picks) -> the RMSE of one bootstrap resample",
        cases=_resample_case,
        reference=_resampled_rmse,
        mistakes=_MISTAKES,
        hint="gather, for every entry of picks, all the test ratings of that user (a user drawn twice brings them "
        "twice), and compute the RMSE of the ratings gathered.",
    ),
}
