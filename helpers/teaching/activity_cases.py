"""The cases, answer and typical-mistake code of notebook 05's closing exercise on activity
(`rmse_by_activity`): the RMSE of the test ratings of each group of users, grouped by how many
training ratings each user has, one pooled RMSE per group (the course's `rmse` on the group's ratings).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 05.
"""

from __future__ import annotations

import numpy as np

from helpers.evaluation.metrics import rmse
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _activity_case(rng):
    """Users with several test ratings each, training counts on the group edges, and edges in increasing order."""
    n_groups = int(rng.integers(2, 4))
    edges = np.cumsum(np.r_[0, rng.integers(3, 9, size=n_groups)])
    n_users = int(rng.integers(6, 14))
    n_train = rng.integers(0, edges[-1], size=n_users)
    n_train[rng.choice(n_users, size=n_groups - 1, replace=False)] = edges[1:-1]  # users on the inner edges
    counts = rng.integers(1, 6, size=n_users)  # test ratings per user: unequal, so pooling differs from averaging
    users = rng.permutation(np.repeat(np.arange(n_users), counts))
    y_true = rng.integers(1, 6, size=users.size).astype(float)
    y_pred = np.clip(y_true + rng.normal(scale=0.4 + 0.3 * (n_train[users] % 3), size=users.size), 1, 5)
    return dict(users=users, y_true=y_true, y_pred=y_pred, n_train=n_train, edges=edges)


def _empty_group_case(rng):
    """No user has a training count in the middle group: its RMSE does not exist."""
    edges = np.array([0, 5, 10, 20])
    n_train = np.array([0, 4, 4, 10, 19, 3, 12])  # nobody in [5, 10)
    users = np.repeat(np.arange(n_train.size), [3, 1, 2, 4, 1, 2, 2])
    y_true = rng.integers(1, 6, size=users.size).astype(float)
    return dict(
        users=users, y_true=y_true, y_pred=y_true + rng.normal(scale=0.8, size=users.size), n_train=n_train, edges=edges
    )


def _grouped(users, y_true, y_pred, activity, edges, *, closed="left", score=rmse, empty=np.nan):
    """One score per group of users by `activity`, with one thing changeable: the closed side, the score, the empty."""
    per_rating = activity[users]
    values = []
    for low, high in zip(edges[:-1], edges[1:]):
        chosen = (
            (per_rating >= low) & (per_rating < high) if closed == "left" else (per_rating > low) & (per_rating <= high)
        )
        values.append(score(y_true[chosen], y_pred[chosen]) if chosen.any() else empty)
    return np.array(values, dtype=float)


def _rmse_by_activity(users, y_true, y_pred, n_train, edges):
    return _grouped(users, y_true, y_pred, n_train, edges)


def _mean_of_user_rmses(users, y_true, y_pred, n_train, edges):
    per_user = np.array(
        [rmse(y_true[users == u], y_pred[users == u]) if np.any(users == u) else np.nan for u in range(n_train.size)]
    )
    values = []
    for low, high in zip(edges[:-1], edges[1:]):
        chosen = (n_train >= low) & (n_train < high) & ~np.isnan(per_user)
        values.append(per_user[chosen].mean() if chosen.any() else np.nan)
    return np.array(values)


_EXERCISES_ACTIVITY = {
    "rmse_by_activity": _Exercise(
        signature="rmse_by_activity(users, y_true, y_pred, n_train, edges) -> one RMSE per group, NaN when empty",
        cases=_activity_case,
        edge_cases=(_empty_group_case,),
        reference=_rmse_by_activity,
        mistakes=(
            _Mistake(
                lambda users, y_true, y_pred, n_train, edges: _grouped(
                    users, y_true, y_pred, np.bincount(users, minlength=n_train.size), edges
                ),
                "the users are grouped by their number of test ratings: group them by n_train, what the model "
                "learned from (n_train[users] gives each test rating its user's count).",
            ),
            _Mistake(
                _mean_of_user_rmses,
                "that averages each user's own RMSE: a group's RMSE pools all its test ratings, so a user with more "
                "test ratings weighs more, as in the notebook's table.",
            ),
            _Mistake(
                lambda users, y_true, y_pred, n_train, edges: _grouped(
                    users, y_true, y_pred, n_train, edges, closed="right"
                ),
                "a user whose count equals an edge is in the wrong group: group g holds edges[g] <= n_train < "
                "edges[g + 1], its lower edge included and its upper edge not.",
            ),
            _Mistake(
                lambda users, y_true, y_pred, n_train, edges: _grouped(
                    users, y_true, y_pred, n_train, edges, empty=0.0
                ),
                "a group with no test ratings gets 0, a perfect score it did not earn: its RMSE does not exist, so "
                "return np.nan there.",
            ),
            _Mistake(
                lambda users, y_true, y_pred, n_train, edges: _grouped(
                    users, y_true, y_pred, n_train, edges, score=lambda t, p: np.mean((t - p) ** 2)
                ),
                "that is the mean squared error: take its square root.",
            ),
            _Mistake(
                lambda users, y_true, y_pred, n_train, edges: _grouped(
                    users, y_true, y_pred, n_train, edges, score=lambda t, p: np.mean(np.abs(t - p))
                ),
                "that is the mean absolute error: the RMSE squares the errors, averages them, then takes the root.",
            ),
        ),
        hint="each test rating belongs to the group of its user's training count; a group's RMSE pools the "
        "ratings of all its users, and a group with no test ratings has no RMSE but keeps its entry in the "
        "array (NaN).",
    ),
}
