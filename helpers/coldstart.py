"""Cold start: a small synthetic "film" data set with real taste in it, and the reveal-n experiment."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .validation import (
    as_generator,
    check_callable,
    check_float,
    check_indices,
    check_int,
    check_mask,
    check_matrix,
    check_ratings,
    describe,
)

__all__ = ["TASTE_ITEMS", "reveal_experiment", "taste_ratings"]

TASTE_ITEMS = (
    "Star Pilots",
    "Robot Uprising",
    "Alien Signal",
    "Laser Heist",
    "Moon Base",  # science fiction
    "Paris Letters",
    "Summer Wedding",
    "Second Chances",
    "Love in Rome",
    "The Proposal",  # romance
)


def taste_ratings(
    n_users: int = 300, *, observed_fraction: float = 0.5, noise: float = 0.5, seed=0
) -> tuple[np.ndarray, np.ndarray]:
    """Ratings 1..5 of the ten TASTE_ITEMS by `n_users` users who like science fiction, romance, or both.

    Each user has a taste for each genre (standard normal) and a rating is
    3 + taste . genre + small user and item biases + N(0, noise^2), rounded and clipped to 1..5.
    Returns (ratings, observed): NaN where not observed, and the observed mask (each cell kept
    with probability `observed_fraction`, at least one rating per user).
    """
    n_users = check_int(n_users, "n_users", low=1)
    observed_fraction = check_float(observed_fraction, "observed_fraction", low=0.01, high=1.0)
    noise = check_float(noise, "noise", low=0.0)
    rng = as_generator(seed)
    genres = np.repeat(np.eye(2), 5, axis=0)  # item x genre: 5 sci-fi, 5 romance
    tastes = rng.normal(size=(n_users, 2))  # user x genre
    scores = (
        3
        + tastes @ genres.T
        + rng.normal(scale=0.3, size=(n_users, 1))
        + rng.normal(scale=0.3, size=(1, genres.shape[0]))
        + rng.normal(scale=noise, size=(n_users, genres.shape[0]))
    )
    ratings = np.clip(np.rint(scores), 1, 5)
    observed = rng.random(ratings.shape) < observed_fraction
    observed[np.arange(n_users), rng.integers(0, genres.shape[0], n_users)] = True
    return np.where(observed, ratings, np.nan), observed


def _prediction(result, name: str, n_items: int) -> np.ndarray:
    """A predictor's answer checked: one finite number per item, or a ValueError naming the predictor."""
    try:
        prediction = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"predictors[{name!r}] must return one number per item, got {describe(result)}") from None
    if prediction.shape != (n_items,):
        raise ValueError(
            f"predictors[{name!r}] must return one prediction per item ({n_items}), got shape {prediction.shape}"
        )
    if not np.isfinite(prediction).all():
        raise ValueError(
            f"predictors[{name!r}] returned NaN or inf for {int((~np.isfinite(prediction)).sum())} item(s)"
        )
    return prediction


def reveal_experiment(
    ratings,
    observed,
    new_users: Sequence[int],
    n_revealed: Sequence[int],
    predictors: Mapping[str, Callable],
    *,
    seed=0,
) -> tuple[dict[str, np.ndarray], int]:
    """Error of each predictor on a new user's hidden ratings after the user reveals n of them.

    For each user in `new_users`, the observed ratings are put in a seeded random order; for each n
    the first n are revealed and the rest predicted. `predictors[name](items, ratings)` returns a
    prediction for every item. Returns ({name: RMSE per n}, number of users used). Errors are
    pooled over users; only users with more than max(n_revealed) ratings take part, so every n
    is measured on the same users.
    """
    check_ratings(ratings, observed, mask_name="observed")  # finite, non-zero ratings where observed
    values = check_matrix(ratings, "ratings", allow_nan=True)
    observed = check_mask(observed, values.shape, "observed")
    new_users = check_indices(new_users, "new_users", values.shape[0], allow_empty=False, unique=True)
    if isinstance(n_revealed, (str, bytes)) or np.ndim(n_revealed) != 1 or len(n_revealed) == 0:
        raise TypeError(f"n_revealed must be a list of counts such as [0, 1, 2], got {describe(n_revealed)}")
    n_revealed = [check_int(n, "n_revealed", low=0, high=values.shape[1]) for n in n_revealed]
    if isinstance(predictors, Mapping) and not predictors:
        raise ValueError("predictors is empty; name at least one function(items, ratings) -> one prediction per item")
    if not isinstance(predictors, Mapping):
        raise TypeError(
            "predictors must be a non-empty dict {name: function(items, ratings) -> one prediction per item}, "
            f"got {describe(predictors)}"
        )
    for name, predict in predictors.items():
        check_callable(predict, f"predictors[{name!r}]", "a function(items, ratings) -> one prediction per item")
    rng = as_generator(seed)
    squared = {name: [[] for _ in n_revealed] for name in predictors}
    users = [user for user in new_users if observed[user].sum() > max(n_revealed)]
    if not users:
        raise ValueError(f"no user in new_users has more than {max(n_revealed)} ratings; reveal fewer")
    for user in users:
        items = rng.permutation(np.flatnonzero(observed[user]))
        for j, n in enumerate(n_revealed):
            shown, hidden = items[:n], items[n:]
            for name, predict in predictors.items():
                prediction = _prediction(predict(shown, values[user, shown]), name, values.shape[1])
                squared[name][j].extend((prediction[hidden] - values[user, hidden]) ** 2)
    curves = {name: np.sqrt([np.mean(e) for e in errors]) for name, errors in squared.items()}
    return curves, len(users)
