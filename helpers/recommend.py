"""Turning scores into recommendations: top-n lists, similar items, and a 2-D map of item factors."""

from __future__ import annotations

import numpy as np

from .svd import truncated_svd
from .validation import check_int, check_matrix

__all__ = ["item_map_2d", "nearest_items", "similarity_scores", "top_n"]


def top_n(scores, n: int, *, exclude=()) -> np.ndarray:
    """Indices of the `n` highest scores, best first, skipping the indices in `exclude` (ties: lower index first)."""
    scores = np.asarray(scores, dtype=float)
    if scores.ndim != 1 or scores.size == 0:
        raise ValueError(f"scores must be a non-empty 1-D array (one score per item), got shape {scores.shape}")
    if np.isnan(scores).any():
        raise ValueError("scores contains NaN; score every item")
    n = check_int(n, "n", low=1, high=scores.size)
    excluded = np.zeros(scores.size, dtype=bool)
    excluded[np.asarray(exclude, dtype=int)] = True
    order = np.argsort(-scores, kind="stable")
    return order[~excluded[order]][:n]


def nearest_items(vectors, item: int, n: int = 5, *, among=None) -> tuple[np.ndarray, np.ndarray]:
    """The `n` items whose vectors point most nearly the same way as `item`'s: (indices, cosine similarities).

    `among` (a boolean mask over items) limits the candidates, e.g. to items with enough ratings.
    """
    vectors = check_matrix(vectors, "vectors")
    item = check_int(item, "item", low=0, high=vectors.shape[0] - 1)
    n = check_int(n, "n", low=1, high=vectors.shape[0] - 1)
    norms = np.linalg.norm(vectors, axis=1)
    if norms[item] == 0:
        raise ValueError(f"item {item} has an all-zero vector (no ratings?); it has no direction to compare")
    cosine = vectors @ vectors[item] / np.where(norms > 0, norms, np.inf) / norms[item]
    cosine[item] = -np.inf
    if among is not None:
        among = np.asarray(among)
        if among.dtype != bool or among.shape != (vectors.shape[0],):
            raise ValueError(f"among must be a boolean mask with one entry per item ({vectors.shape[0]})")
        cosine[~among] = -np.inf
    nearest = np.argsort(-cosine, kind="stable")[:n]
    return nearest, cosine[nearest]


def item_map_2d(vectors) -> np.ndarray:
    """Project item vectors onto their two main directions (PCA via the SVD): one (x, y) row per item."""
    vectors = check_matrix(vectors, "vectors")
    if vectors.shape[1] < 2:
        raise ValueError(f"vectors need at least 2 columns to map in 2-D, got {vectors.shape[1]}")
    centred = vectors - vectors.mean(axis=0)
    _, _, Vt = truncated_svd(centred, 2)  # signs fixed, so the map does not flip between runs
    return centred @ Vt.T


def similarity_scores(vectors, items, ratings, *, neutral: float = 3.0) -> np.ndarray:
    """Score every item by its cosine similarity to the rated `items`, weighted by rating - `neutral`.

    Items like the ones rated above `neutral` score high, items like the disliked ones low:
    "more like what you liked", in any vector space of items (factors, autoencoder codes).
    """
    vectors = check_matrix(vectors, "vectors")
    items = np.asarray(items, dtype=int)
    ratings = np.asarray(ratings, dtype=float)
    if items.shape != ratings.shape or items.ndim != 1:
        raise ValueError(f"items and ratings must be 1-D and the same length, got {items.shape} and {ratings.shape}")
    if items.size and (items.min() < 0 or items.max() >= vectors.shape[0]):
        raise ValueError(f"items must be indices between 0 and {vectors.shape[0] - 1}")
    norms = np.linalg.norm(vectors, axis=1)
    unit = vectors / np.where(norms > 0, norms, 1.0)[:, None]
    return unit @ (unit[items].T @ (ratings - neutral)) if items.size else np.zeros(vectors.shape[0])
