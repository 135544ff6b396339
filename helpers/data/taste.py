"""A small synthetic "film" data set with real taste in it (notebook 04's cold-start users)."""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Integer, Real, Seed, constrained
from helpers.core.validation import MAX_CELLS, as_generator

__all__ = ["TASTE_ITEMS", "taste_ratings"]

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


@constrained(
    n_users=Integer(low=1, high=MAX_CELLS // 10),
    observed_fraction=Real(low=0.01, high=1.0),
    noise=Real(low=0.0),
    seed=Seed(),
)
def taste_ratings(
    n_users: int = 300, *, observed_fraction: float = 0.5, noise: float = 0.5, seed=0
) -> tuple[np.ndarray, np.ndarray]:
    """Ratings 1..5 of the ten TASTE_ITEMS by `n_users` users who like science fiction, romance, or both.

    Each user has a taste for each genre (standard normal) and a rating is
    3 + taste . genre + small user and item biases + N(0, noise^2), rounded and clipped to 1..5.
    Returns (ratings, observed): NaN where not observed, and the observed mask (each cell kept
    with probability `observed_fraction`, at least one rating per user).

    Introduced in notebook 04.
    """
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
