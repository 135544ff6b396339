"""The cases, answers and typical-mistake code of notebook 04's cold-start exercises: folding in a
new film from its first ratings, the users' biases and factors held fixed, shrunk towards a prior
(its features' guess; a prior of 0 is plain item fold-in); and the damping at which a film rated
once leaves the top of a damped-mean chart.

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 04.
"""

from __future__ import annotations

import numpy as np

from helpers.models.factorization import FactorModel
from helpers.models.fold_in import fold_in_item
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _film_case(rng):
    """The users' side of a small weighted model: every user's bias and factors, mu, lambda and beta."""
    n_users, k = int(rng.integers(5, 10)), int(rng.integers(1, 4))
    return dict(
        user_bias=rng.normal(scale=0.4, size=n_users),
        user_factors=rng.normal(scale=0.6, size=(n_users, k)),
        mu=float(np.round(rng.uniform(3, 4), 2)),
        lam=float(rng.choice([0.05, 0.2, 0.5])),
        beta=float(rng.choice([1.0, 5.0, 10.0])),
    )


def _users_model(user_bias, user_factors, mu, lam, beta) -> FactorModel:
    """A weighted model holding these users and one placeholder item (the items play no part in item fold-in)."""
    return FactorModel(
        global_mean=mu,
        user_bias=user_bias,
        item_bias=np.zeros(1),
        user_factors=user_factors,
        item_factors=np.zeros((1, user_factors.shape[1])),
        reg=lam,
        reg_scaling="weighted",
        n_iters=1,
        shrinkage=beta,
    )


def _solve(users, ratings, user_bias, user_factors, mu, penalty_of_n, target_bias=True, pull=None):
    """[b_i, q_i] by a ridge solve with the penalty diagonal `penalty_of_n(n)`; raises on n = 0 as a bare solve does.

    `pull(Lambda)`, when given, is added to the right-hand side (Lambda x0 for a prior x0)."""
    P = np.column_stack([np.ones(len(users)), user_factors[users]])
    y = ratings - mu - (user_bias[users] if target_bias else 0.0)
    penalty = np.diag(penalty_of_n(len(users)))
    return np.linalg.solve(P.T @ P + penalty, P.T @ y + (0.0 if pull is None else pull(penalty)))


def _predict(x, user_bias, user_factors, mu):
    return mu + user_bias + x[0] + user_factors @ x[1:]


def _k(user_factors):
    return user_factors.shape[1]


# --- 04, closing exercise 4: a new film folded in towards a prior, its features' guess ---------------


def _prior_case(rng, n=None, zero_prior=False):
    """A film with 1 to n_users - 1 raters (n of them when given): the checker adds one nobody has rated."""
    case = _film_case(rng)
    n_users = case["user_bias"].size
    n = int(rng.integers(1, n_users)) if n is None else n
    users = np.sort(rng.choice(n_users, size=n, replace=False))
    prior = rng.normal(scale=0.5, size=case["user_factors"].shape[1] + 1)  # [b_i, q_i] from the features
    ratings = rng.integers(1, 6, size=n).astype(float)
    return dict(users=users, ratings=ratings, **case, prior=np.zeros_like(prior) if zero_prior else prior)


def _no_raters_case(rng):
    """An edge case every run of the checker includes: a film nobody has rated, where only the prior speaks."""
    return _prior_case(rng, n=0)


def _zero_prior_case(rng):
    """An edge case every run of the checker includes: a prior of 0, which is plain item fold-in."""
    return _prior_case(rng, zero_prior=True)


def _fold_in_towards(users, ratings, user_bias, user_factors, mu, lam, beta, prior):
    """The course's answer: fold_in_item with a prior, on a model holding these users."""
    model = _users_model(user_bias, user_factors, mu, lam, beta)
    return fold_in_item(model, users, ratings, prior=prior).predictions


def _towards(*, right_side="penalty", empty="prior", weighted=True, after=False, bias_penalty="beta", target_bias=True):
    """The prior fold-in with one decision taken another way."""

    def wrong(users, ratings, user_bias, user_factors, mu, lam, beta, prior):
        n, k = len(users), _k(user_factors)
        if n == 0 and empty is not None:
            guess = {"prior": prior, "zero": np.zeros(k + 1), "bias only": np.r_[prior[0], np.zeros(k)]}[empty]
            return _predict(guess, user_bias, user_factors, mu)
        on_bias = {"beta": lambda n: beta, "lam n": lambda n: lam * n, "beta n": lambda n: beta * n}[bias_penalty]
        diagonal = lambda n: [on_bias(n)] + [lam * n if weighted else lam] * k  # noqa: E731
        pull = {
            "penalty": lambda penalty: penalty @ prior,
            "bare": lambda penalty: prior,
            "minus": lambda penalty: -(penalty @ prior),
            "none": None,
        }[right_side]
        x = _solve(users, ratings, user_bias, user_factors, mu, diagonal, target_bias=target_bias, pull=pull)
        return _predict(x + prior if after else x, user_bias, user_factors, mu)

    return wrong


_PRIOR_MISTAKES = (
    _Mistake(
        _towards(empty="zero"),
        "a film with no ratings gets the baseline mu + b_u, but it has a prior now: beta pins b_i to the "
        "prior's bias, and the factors, whose penalty lam * n vanishes at n = 0, take the prior's too (as "
        "plain fold-in takes 0): predict mu + b_u + b_i0 + p_u . q_i0.",
    ),
    _Mistake(
        _towards(right_side="none", empty="zero"),
        "the prior plays no part: that is plain fold-in. The penalty (x - x0)^T Lambda (x - x0) adds "
        "Lambda x0 to the right-hand side, and a film with no ratings gets x0.",
    ),
    _Mistake(
        _towards(empty="bias only"),
        "a film with no ratings keeps only the prior's bias: the prior's factors count too, so predict "
        "mu + b_u + b_i0 + p_u . q_i0.",
    ),
    _Mistake(
        _towards(empty=None),
        "the solve fails for a film with no ratings (its system is singular: lambda n = 0 on the factors, so "
        "they are not pinned down): return the prior's predictions for n = 0, x = x0.",
    ),
    _Mistake(
        _towards(right_side="bare"),
        "the right-hand side adds x0 itself: the gradient of (x - x0)^T Lambda (x - x0) is 2 Lambda (x - x0), "
        "so it adds Lambda x0.",
    ),
    _Mistake(
        _towards(right_side="minus"),
        "the prior enters with the wrong sign: setting the gradient to 0 gives (P^T P + Lambda) x = P^T y + Lambda x0.",
    ),
    _Mistake(
        _towards(right_side="none", after=True),
        "the prior is added after a plain solve: x = x0 + (P^T P + Lambda)^-1 P^T y fits the ratings as if "
        "x0 were not there. Either add Lambda x0 to the right side, or solve for x - x0 on the targets "
        "less what x0 predicts.",
    ),
    _Mistake(
        _towards(weighted=False),
        "the factors' penalty has lost its count: the course's lambda is weighted, lam * n for a film "
        "with n ratings, as in section 7's item fold-in.",
    ),
    _Mistake(
        _towards(target_bias=False),
        "the raters' own biases are still in the targets: subtract mu + b_u from each rating, since b_u is "
        "fixed and already predicted.",
    ),
    _Mistake(
        _towards(bias_penalty="lam n"),
        "the film's bias is penalised like a factor (lambda * n): its penalty is the pseudo-count beta.",
    ),
    _Mistake(
        _towards(bias_penalty="beta n"),
        "the bias's pseudo-count grew with the ratings: its penalty is beta itself, not beta * n.",
    ),
)


# --- 04, closing exercise 2: the damping at which an item leaves the top of the chart --------------


def _leave_top_case(rng):
    """Items rated 1..40 times, one rated once or twice and high (the item asked about); top 1..3."""
    n_items = int(rng.integers(6, 11))
    counts = rng.integers(1, 41, size=n_items).astype(float)
    means = np.clip(rng.normal(3.4, 0.6, size=n_items), 1.0, 5.0)
    item = int(rng.integers(n_items))
    counts[item] = float(rng.integers(1, 3))
    means[item] = float(rng.choice([5.0, 5.0, 5.0, 4.5, 2.5]))  # now and then it starts outside the top
    sums = np.round(counts * means)  # integer star totals
    return dict(sums=sums, counts=counts, mu=float(sums.sum() / counts.sum()), item=item, top=int(rng.integers(1, 4)))


def _crossings(sums, counts, mu, item):
    """For every other item j: (a_j, c_j) with d_j(beta) > d_item(beta) exactly when a_j * beta > c_j."""
    others = np.delete(np.arange(len(sums)), item)
    a = sums[others] - sums[item] + mu * (counts[item] - counts[others])
    c = sums[item] * counts[others] - sums[others] * counts[item]
    return a, c


def _scanned_to_leave_top(sums, counts, mu, item, top, *, step):
    """A typical mistake's answer: the first beta on a grid of `step` at which `top` items are above."""
    a, c = _crossings(np.asarray(sums, dtype=float), np.asarray(counts, dtype=float), mu, item)
    for beta in np.arange(0.0, 1000.0, step):
        if np.sum(a * (beta + 1e-9) > c) >= top:
            return float(beta)
    return np.inf


def _damping_to_leave_top(sums, counts, mu, item, top, *, count_above=None):
    """The smallest beta >= 0 just beyond which at least `top` items have a higher damped mean (inf if none).

    Each other item passes or falls behind at one beta (the beta^2 terms cancel), so the answer is 0 or
    one of those crossings: the first at which, just beyond it, `top` items are above. `count_above`
    replaces the count (a typical mistake's).
    """
    sums, counts = np.asarray(sums, dtype=float), np.asarray(counts, dtype=float)
    a, c = _crossings(sums, counts, mu, item)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = np.where(a != 0, c / a, np.nan)
    candidates = np.concatenate([[0.0], np.sort(cross[np.isfinite(cross) & (cross > 0)])])
    for beta in candidates:
        gap = a * beta - c
        tied = np.abs(gap) <= 1e-9 * (np.abs(a * beta) + np.abs(c) + 1.0)
        above = ((gap > 0) & ~tied) | (tied & (a > 0))  # above it just beyond beta
        if (above.sum() if count_above is None else count_above(a, c, beta, above)) >= top:
            return float(beta)
    return np.inf


_EXERCISES_COLD_START = {
    "fold_in_towards": _Exercise(
        signature="fold_in_towards(users, ratings, user_bias, user_factors, mu, lam, beta, prior) -> a prediction "
        "for every user",
        cases=_prior_case,
        edge_cases=(_no_raters_case, _zero_prior_case),
        reference=_fold_in_towards,
        course_answers=("fold_in_item", "fold_in_user"),
        mistakes=_PRIOR_MISTAKES,
        hint="with P, y and Lambda as in section 7's item fold-in, set the gradient of |y - P x|^2 + (x - x0)^T Lambda "
        "(x - x0) to zero and solve for x = [b_i, q_i]; decide what x is when nobody has rated the film; then "
        "predict mu + b_u + b_i + p_u . q_i.",
    ),
    "damping_to_leave_top": _Exercise(
        signature="damping_to_leave_top(sums, counts, mu, item, top) -> the smallest beta (np.inf if none)",
        cases=_leave_top_case,
        reference=_damping_to_leave_top,
        mistakes=(
            _Mistake(
                lambda sums, counts, mu, item, top: _scanned_to_leave_top(sums, counts, mu, item, top, step=0.5),
                "close, but on a grid: a scan finds the crossing only to its step. Two damped means cross where a "
                "linear equation in beta holds (multiply out the inequality: the beta^2 terms cancel); solve it.",
            ),
            _Mistake(
                lambda sums, counts, mu, item, top: (
                    _damping_to_leave_top(sums, counts, mu, item, top - 1) if top > 1 else 0.0
                ),
                "out of the top `top` means at least `top` items above it, not top - 1.",
            ),
            _Mistake(
                lambda sums, counts, mu, item, top: _damping_to_leave_top(
                    sums,
                    counts,
                    mu,
                    item,
                    top,
                    count_above=lambda a, c, beta, above: np.sum(
                        (a > 0) & (c > 0) & (c / np.where(a > 0, a, 1) <= beta)
                    ),
                ),
                "only items that overtake it are counted: an item already above it at beta = 0 counts too, while "
                "it stays above (an item with a_j < 0 falls behind as beta grows).",
            ),
            _Mistake(
                lambda sums, counts, mu, item, top: _damping_to_leave_top(sums, counts, 0.0, item, top),
                "the imaginary ratings are at the global mean mu, not at 0: the damped mean is "
                "(sum + beta * mu) / (n + beta).",
            ),
            _Mistake(
                lambda sums, counts, mu, item, top: (
                    0.0
                    if np.sum(np.delete(np.asarray(sums) / np.asarray(counts), item) > sums[item] / counts[item]) >= top
                    else np.inf
                ),
                "that reads the raw means only: damping moves every mean towards mu, at its own pace; find the "
                "beta at which enough of them have passed this item.",
            ),
        ),
        hint="item j's damped mean is above this item's exactly when a_j * beta > c_j for two numbers a_j, c_j; "
        "the answer is 0 or one of the crossings c_j / a_j: the first at which `top` items are above it.",
    ),
}
