"""Synthetic rating data shared by the unit tests: small, seeded, and with known structure."""

import numpy as np
import pandas as pd
import scipy.sparse as sp


def random_ratings(shape=(12, 9), fraction=0.5, seed=0):
    """(ratings, mask): integer ratings 1..5 with about `fraction` observed; unobserved cells are NaN."""
    rng = np.random.default_rng(seed)
    ratings = rng.integers(1, 6, size=shape).astype(float)
    mask = rng.random(shape) < fraction
    return np.where(mask, ratings, np.nan), mask


def low_rank(shape=(30, 20), rank=2, fraction=0.6, seed=0):
    """(matrix, mask): an exactly rank-`rank` matrix and about `fraction` of its cells marked observed."""
    rng = np.random.default_rng(seed)
    matrix = rng.normal(size=(shape[0], rank)) @ rng.normal(size=(rank, shape[1]))
    return matrix, rng.random(shape) < fraction


def low_rank_splits(shape=(60, 40), seed=0):
    """(train, valid, test): sparse matrices of rank-2 ratings in 1..5 (half stars), about 60% observed
    and split 70/15/15 at random."""
    rng = np.random.default_rng(seed)
    full = 3.0 + rng.normal(size=(shape[0], 2)) @ rng.normal(size=(2, shape[1])) * 0.7
    full = np.clip(np.round(full * 2) / 2, 1, 5)
    users, items = np.nonzero(rng.random(full.shape) < 0.6)
    part = rng.choice(3, size=users.size, p=[0.7, 0.15, 0.15])
    return tuple(
        sp.csr_matrix(
            (full[users[part == k], items[part == k]], (users[part == k], items[part == k])), shape=full.shape
        )
        for k in range(3)
    )


def low_rank_frame(n_users=30, n_items=20, rank=2, fraction=0.7, seed=0) -> pd.DataFrame:
    """Ratings (user, item, rating) of a rank-`rank` matrix around 3, 1-based ids, about `fraction` observed."""
    rng = np.random.default_rng(seed)
    matrix = 3 + rng.normal(size=(n_users, rank)) @ rng.normal(size=(rank, n_items))
    users, items = np.nonzero(rng.random((n_users, n_items)) < fraction)
    return pd.DataFrame({"user": users + 1, "item": items + 1, "rating": matrix[users, items]})


def pairs(matrix):
    """(rows, columns, values) of a sparse matrix's stored entries."""
    coo = sp.coo_array(matrix)
    return coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
