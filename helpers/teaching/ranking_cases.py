"""The cases, answers and typical-mistake code of notebook 07's exercises: NDCG@k of one list with
its edge cases, EASE's closed-form weights, and one user's confidence-weighted ALS step (Hu,
Koren and Volinsky 2008). Section 4's weighted step has its own module, wals_cases.py.

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 07.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from helpers.evaluation.ranking import ndcg_at_k
from helpers.models.ranking_models import _half_step, fit_ease
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


# --- 07: NDCG of one top-k list, edge cases included ---------------------------------------------


def _ndcg_case(rng):
    """A list often shorter or longer than k, and a relevant set sometimes empty, smaller or larger than k.

    With the checker's seed the six cases hold every edge case (tests/teaching checks each mistake's hint).
    """
    n_items, k = int(rng.integers(10, 20)), int(rng.integers(3, 7))
    kind = rng.random()
    if kind < 0.45:
        length = int(rng.integers(2, k))  # shorter than k (two or more, so no variant lands on 1 by chance)
    elif kind < 0.75:
        length = int(rng.integers(k + 1, k + 4))  # longer than k: only the first k count
    else:
        length = k
    size = rng.random()
    if size < 0.15:
        n_relevant = 0
    elif size < 0.55:
        n_relevant = int(rng.integers(1, k))  # fewer than k: the ideal list is |relevant| long
    else:
        n_relevant = int(rng.integers(k, 2 * k + 1))
    relevant = rng.choice(n_items, size=n_relevant, replace=False)
    return dict(recommended=rng.choice(n_items, size=length, replace=False), relevant=relevant, k=k)


def _ndcg_one_user(recommended, relevant, k):
    n_items = int(max(recommended.max(), relevant.max() if relevant.size else 0)) + 1
    mask = np.zeros((1, n_items), dtype=bool)
    mask[0, relevant] = True
    return float(ndcg_at_k(recommended[None], mask, k=k)[0])


def _ndcg_variant(recommended, relevant, k, *, ideal="min", cut=True, first=2, empty=np.nan, pad=True):
    """NDCG@k with one thing changed: the ideal list's length, the cut at k, the first discount, the empty case."""
    if len(relevant) == 0 and empty is not None:
        return empty
    listed = recommended[:k] if cut else recommended
    discounts = 1 / np.log2(np.arange(first, first + max(k, listed.size)))
    hits = np.isin(listed, relevant).astype(float)
    dcg = hits @ (discounts[: hits.size] if pad else discounts[:k])  # pad=False: shapes clash for a short list
    if ideal is None:
        return np.float64(dcg)
    n_ideal = {
        "min": min(k, len(relevant)),
        "relevant": len(relevant),
        "k": k,
        "list": min(listed.size, len(relevant)),  # k taken from the (cut) list's length
    }[ideal]
    return np.float64(dcg) / np.sum(1 / np.log2(np.arange(2, 2 + n_ideal)))


# --- 07: EASE's weights ---------------------------------------------------------------------------


def _ease_case(rng):
    n_users, n_items = int(rng.integers(12, 30)), int(rng.integers(3, 8))
    X = (rng.random((n_users, n_items)) < rng.uniform(0.3, 0.6)).astype(float)
    X[rng.integers(n_users, size=n_items), np.arange(n_items)] = 1.0  # every item rated at least once
    return dict(X=X, lam=float(rng.choice([0.5, 1.0, 5.0, 20.0])))


def _ease_weights(X, lam):
    return fit_ease(sp.csr_array(X), reg=lam).weights


def _inverse_gram(X, lam, *, on_diagonal=True):
    gram = X.T @ X
    return np.linalg.inv(gram + lam * np.eye(gram.shape[0]) if on_diagonal else gram + lam)


def _zero_diagonal(B):
    B = B.copy()
    np.fill_diagonal(B, 0.0)
    return B


# --- 07: one user's confidence-weighted ALS step ---------------------------------------------------


def _user_step_case(rng):
    n_items, k = int(rng.integers(5, 13)), int(rng.integers(1, 5))
    ratings = np.where(rng.random(n_items) < 0.4, rng.integers(1, 6, size=n_items), 0).astype(float)
    ratings[rng.integers(n_items)] = float(rng.integers(1, 6))  # at least one rated film
    alpha = float(rng.choice([0.5, 1.0, 2.0, 5.0]))
    return dict(
        Y=rng.normal(scale=0.5, size=(n_items, k)),
        c=1.0 + alpha * ratings,
        p=(ratings > 0).astype(float),
        lam=float(rng.choice([0.1, 0.5, 1.0, 2.0])),
    )


def _weighted_user_step(Y, c, p, lam):
    """The course's half-step (`_half_step`, as fit_implicit_als runs it) for this one user."""
    rated = np.flatnonzero(p)

    def one_row(values):
        return sp.csr_array((values, rated, [0, rated.size]), shape=(1, Y.shape[0]))

    return _half_step(one_row(p[rated]), one_row(c[rated]), Y, w0=1.0, reg=lam, weighted=False)[0]


def _solve(gram, rhs, lam):
    return np.linalg.solve(gram + lam * np.eye(gram.shape[0]), rhs)


def _rated_only(Y, c, p, lam):
    rated = p > 0
    Y_u, c_u = Y[rated], c[rated]
    return _solve(Y_u.T @ (c_u[:, None] * Y_u), Y_u.T @ (c_u * p[rated]), lam)


# --- 07, closing exercise 1: mean NDCG@k over the users who can be scored ----------------------------


def _mean_ndcg_case(rng):
    n_users, n_items, length = int(rng.integers(4, 9)), int(rng.integers(15, 30)), int(rng.integers(6, 11))
    lists = np.array([rng.choice(n_items, size=length, replace=False) for _ in range(n_users)])
    relevant = rng.random((n_users, n_items)) < rng.uniform(0.1, 0.3)
    relevant[rng.choice(n_users, size=int(rng.integers(1, 3)), replace=False)] = False  # users with none
    relevant[0, lists[0, 0]] = True  # at least one user can be scored
    return dict(lists=lists, relevant=relevant, k=int(rng.integers(2, length)))


def _mean_ndcg_at(lists, relevant, k):
    per_user = ndcg_at_k(lists, relevant, k=k)  # NaN for a user with no relevant film
    return float(per_user[relevant.any(axis=1)].mean())  # the protocol's mean: over the users it can score


# --- 07, closing exercise 2: how much of each user's list is little-known films -------------------


def _tail_case(rng):
    """Lists longer than k, and films rated exactly `threshold` times on them (so < and <= differ)."""
    n_users, n_items, length = int(rng.integers(3, 9)), int(rng.integers(15, 30)), int(rng.integers(8, 13))
    threshold = int(rng.integers(3, 11))
    counts = rng.integers(0, 2 * threshold + 1, size=n_items)
    lists = np.array([rng.choice(n_items, size=length, replace=False) for _ in range(n_users)])
    k = int(rng.integers(2, length))
    counts[lists[0, 0]] = threshold  # a film on the boundary inside the first k positions
    counts[lists[-1, -1]] = 0  # a little-known film after position k
    return dict(lists=lists, counts=counts, k=k, threshold=threshold)


def _tail_share_per_user(lists, counts, k, threshold):
    return np.mean(counts[lists[:, :k]] < threshold, axis=1)


_EXERCISES_RANKING = {
    "ndcg_one_user": _Exercise(
        signature="ndcg_one_user(recommended, relevant, k) -> NDCG@k of one list (NaN when relevant is empty)",
        cases=_ndcg_case,
        reference=_ndcg_one_user,
        course_answers=("ndcg_at_k", "evaluate_ranking"),
        mistakes=(
            _Mistake(
                lambda recommended, relevant, k: _ndcg_variant(recommended, relevant, k, empty=0.0),
                "a user with no relevant film has no NDCG: return np.nan, not 0 (a 0 would count as a failed "
                "list in the mean; the protocol skips such users instead).",
            ),
            _Mistake(
                lambda recommended, relevant, k: _ndcg_variant(recommended, relevant, k, ideal=None),
                "the DCG is not normalised: divide it by the DCG of a perfect list (the ideal DCG).",
            ),
            _Mistake(
                lambda recommended, relevant, k: _ndcg_variant(recommended, relevant, k, ideal="relevant"),
                "the ideal list is longer than k: a perfect top-k list holds min(k, number of relevant items) hits.",
            ),
            _Mistake(
                lambda recommended, relevant, k: _ndcg_variant(recommended, relevant, k, ideal="k"),
                "k is larger than the number of relevant films here: a perfect list then holds only |relevant| "
                "hits, so the ideal DCG sums min(k, |relevant|) discounts, not k.",
            ),
            _Mistake(
                lambda recommended, relevant, k: _ndcg_variant(recommended, relevant, k, ideal="list"),
                "the list is shorter than k, and a short list is not a perfect one: the ideal list still has "
                "min(k, |relevant|) hits, whatever the length of the list you were given.",
            ),
            _Mistake(
                lambda recommended, relevant, k: _ndcg_variant(recommended, relevant, k, pad=False),
                "the list is shorter than k: score only the positions it has (hits times the first len(hits) "
                "discounts); the missing positions are misses.",
            ),
            _Mistake(
                lambda recommended, relevant, k: _ndcg_variant(recommended, relevant, k, cut=False),
                "the list is longer than k: only its first k positions count (recommended[:k]).",
            ),
            _Mistake(
                lambda recommended, relevant, k: _ndcg_variant(recommended, relevant, k, first=1),
                "the first position is discounted by log2(1) = 0: position j (counting from 1) gets 1 / log2(j + 1).",
            ),
            _Mistake(
                lambda recommended, relevant, k: (
                    np.nan if len(relevant) == 0 else np.isin(recommended[:k], relevant).sum() / k
                ),
                "that is precision@k: NDCG weighs each hit by 1 / log2(position + 1) and divides by the ideal DCG.",
            ),
        ),
        hint="NDCG is the list's DCG over its first k positions (a hit at position j is worth 1 / log2(j + 1)) "
        "divided by the best DCG any top-k list could reach for this user; with no relevant film there is none.",
    ),
    "ease_weights": _Exercise(
        signature="ease_weights(X, lam) -> EASE's items x items weights B",
        cases=_ease_case,
        reference=_ease_weights,
        course_answers=("fit_ease",),
        mistakes=(
            _Mistake(
                lambda X, lam: -_inverse_gram(X, lam) / np.diag(_inverse_gram(X, lam)),
                "the diagonal is not zero: B = I - P diag(1 / diag(P)) has B_jj = 0, but -P_ij / P_jj alone puts "
                "-1 there; set the diagonal to 0 (np.fill_diagonal).",
            ),
            _Mistake(
                lambda X, lam: _zero_diagonal(-_inverse_gram(X, lam) / np.diag(_inverse_gram(X, lam))[:, None]),
                "the rows are divided, not the columns: B = I - P diag(gamma) scales column j by gamma_j = "
                "1 / P_jj (P / np.diag(P)); dividing row i by P_ii (P / np.diag(P)[:, None]) gives B transposed.",
            ),
            _Mistake(
                lambda X, lam: _zero_diagonal(-np.linalg.inv(X.T @ X) / np.diag(np.linalg.inv(X.T @ X))),
                "lambda is missing: P = (X^T X + lambda I)^-1; without it X^T X may not even be invertible.",
            ),
            _Mistake(
                lambda X, lam: _zero_diagonal(
                    -_inverse_gram(X, lam, on_diagonal=False) / np.diag(_inverse_gram(X, lam, on_diagonal=False))
                ),
                "lambda is added to every entry of X^T X: it goes on the diagonal only, X^T X + lambda I (np.eye).",
            ),
            _Mistake(
                lambda X, lam: _inverse_gram(X, lam) @ (X.T @ X),
                "that is ridge regression of X on itself without the constraint diag(B) = 0, so each item mostly "
                "predicts itself: the multipliers give B = I - P diag(1 / diag(P)).",
            ),
            _Mistake(
                lambda X, lam: _zero_diagonal(
                    -np.linalg.inv(X @ X.T + lam * np.eye(X.shape[0]))
                    / np.diag(np.linalg.inv(X @ X.T + lam * np.eye(X.shape[0])))
                ),
                "X X^T is users x users: the Gram matrix of the items is X^T X (items x items), and so is B.",
            ),
            _Mistake(
                lambda X, lam: _zero_diagonal(_inverse_gram(X, lam) / np.diag(_inverse_gram(X, lam))),
                "the sign: B = I - P diag(1 / diag(P)), so off the diagonal B_ij = -P_ij / P_jj.",
            ),
            _Mistake(
                lambda X, lam: _zero_diagonal(
                    -(np.linalg.inv(X.T @ X) + lam * np.eye(X.shape[1]))
                    / np.diag(np.linalg.inv(X.T @ X) + lam * np.eye(X.shape[1]))
                ),
                "lambda is added after inverting: it goes inside, P = (X^T X + lambda I)^-1.",
            ),
        ),
        hint="set the Lagrangian's gradient to zero: B = I - P diag(gamma) with P = (X^T X + lambda I)^-1, and "
        "the constraint diag(B) = 0 fixes each gamma_j.",
    ),
    "weighted_user_step": _Exercise(
        signature="weighted_user_step(Y, c, p, lam) -> the user's factors x_u (one per column of Y)",
        cases=_user_step_case,
        reference=_weighted_user_step,
        mistakes=(
            _Mistake(
                lambda Y, c, p, lam: _solve(Y.T @ Y, Y.T @ p, lam),
                "the confidences are ignored: every film's squared error is weighted by c_i, on both sides, "
                "(Y^T C_u Y + lambda I) x = Y^T C_u p.",
            ),
            _Mistake(
                lambda Y, c, p, lam: _solve(Y.T @ Y, Y.T @ (c * p), lam),
                "the confidences are missing from the left side: it is Y^T C_u Y + lambda I, not Y^T Y + lambda I.",
            ),
            _Mistake(
                lambda Y, c, p, lam: _solve(Y.T @ (c[:, None] * Y), Y.T @ p, lam),
                "the confidences are missing from the right side: it is Y^T C_u p(u), not Y^T p(u).",
            ),
            _Mistake(
                _rated_only,
                "only the rated films are in the sums: every unrated film counts too, with preference 0 and "
                "confidence 1 (that is what Y^T Y adds in Y^T Y + Y^T (C_u - I) Y).",
            ),
            _Mistake(
                lambda Y, c, p, lam: _solve(Y.T @ ((c - 1)[:, None] * Y), Y.T @ (c * p), lam),
                "Y^T Y is missing: Y^T C_u Y = Y^T Y + Y^T (C_u - I) Y; the correction alone is only the rated films.",
            ),
            _Mistake(
                lambda Y, c, p, lam: _solve(Y.T @ (c[:, None] * Y), Y.T @ ((c - 1) * p), lam),
                "the right side takes C_u - I: the Gram trick rewrites only the left side; the right is Y^T C_u p(u).",
            ),
            _Mistake(
                lambda Y, c, p, lam: np.linalg.solve(Y.T @ (c[:, None] * Y), Y.T @ (c * p)),
                "lambda is missing: add lambda I to Y^T C_u Y.",
            ),
            _Mistake(
                lambda Y, c, p, lam: _solve(Y.T @ (c[:, None] * Y), Y.T @ (c * p), lam * c.sum()),
                "the penalty is scaled by the user's total confidence (the weighted model's W_u): Hu et al.'s "
                "penalty is plain lambda |x_u|^2, so add lambda I.",
            ),
            _Mistake(
                lambda Y, c, p, lam: np.linalg.solve(Y.T @ (c[:, None] * Y) + lam, Y.T @ (c * p)),
                "lambda is added to every entry: it goes on the diagonal only, + lambda * np.eye(k).",
            ),
            _Mistake(
                lambda Y, c, p, lam: _solve(Y.T @ Y + Y.T @ ((c * p)[:, None] * Y), Y.T @ (c * p), lam),
                "the rated films are counted twice: Y^T Y already holds them once, so the correction is "
                "Y^T (C_u - I) Y, with c_i - 1.",
            ),
        ),
        hint="set the gradient of sum_i c_i (p_i - x . y_i)^2 + lambda |x|^2 to zero: every film counts, each "
        "weighted by its confidence, on both sides of the normal equations.",
    ),
    "mean_ndcg_at": _Exercise(
        signature="mean_ndcg_at(lists, relevant, k) -> mean NDCG@k over the users with a relevant film",
        cases=_mean_ndcg_case,
        reference=_mean_ndcg_at,
        course_answers=("evaluate_ranking",),
        mistakes=(
            _Mistake(
                lambda lists, relevant, k: np.mean(ndcg_at_k(lists, relevant, k=k)),
                "the mean is NaN: users with no relevant film have no NDCG; average over the others only "
                "(np.nanmean, or keep the rows where relevant.any(axis=1)), as the protocol does.",
            ),
            _Mistake(
                lambda lists, relevant, k: np.mean(np.nan_to_num(ndcg_at_k(lists, relevant, k=k))),
                "users with no relevant film are counted as 0: they cannot be scored, so leave them out of the mean.",
            ),
            _Mistake(
                lambda lists, relevant, k: np.nanmean(ndcg_at_k(lists, relevant)),
                "the lists are not cut at k: that is NDCG at the lists' full length; pass k=k (or lists[:, :k]).",
            ),
        ),
        hint="ndcg_at_k(lists, relevant, k=k) gives one NDCG per user, NaN for a user with no relevant film; "
        "return the mean over the others.",
    ),
    "tail_share_per_user": _Exercise(
        signature="tail_share_per_user(lists, counts, k, threshold) -> one share per user (a user's row of lists)",
        cases=_tail_case,
        reference=_tail_share_per_user,
        mistakes=(
            _Mistake(
                lambda lists, counts, k, threshold: np.mean(counts[lists[:, :k]] <= threshold, axis=1),
                "a film with exactly `threshold` training ratings is counted: the tail is the films with fewer "
                "than threshold (<, not <=).",
            ),
            _Mistake(
                lambda lists, counts, k, threshold: np.mean(counts[lists] < threshold, axis=1),
                "the whole list is counted: only a user's first k recommendations are shown (lists[:, :k]).",
            ),
            _Mistake(
                lambda lists, counts, k, threshold: np.sum(counts[lists[:, :k]] < threshold, axis=1),
                "that is the number of little-known films in each list: divide by k for a share.",
            ),
            _Mistake(
                lambda lists, counts, k, threshold: np.mean(counts[lists[:, :k]] < threshold, axis=0),
                "that is one share per list position: average over each user's row (axis=1), one share per user.",
            ),
            _Mistake(
                lambda lists, counts, k, threshold: np.mean(counts[lists[:, :k]] >= threshold, axis=1),
                "that is the share of well-known films: the tail is the films with fewer than threshold ratings.",
            ),
        ),
        hint="counts[lists] gives each recommended film's number of training ratings, in the lists' shape; "
        "keep the first k columns, compare with threshold, and average each row.",
    ),
}
