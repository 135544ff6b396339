"""Turning scores into recommendations: top-k lists, similar items, and a 2-D map of item factors."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from helpers.core.constraints import (
    Index,
    Indices,
    Integer,
    Mask,
    Matrix,
    Optional,
    Real,
    Vector,
    constrained,
)
from helpers.core.validation import (
    check_array,
    check_index,
    check_indices,
    check_int,
    check_mask,
    check_same_length,
    describe,
)
from helpers.models.svd import truncated_svd

__all__ = ["item_map_2d", "nearest_items", "similarity_scores", "top_k_items"]


@constrained(scores=Matrix(deferred=True), k=Integer(low=1, deferred=True), exclude=Optional(Mask()))
def top_k_items(scores, k: int, *, exclude=None) -> np.ndarray:
    """Each user's k highest-scoring items, best first, as a (users x k) array of item indices.

    One user's list is the same call on one row: `top_k_items(scores[None, :], k)[0]`.

    `scores` is users x items; `exclude` (a boolean users x items array, or a SciPy sparse matrix
    whose stored entries mark items) removes items from each user's candidates, e.g. the ones
    they rated in training. Ties go to the lower item index. A user with fewer than k candidates
    is refused: lower k.

    Introduced in notebook 07.
    """
    scores = check_array(scores, "scores", ndim=2, what="scores (users x items)")
    blocked = _exclusion(exclude, scores.shape)
    k = check_int(k, "k", low=1, high=scores.shape[1])
    short = np.flatnonzero((~blocked).sum(axis=1) < k)
    if short.size:
        raise ValueError(
            f"user (row) {short[0]} has fewer than k={k} candidate items once `exclude` is removed; pass a smaller k"
        )
    masked = np.where(blocked, -np.inf, scores)
    return _top_k(masked, k)


def _top_k(masked: np.ndarray, k: int) -> np.ndarray:
    """The k largest entries of each row, best first, ties to the lower index: a stable full argsort's
    first k columns, found by partition (linear time) and a sort of only the k kept."""
    n_users, n_items = masked.shape
    if n_items <= 4 * k:
        return np.argsort(-masked, axis=1, kind="stable")[:, :k]  # stable: ties keep the lower index first
    kth = np.partition(masked, n_items - k, axis=1)[:, n_items - k][:, None]  # each row's k-th largest
    greater = masked > kth
    room = k - greater.sum(axis=1, keepdims=True)  # how many entries equal to the k-th largest to keep
    equal = masked == kth
    kept = greater | (equal & (np.cumsum(equal, axis=1) <= room))  # ties: the lowest indices
    columns = np.nonzero(kept)[1].reshape(n_users, k)  # ascending within each row
    order = np.argsort(-np.take_along_axis(masked, columns, axis=1), axis=1, kind="stable")
    return np.take_along_axis(columns, order, axis=1)


def _exclusion(exclude, shape) -> np.ndarray:
    """`exclude` as a boolean users x items array (all False when None)."""
    if exclude is None:
        return np.zeros(shape, dtype=bool)
    if sp.issparse(exclude):
        if exclude.shape != shape:
            raise ValueError(f"exclude must have the shape of scores {shape}, got {exclude.shape}")
        return sp.csr_array(exclude).toarray() != 0
    array = np.asarray(exclude)
    if array.dtype != bool:
        raise TypeError(
            f"exclude must be a boolean users x items array or a SciPy sparse matrix, got {describe(exclude)}"
        )
    if array.shape != shape:
        raise ValueError(f"exclude must have the shape of scores {shape}, got {array.shape}")
    return array


def _cosines_to(vectors: np.ndarray, item: int) -> np.ndarray:
    """Every row's cosine with row `item` (which must not be all zeros); an all-zero row, with no direction, gets 0."""
    norms = np.linalg.norm(vectors, axis=1)
    return vectors @ vectors[item] / np.where(norms > 0, norms, np.inf) / norms[item]


@constrained(vectors=Matrix(), item=Index(), n=Integer(low=1, deferred=True), among=Optional(Mask()))
def nearest_items(vectors, item: int, n: int = 5, *, among=None) -> tuple[np.ndarray, np.ndarray]:
    """The `n` items whose vectors point most nearly the same way as `item`'s: (indices, cosine similarities).

    `among` (a boolean mask over items) limits the candidates, e.g. to items with enough ratings.

    Introduced in notebook 05.
    """
    item = check_index(item, "item", vectors.shape[0])
    candidates = np.ones(vectors.shape[0], dtype=bool)
    if among is not None:
        candidates = check_mask(among, (vectors.shape[0],), "among").copy()
    candidates[item] = False
    if not candidates.any():
        raise ValueError(
            f"item {item} has no other item to compare with: vectors has {vectors.shape[0]} row(s)"
            + ("" if among is None else " and `among` leaves no other candidate")
        )
    n = check_int(n, "n", low=1, high=int(candidates.sum()))
    if not vectors[item].any():
        raise ValueError(f"item {item} has an all-zero vector (no ratings?); it has no direction to compare")
    cosine = _cosines_to(vectors, item)
    cosine[~candidates] = -np.inf
    nearest = np.argsort(-cosine, kind="stable")[:n]
    return nearest, cosine[nearest]


@constrained(vectors=Matrix())
def item_map_2d(vectors) -> np.ndarray:
    """Project item vectors onto their two main directions (PCA via the SVD): one (x, y) row per item.

    Introduced in notebook 05.
    """
    if min(vectors.shape) < 2:
        raise ValueError(
            f"vectors needs at least 2 items (rows) of at least 2 numbers to map in 2-D, got {vectors.shape}"
        )
    centred = vectors - vectors.mean(axis=0)
    _, _, Vt = truncated_svd(centred, 2)  # signs fixed, so the map does not flip between runs
    return centred @ Vt.T


@constrained(vectors=Matrix(), items=Indices(), ratings=Vector(what="ratings", allow_empty=True), neutral=Real())
def similarity_scores(vectors, items, ratings, *, neutral: float = 3.0) -> np.ndarray:
    """Score every item by its cosine similarity to the rated `items`, weighted by rating - `neutral`.

    Items like the ones rated above `neutral` score high, items like the disliked ones low:
    "more like what you liked", in any vector space of items (factors, autoencoder codes).

    Introduced in notebook 05.
    """
    items = check_indices(items, "items", vectors.shape[0], unique=True)
    check_same_length("items", items, "ratings", ratings)
    norms = np.linalg.norm(vectors, axis=1)
    unit = vectors / np.where(norms > 0, norms, 1.0)[:, None]
    return unit @ (unit[items].T @ (ratings - neutral)) if items.size else np.zeros(vectors.shape[0])
