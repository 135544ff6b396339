"""Turning scores into recommendations: top-n lists, similar items, and a 2-D map of item factors."""

from __future__ import annotations

import numpy as np

from .svd import truncated_svd
from .validation import (
    check_float,
    check_index,
    check_indices,
    check_int,
    check_mask,
    check_matrix,
    check_same_length,
    check_vector,
)

__all__ = ["item_map_2d", "nearest_items", "similarity_scores", "top_n"]


def top_n(scores, n: int, *, exclude=()) -> np.ndarray:
    """Indices of the `n` highest scores, best first, skipping the indices in `exclude` (ties: lower index first)."""
    scores = check_vector(scores, "scores", what="scores (one per item)")
    excluded = np.zeros(scores.size, dtype=bool)
    excluded[check_indices(exclude, "exclude", scores.size)] = True
    n = check_int(n, "n", low=1, high=int((~excluded).sum()))
    order = np.argsort(-scores, kind="stable")
    return order[~excluded[order]][:n]


def nearest_items(vectors, item: int, n: int = 5, *, among=None) -> tuple[np.ndarray, np.ndarray]:
    """The `n` items whose vectors point most nearly the same way as `item`'s: (indices, cosine similarities).

    `among` (a boolean mask over items) limits the candidates, e.g. to items with enough ratings.
    """
    vectors = check_matrix(vectors, "vectors")
    item = check_index(item, "item", vectors.shape[0])
    candidates = np.ones(vectors.shape[0], dtype=bool)
    if among is not None:
        candidates = check_mask(among, (vectors.shape[0],), "among").copy()
    candidates[item] = False
    n = check_int(n, "n", low=1, high=int(candidates.sum()))
    norms = np.linalg.norm(vectors, axis=1)
    if norms[item] == 0:
        raise ValueError(f"item {item} has an all-zero vector (no ratings?); it has no direction to compare")
    cosine = vectors @ vectors[item] / np.where(norms > 0, norms, np.inf) / norms[item]
    cosine[~candidates] = -np.inf
    nearest = np.argsort(-cosine, kind="stable")[:n]
    return nearest, cosine[nearest]


def item_map_2d(vectors) -> np.ndarray:
    """Project item vectors onto their two main directions (PCA via the SVD): one (x, y) row per item."""
    vectors = check_matrix(vectors, "vectors")
    if min(vectors.shape) < 2:
        raise ValueError(
            f"vectors needs at least 2 items (rows) of at least 2 numbers to map in 2-D, got {vectors.shape}"
        )
    centred = vectors - vectors.mean(axis=0)
    _, _, Vt = truncated_svd(centred, 2)  # signs fixed, so the map does not flip between runs
    return centred @ Vt.T


def similarity_scores(vectors, items, ratings, *, neutral: float = 3.0) -> np.ndarray:
    """Score every item by its cosine similarity to the rated `items`, weighted by rating - `neutral`.

    Items like the ones rated above `neutral` score high, items like the disliked ones low:
    "more like what you liked", in any vector space of items (factors, autoencoder codes).
    """
    vectors = check_matrix(vectors, "vectors")
    items = check_indices(items, "items", vectors.shape[0], unique=True)
    ratings = check_vector(ratings, "ratings", what="ratings", allow_empty=True)
    check_same_length("items", items, "ratings", ratings)
    neutral = check_float(neutral, "neutral")
    norms = np.linalg.norm(vectors, axis=1)
    unit = vectors / np.where(norms > 0, norms, 1.0)[:, None]
    return unit @ (unit[items].T @ (ratings - neutral)) if items.size else np.zeros(vectors.shape[0])
