"""The small matrices of the original notebook, kept in code so every notebook starts from the same data."""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Integer, Real, Seed, constrained
from helpers.core.validation import MAX_CELLS, MAX_ID, as_generator, check_int

__all__ = ["TOY_ITEMS", "TOY_USERS", "low_rank_ratings", "original_missing_ratings", "toy_ratings"]

TOY_USERS = ("user 1", "user 2", "user 3", "user 4", "user 5")
TOY_ITEMS = ("item 1", "item 2", "item 3", "item 4")


def toy_ratings() -> np.ndarray:
    """The original notebook's 5 users x 4 items rating matrix (0 = not rated), as floats.

    Introduced in notebook 01.
    """
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


@constrained(seed=Seed(), n_missing=Integer(low=0, high=100))
def original_missing_ratings(seed=42, n_missing: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """The original notebook's 10x10 matrix of ratings 1..10 with `n_missing` of them hidden.

    Returns (ratings, observed): ratings is NaN where a rating is missing, observed is the boolean
    mask of known ratings. An int seed makes the original's own calls (np.random.seed, randint,
    choice), so seed 42 gives the numbers of its printout, without touching NumPy's global state;
    a numpy.random.Generator draws another matrix of the same kind.

    Introduced in notebook 03.
    """
    draw = np.random.RandomState(seed) if isinstance(seed, int) else seed  # RandomState = the original's calls
    ratings = (draw.randint if isinstance(seed, int) else draw.integers)(1, 11, size=(10, 10)).astype(float)
    hidden = draw.choice(ratings.size, n_missing, replace=False)
    ratings.ravel()[hidden] = np.nan
    return ratings, ~np.isnan(ratings)


@constrained(
    n_users=Integer(low=2, high=MAX_ID),
    n_items=Integer(low=2, high=MAX_ID),
    rank=Integer(low=1, deferred=True),
    noise=Real(low=0.0),
    observed_fraction=Real(low=0.01, high=1.0),
    seed=Seed(),
)
def low_rank_ratings(
    n_users: int = 40,
    n_items: int = 30,
    *,
    rank: int = 2,
    noise: float = 0.7,
    observed_fraction: float = 0.6,
    seed=0,
) -> tuple[np.ndarray, np.ndarray]:
    """Ratings 1..10 with taste in them: a rank-`rank` pattern plus noise, about `observed_fraction` observed.

    Each user u and item i get `rank` standard normal taste coordinates p_u and q_i, and a rating
    is 5.5 + 1.5 * p_u . q_i / sqrt(rank) + N(0, noise^2), rounded and clipped to 1..10. Unlike
    the original's uniform random matrix, there is something here for factors to find, and
    beyond it, noise to over-fit. Returns (ratings, observed): NaN where not observed, the mask.

    Introduced in notebook 03.
    """
    rank = check_int(rank, "rank", low=1, high=min(n_users, n_items))
    if n_users * n_items > MAX_CELLS:
        raise ValueError(
            f"n_users x n_items must be at most {MAX_CELLS:,} cells (a dense matrix that fits in memory), "
            f"got {n_users:,} x {n_items:,}"
        )
    rng = as_generator(seed)
    tastes = rng.normal(size=(n_users, rank)) @ rng.normal(size=(rank, n_items)) / np.sqrt(rank)
    ratings = np.clip(np.rint(5.5 + 1.5 * tastes + rng.normal(scale=noise, size=tastes.shape)), 1, 10)
    observed = rng.random(ratings.shape) < observed_fraction
    return np.where(observed, ratings, np.nan), observed
