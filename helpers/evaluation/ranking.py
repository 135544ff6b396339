"""Judging top-k lists: recommend, then precision@k, recall@k, NDCG@k, coverage, popular share, exposure Gini.

The protocol (`evaluate_ranking`), in one place: every item a user has *not* rated in training is
a candidate; the model's scores pick each user's top k candidates; an item is relevant to a user
when the user gave it at least `threshold` stars in the test ratings; users with no relevant test
item are skipped (they cannot be scored) and counted. Metrics are averaged over the other users.

For one user with top-k list L (positions j = 1..k) and relevant set R:

    precision@k = |L and R| / k                    recall@k = |L and R| / |R|
    NDCG@k = DCG / IDCG, with DCG = sum over j of [L_j in R] / log2(j + 1) and IDCG the DCG of a
             perfect list, min(k, |R|) relevant items first.
    normalised recall@k = |L and R| / min(k, |R|)   (1 for a perfect list even when |R| > k)

`candidates=` narrows the protocol: only those items are ranked and only those can be relevant
(e.g. films with enough training ratings, or, per user, the films the user rated in the test:
ranking by taste rather than by choice).

These are trec_eval's definitions (a test checks them against the ir-measures library). Each lies
in [0, 1]: a list that repeats an item, an empty list, or a test set that overlaps training is
refused rather than scored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from helpers.core.constraints import Checked, Integer, Matrix, Optional, Ratings, Real, Vector, constrained
from helpers.core.validation import as_array, check_array, check_held_out, check_ratings, describe
from helpers.models.recommend import top_k_items

__all__ = [
    "RankingReport",
    "catalogue_coverage",
    "evaluate_ranking",
    "exposure_gini",
    "ndcg_at_k",
    "normalised_recall_at_k",
    "popular_share",
    "precision_at_k",
    "recall_at_k",
]


def _check_recommended(recommended) -> np.ndarray:
    """`recommended` as a users x k array of non-negative item indices."""
    array = as_array(recommended, "recommended", "a users x k array of item indices")
    if array.ndim != 2 or array.dtype == bool or not np.issubdtype(array.dtype, np.integer):
        raise TypeError(
            f"recommended must be a users x k array of item indices (from top_k_items), got {describe(recommended)}"
        )
    if array.size and array.min() < 0:
        raise ValueError(f"recommended holds a negative item index, {array.min()}")
    if array.shape[0] and array.shape[1] == 0:
        raise ValueError("recommended's lists are empty (k = 0); every @k metric needs lists of at least one item")
    ordered = np.sort(array, axis=1)
    repeats = np.argwhere(ordered[:, 1:] == ordered[:, :-1])
    if repeats.size:  # a repeated item would count twice: precision, recall and NDCG could pass 1
        row, column = repeats[0]
        raise ValueError(
            f"recommended lists item {ordered[row, column]} twice for user (row) {row}; a top-k list names each "
            "item once (as top_k_items makes them)"
        )
    return array


def _check_candidates(candidates) -> np.ndarray | sp.csr_array:
    """`candidates` as a boolean items mask, a boolean users x items mask, or a sparse matrix (its stored entries)."""
    if sp.issparse(candidates):
        return sp.csr_array(candidates)
    array = as_array(candidates, "candidates", "a boolean mask over items, or over users x items")
    if array.dtype != bool or array.ndim not in (1, 2):
        raise TypeError(
            "candidates must be a boolean mask over items (e.g. counts >= 20), a boolean users x items mask or a "
            f"sparse matrix whose stored entries mark items (e.g. the test ratings), got {describe(candidates)}"
        )
    return array


def _candidate_mask(candidates, shape) -> np.ndarray:
    """The users x items boolean mask of `candidates` (every item when None)."""
    if candidates is None:
        return np.ones(shape, dtype=bool)
    mask = candidates.toarray() != 0 if sp.issparse(candidates) else candidates
    if mask.ndim == 1:
        if mask.size != shape[1]:
            raise ValueError(f"candidates must have one entry per item ({shape[1]}), got {mask.size}")
        return np.broadcast_to(mask, shape)
    if mask.shape != shape:
        raise ValueError(f"candidates must have the shape of scores {shape} (or one entry per item), got {mask.shape}")
    return mask


def _check_relevant(relevant) -> np.ndarray:
    """`relevant` as a boolean users x items array (a sparse matrix: its stored non-zero entries)."""
    array = sp.csr_array(relevant).toarray() != 0 if sp.issparse(relevant) else as_array(relevant, "relevant")
    if array.dtype != bool or array.ndim != 2:
        raise TypeError(f"relevant must be a boolean users x items array (or a sparse matrix), got {describe(array)}")
    return array


_RECOMMENDED = Checked(_check_recommended, "top-k lists (users x k item indices)")
_LISTS = dict(recommended=_RECOMMENDED, relevant=Checked(_check_relevant, "a boolean users x items array"))


def _check_lists(recommended, relevant):
    """The checked (recommended, relevant) of one set of users, every listed item a column of relevant."""
    if relevant.shape[0] != recommended.shape[0]:
        raise ValueError(f"recommended has {recommended.shape[0]} users but relevant has {relevant.shape[0]}")
    if recommended.size and recommended.max() >= relevant.shape[1]:
        raise ValueError(f"recommended holds item indices outside 0..{relevant.shape[1] - 1}")
    return recommended, relevant


def _hits(recommended, relevant) -> np.ndarray:
    """users x k: whether the item at each position of each list is relevant to its user."""
    return np.take_along_axis(relevant, recommended, axis=1)


@constrained(**_LISTS)
def precision_at_k(recommended, relevant) -> np.ndarray:
    """Per user: the share of the k recommended items that are relevant.

    Introduced in notebook 07.
    """
    recommended, relevant = _check_lists(recommended, relevant)
    return _hits(recommended, relevant).mean(axis=1)


@constrained(**_LISTS)
def recall_at_k(recommended, relevant) -> np.ndarray:
    """Per user: the share of the user's relevant items that made the list (NaN for a user with none).

    Introduced in notebook 06 (its recall exercise checks Spark's lists against it); notebook 07 explains it.
    """
    recommended, relevant = _check_lists(recommended, relevant)
    n_relevant = relevant.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n_relevant > 0, _hits(recommended, relevant).sum(axis=1) / n_relevant, np.nan)


@constrained(**_LISTS)
def normalised_recall_at_k(recommended, relevant) -> np.ndarray:
    """Per user: hits over min(k, |R|), the most a list of k could hold (NaN for a user with none).

    Recall@k cannot reach 1 when a user has more than k relevant items; this version can, so
    users with many and few relevant items are judged on one scale.

    Introduced in notebook 07.
    """
    recommended, relevant = _check_lists(recommended, relevant)
    most = np.minimum(relevant.sum(axis=1), recommended.shape[1])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(most > 0, _hits(recommended, relevant).sum(axis=1) / most, np.nan)


@constrained(**_LISTS, k=Optional(Integer(low=1)))
def ndcg_at_k(recommended, relevant, k: int | None = None) -> np.ndarray:
    """Per user: NDCG@k, the DCG of the list over the DCG of a perfect list of length k.

    DCG = sum over positions j = 1..k of [item j is relevant] / log2(j + 1). The ideal DCG is that
    of min(k, |R|) hits in the first positions: a user with fewer relevant items than k can still
    score 1. `k` defaults to the lists' length. The edge cases:

    - a user with no relevant item has no NDCG: NaN (`evaluate_ranking` skips such users);
    - lists shorter than `k`: the missing positions are misses, and the ideal still has
      min(k, |R|) hits (so a short list cannot score 1 when |R| exceeds its length);
    - lists longer than `k`: only their first k positions count.

    Introduced in notebook 07.
    """
    recommended, relevant = _check_lists(recommended, relevant)
    k = recommended.shape[1] if k is None else k
    recommended = recommended[:, :k]
    # position j gets 1 / log2(j + 1); no list or ideal is longer than the lists or the catalogue,
    # so a huge k costs nothing
    discounts = 1.0 / np.log2(np.arange(2, min(k, max(recommended.shape[1], relevant.shape[1])) + 2))
    dcg = _hits(recommended, relevant) @ discounts[: recommended.shape[1]]
    ideal_length = np.minimum(relevant.sum(axis=1), k)
    idcg = np.concatenate([[0.0], np.cumsum(discounts)])[ideal_length]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(ideal_length > 0, dcg / idcg, np.nan)


@constrained(recommended=_RECOMMENDED, n_items=Integer(low=1))
def catalogue_coverage(recommended, n_items: int) -> float:
    """The share of all `n_items` items that appear in at least one user's list.

    Introduced in notebook 07.
    """
    if recommended.size and recommended.max() >= n_items:
        raise ValueError(
            f"recommended lists item {recommended.max()}, but n_items is {n_items}; n_items must count every item"
        )
    return float(np.unique(recommended).size / n_items)


@constrained(
    recommended=_RECOMMENDED,
    popularity=Vector(what="popularity scores (one per item)"),
    top_fraction=Real(above=0.0, high=1.0),
)
def popular_share(recommended, popularity, *, top_fraction: float = 0.1) -> float:
    """The share of all recommendations that are among the `top_fraction` most popular items.

    `popularity` scores every item (e.g. its number of training ratings). With top_fraction=0.1 a
    recommender that ignored popularity would score about 0.1; one that only shows hits scores 1.

    Introduced in notebook 07.
    """
    if recommended.size and recommended.max() >= popularity.size:
        raise ValueError(f"recommended lists item {recommended.max()}, but popularity scores {popularity.size} items")
    n_top = max(1, int(round(top_fraction * popularity.size)))
    popular = np.zeros(popularity.size, dtype=bool)
    popular[np.argsort(-popularity, kind="stable")[:n_top]] = True
    return float(popular[recommended].mean())


@constrained(recommended=_RECOMMENDED, n_items=Integer(low=1))
def exposure_gini(recommended, n_items: int) -> float:
    """The Gini coefficient of exposure: how unequally the lists share their slots among all `n_items` items.

    Item j's exposure e_j is the number of lists it appears in, 0 for an item no list shows. The Gini
    is the mean absolute difference of the exposures over twice their mean,
    G = sum_i sum_j |e_i - e_j| / (2 n sum_j e_j), which with e sorted ascending is
    sum_j (2j - n - 1) e_(j) / (n sum_j e_j): 0 when every item is shown equally often, (n - 1) / n
    when one item takes every slot.

    Introduced in notebook 07.
    """
    if recommended.size == 0:
        raise ValueError("recommended holds no recommendation: the Gini of exposure needs at least one listed item")
    if recommended.max() >= n_items:
        raise ValueError(
            f"recommended lists item {recommended.max()}, but n_items is {n_items}; n_items must count every item"
        )
    exposure = np.sort(np.bincount(recommended.ravel(), minlength=n_items)).astype(float)
    weights = 2 * np.arange(1, n_items + 1) - n_items - 1
    return float(weights @ exposure / (n_items * exposure.sum()))


@dataclass(frozen=True)
class RankingReport:
    """What `evaluate_ranking` measured: the mean metrics over the users that could be scored.

    Introduced in notebook 07.
    """

    k: int
    precision: float  # means over the scored users
    recall: float
    ndcg: float
    coverage: float  # over every user's list
    popular_share: float  # over every user's list
    n_users: int  # users scored (with at least one relevant test item)
    n_skipped: int  # users without a relevant test item
    per_user_ndcg: (
        np.ndarray
    )  # one entry per scored user, in user order (for intervals: helpers.evaluation.uncertainty)
    per_user_precision: np.ndarray
    per_user_recall: np.ndarray
    scored_users: np.ndarray  # the row of each scored user
    per_user_normalised_recall: np.ndarray | None = None  # hits / min(k, |R|), per scored user
    n_relevant: np.ndarray | None = None  # |R| of each scored user

    @property
    def normalised_recall(self) -> float:
        """Mean over the scored users of hits / min(k, |R|) (NaN if the report was built without it)."""
        values = self.per_user_normalised_recall
        return float("nan") if values is None else float(values.mean())

    @property
    def recall_ceiling(self) -> float:
        """The highest mean recall@k any list of k could reach on these users: mean of min(k, |R|) / |R|."""
        if self.n_relevant is None:
            return float("nan")
        return float(np.mean(np.minimum(self.n_relevant, self.k) / self.n_relevant))

    def as_row(self) -> dict:
        """The figures as a ResultsTable row: {f"P@{k}": ..., f"R@{k}": ..., f"NDCG@{k}": ..., ...}."""
        k = self.k
        return {
            f"P@{k}": self.precision,
            f"R@{k}": self.recall,
            f"NDCG@{k}": self.ndcg,
            "coverage": self.coverage,
            "popular share": self.popular_share,
        }


@constrained(
    scores=Matrix(deferred=True),  # checked after train and test, as "scores (users x items)"
    train=Ratings(),
    test=Ratings(),
    k=Integer(low=1, deferred=True),  # at most the number of items: checked by top_k_items
    threshold=Real(),
    top_fraction=Real(above=0.0, high=1.0),
    candidates=Optional(Checked(_check_candidates, "a boolean mask over items or users x items, or a sparse matrix")),
)
def evaluate_ranking(
    scores, train, test, *, k: int = 10, threshold: float = 4.0, top_fraction: float = 0.1, candidates=None
):
    """The course's ranking protocol on users x items `scores` (see the module's docstring).

    `train` and `test` are SciPy sparse users x items rating matrices of one shape (as
    ratings_matrix makes them): items a user rated in `train` are never recommended to them, and
    the user's `test` ratings of at least `threshold` stars are the relevant items. Popularity for
    `popular_share` is each item's number of training ratings. Returns a RankingReport.

    `candidates` (default: every item) limits what is ranked: a boolean mask over items (the same
    for every user), a boolean users x items mask, or a sparse matrix whose stored entries mark
    each user's candidates (pass `test` to rank only the films each user rated in the test). Only
    candidates can be relevant; a user with fewer than k candidates gets a list padded with
    non-candidates, which never count as hits.

    Introduced in notebook 05.
    """
    train = check_ratings(train, name="train", mask_name=None)
    test = check_ratings(test, name="test", mask_name=None)
    scores = check_array(scores, "scores", ndim=2, what="scores (users x items)")
    if not (scores.shape == train.shape == test.shape):
        raise ValueError(
            f"scores, train and test must share one shape, got {scores.shape}, {train.shape}, {test.shape}"
        )
    check_held_out(
        test,
        train,
        "test",
        "train, and a user's training items are never recommended, so those test ratings could never "
        "count; evaluate on ratings held out of train",
    )
    relevant = (test >= threshold).toarray()
    if candidates is not None:
        allowed = _candidate_mask(candidates, scores.shape)
        relevant &= allowed
        scores = np.where(allowed, scores, scores.min() - 1.0)  # every non-candidate below every candidate
    scored = np.flatnonzero(relevant.any(axis=1))
    if scored.size == 0:
        raise ValueError(f"no user has a test rating of {threshold:g} or more among the candidates; lower threshold")
    every_list = top_k_items(scores, k, exclude=train)  # coverage and popularity look at every user's list
    recommended, relevant = every_list[scored], relevant[scored]
    popularity = np.diff(train.tocsc().indptr).astype(float)
    per_user_ndcg = ndcg_at_k(recommended, relevant)
    per_user_precision = precision_at_k(recommended, relevant)
    per_user_recall = recall_at_k(recommended, relevant)
    return RankingReport(
        k=k,
        precision=float(per_user_precision.mean()),
        recall=float(per_user_recall.mean()),
        ndcg=float(per_user_ndcg.mean()),
        coverage=catalogue_coverage(every_list, scores.shape[1]),
        popular_share=popular_share(every_list, popularity, top_fraction=top_fraction),
        n_users=int(scored.size),
        n_skipped=int(scores.shape[0] - scored.size),
        per_user_ndcg=per_user_ndcg,
        per_user_precision=per_user_precision,
        per_user_recall=per_user_recall,
        scored_users=scored,
        per_user_normalised_recall=normalised_recall_at_k(recommended, relevant),
        n_relevant=relevant.sum(axis=1),
    )
