"""The small matrices of the original notebook, kept in code so every notebook starts from the same data."""

from __future__ import annotations

import numpy as np

from .validation import check_int, check_seed

__all__ = ["TOY_ITEMS", "TOY_USERS", "original_missing_ratings", "toy_ratings"]

TOY_USERS = ("user 1", "user 2", "user 3", "user 4", "user 5")
TOY_ITEMS = ("item 1", "item 2", "item 3", "item 4")


def toy_ratings() -> np.ndarray:
    """The original notebook's 5 users x 4 items rating matrix (0 = not rated), as floats."""
    return np.array(
        [
            [5, 3, 0, 0],
            [4, 0, 0, 5],
            [0, 0, 3, 4],
            [0, 5, 0, 0],
            [0, 0, 4, 0],
        ],
        dtype=float,
    )


def original_missing_ratings(seed=42, n_missing: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """The original notebook's 10x10 matrix of ratings 1..10 with `n_missing` of them hidden.

    Returns (ratings, observed): ratings is NaN where a rating is missing, observed is the boolean
    mask of known ratings. An int seed makes the original's own calls (np.random.seed, randint,
    choice), so seed 42 gives the numbers of its printout, without touching NumPy's global state;
    a numpy.random.Generator draws another matrix of the same kind.
    """
    seed = check_seed(seed)
    n_missing = check_int(n_missing, "n_missing", low=0, high=100)
    draw = np.random.RandomState(seed) if isinstance(seed, int) else seed  # RandomState = the original's calls
    ratings = (draw.randint if isinstance(seed, int) else draw.integers)(1, 11, size=(10, 10)).astype(float)
    hidden = draw.choice(ratings.size, n_missing, replace=False)
    ratings.ravel()[hidden] = np.nan
    return ratings, ~np.isnan(ratings)
