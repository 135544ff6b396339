"""How sure is a figure? Bootstrap intervals over users, for one model and for the difference of two.

A test set is a sample of users, and another sample would give another RMSE. The bootstrap
estimates that spread from the sample itself: draw as many users as there are, with replacement,
recompute the figure, repeat, and read the middle 95% of the recomputed figures (the percentile
interval). Users, not ratings, are resampled, because one user's ratings are not independent of
each other (a harsh user is harsh on every film).

For two models scored on the same users, resample the users once for both and take the
difference each time: the **paired** interval. It is much narrower than two separate intervals,
because most of the spread (which users happen to be in the sample) is shared. "A beats B" is
then said only when the paired interval excludes 0 (`verdict`); otherwise it is a tie at this
sample size.

The resampling is SciPy's `scipy.stats.bootstrap` (percentile method, seeded); a test checks the
RMSE interval against resampling written out by hand.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy import stats

from helpers.core.constraints import Checked, Fraction, Ids, Integer, Seed, Vector, constrained
from helpers.core.container_constraints import Instance
from helpers.core.validation import as_generator, check_same_length, describe

__all__ = [
    "Interval",
    "mae_interval",
    "mean_interval",
    "paired_mean_difference",
    "paired_rmse_difference",
    "rmse_interval",
    "verdict",
]

MAX_RESAMPLES = 100_000

_RESAMPLING = dict(confidence=Fraction(), n_resamples=Integer(low=100, high=MAX_RESAMPLES), seed=Seed())


class Interval(NamedTuple):
    """A figure, its bootstrap standard error and its `confidence` interval [low, high] over `n_users` users.

    `str(interval)` reads "0.926 ± 0.011 (95% CI 0.915 to 0.937, 459 users)", where ± is half the
    interval's width. `unit` names what was resampled: "users", or "films" when the rows of the
    rating matrix are films (notebook 04's new film).

    Introduced in notebook 03.
    """

    estimate: float
    low: float
    high: float
    standard_error: float
    n_users: int
    confidence: float
    unit: str = "users"

    @property
    def half_width(self) -> float:
        """Half the interval's width: the ± a table prints beside the estimate."""
        return (self.high - self.low) / 2

    def excludes_zero(self) -> bool:
        """True when 0 lies outside [low, high]: for a difference, the two models are told apart."""
        return self.low > 0 or self.high < 0

    def format(self, digits: int = 3) -> str:
        """The estimate, ± half-width and the interval, rounded to `digits` decimals."""
        return (
            f"{self.estimate:.{digits}f} ± {self.half_width:.{digits}f} ({self.confidence:.0%} CI "
            f"{self.low:.{digits}f} to {self.high:.{digits}f}, {self.n_users} {self.unit})"
        )

    def __str__(self) -> str:
        return self.format()


def _by_user(users, *columns) -> list[np.ndarray]:
    """Each column summed per user (users that appear), plus each user's count as the last array."""
    labels, rows = np.unique(users, return_inverse=True)
    if labels.size < 2:
        raise ValueError(
            f"users must name at least 2 different users to resample, got {labels.size}; "
            "pass the ratings of every test user"
        )
    sums = [np.bincount(rows, weights=column, minlength=labels.size) for column in columns]
    return [*sums, np.bincount(rows, minlength=labels.size).astype(float)]


def _bootstrap(data, statistic, *, confidence, n_resamples, seed) -> Interval:
    """scipy.stats.bootstrap over users (the last axis of every array in `data`, resampled together)."""
    result = stats.bootstrap(
        data,
        statistic,
        paired=True,
        vectorized=True,
        axis=-1,
        confidence_level=confidence,
        n_resamples=n_resamples,
        method="percentile",
        rng=as_generator(seed),
    )
    return Interval(
        estimate=float(statistic(*data, axis=-1)),
        low=float(result.confidence_interval.low),
        high=float(result.confidence_interval.high),
        standard_error=float(result.standard_error),
        n_users=int(np.shape(data[0])[-1]),
        confidence=float(confidence),
    )


def _pooled_rmse(squared_errors, counts, axis=-1):
    return np.sqrt(np.sum(squared_errors, axis=axis) / np.sum(counts, axis=axis))


def _pooled_mean(values, counts, axis=-1):
    return np.sum(values, axis=axis) / np.sum(counts, axis=axis)


def _rating_columns(users, y_true, y_pred, name="y_pred"):
    check_same_length("users", users, "y_true", y_true)
    check_same_length("y_true", y_true, name, y_pred)
    return y_pred - y_true


_RATINGS = dict(users=Ids(low=0), y_true=Vector(what="ratings"), y_pred=Vector(what="predicted ratings"))


@constrained(**_RATINGS, **_RESAMPLING)
def rmse_interval(users, y_true, y_pred, *, confidence: float = 0.95, n_resamples: int = 2000, seed=0) -> Interval:
    """RMSE of `y_pred` against `y_true` (one entry per rating, rated by `users`), with its interval.

    The estimate is the usual RMSE over all the ratings; the interval resamples users (each with
    all their ratings). Returns an Interval.

    Introduced in notebook 03.
    """
    errors = _rating_columns(users, y_true, y_pred)
    data = _by_user(users, errors**2)
    return _bootstrap(data, _pooled_rmse, confidence=confidence, n_resamples=n_resamples, seed=seed)


@constrained(**_RATINGS, **_RESAMPLING)
def mae_interval(users, y_true, y_pred, *, confidence: float = 0.95, n_resamples: int = 2000, seed=0) -> Interval:
    """MAE of `y_pred` against `y_true` with its interval, resampling users as `rmse_interval` does.

    Introduced in notebook 05.
    """
    errors = _rating_columns(users, y_true, y_pred)
    data = _by_user(users, np.abs(errors))
    return _bootstrap(data, _pooled_mean, confidence=confidence, n_resamples=n_resamples, seed=seed)


@constrained(
    users=Ids(low=0),
    y_true=Vector(what="ratings"),
    pred_a=Vector(what="predicted ratings"),
    pred_b=Vector(what="predicted ratings"),
    **_RESAMPLING,
)
def paired_rmse_difference(
    users, y_true, pred_a, pred_b, *, confidence: float = 0.95, n_resamples: int = 2000, seed=0
) -> Interval:
    """RMSE(pred_a) - RMSE(pred_b) on the same ratings, with its paired interval (users resampled once for both).

    Negative means model a has the smaller error. Pass the result to `verdict` for the sentence.

    Introduced in notebook 03.
    """
    errors_a = _rating_columns(users, y_true, pred_a, "pred_a")
    errors_b = _rating_columns(users, y_true, pred_b, "pred_b")
    data = _by_user(users, errors_a**2, errors_b**2)

    def difference(squared_a, squared_b, counts, axis=-1):
        return _pooled_rmse(squared_a, counts, axis) - _pooled_rmse(squared_b, counts, axis)

    return _bootstrap(data, difference, confidence=confidence, n_resamples=n_resamples, seed=seed)


def _per_user(values, name):
    if values.size < 2:
        raise ValueError(f"{name} must hold at least 2 users' values to resample, got {values.size}")
    return values


@constrained(values=Vector(what="per-user values"), **_RESAMPLING)
def mean_interval(values, *, confidence: float = 0.95, n_resamples: int = 2000, seed=0) -> Interval:
    """The mean of one value per user (e.g. RankingReport.per_user_ndcg) with its bootstrap interval.

    Introduced in notebook 05.
    """
    values = _per_user(values, "values")
    data = (values, np.ones(values.size))
    return _bootstrap(data, _pooled_mean, confidence=confidence, n_resamples=n_resamples, seed=seed)


@constrained(values_a=Vector(what="per-user values"), values_b=Vector(what="per-user values"), **_RESAMPLING)
def paired_mean_difference(
    values_a, values_b, *, confidence: float = 0.95, n_resamples: int = 2000, seed=0
) -> Interval:
    """mean(values_a) - mean(values_b) over the same users (entry j of both is user j), with its paired interval.

    Introduced in notebook 05.
    """
    check_same_length("values_a", values_a, "values_b", values_b)
    difference = _per_user(values_a, "values_a") - _per_user(values_b, "values_b")
    data = (difference, np.ones(difference.size))
    return _bootstrap(data, _pooled_mean, confidence=confidence, n_resamples=n_resamples, seed=seed)


def _check_interval(difference) -> Interval:
    if not isinstance(difference, Interval):
        raise TypeError(
            f"difference must be an Interval from paired_rmse_difference or paired_mean_difference, got "
            f"{describe(difference)}"
        )
    return difference


_NAME = Instance(str, "be a non-empty name", allow_empty=False, shown=repr)


@constrained(
    difference=Checked(_check_interval, "an Interval"),
    first=_NAME,
    second=_NAME,
    lower_is_better=Instance(bool, "be True or False", shown=repr),
    metric=Instance(str, "be a string such as 'RMSE'", shown=repr),
)
def verdict(difference: Interval, first: str, second: str, *, lower_is_better: bool, metric: str = "") -> str:
    """The sentence a paired `difference` (first minus second) supports: who wins, or a tie.

    "first beats second" only when the interval excludes 0; otherwise "tie at this sample size".
    `lower_is_better` is True for errors (RMSE, MAE), False for scores (NDCG, recall).

    Introduced in notebook 03.
    """
    what = f"{metric} difference" if metric else "difference"
    figures = f"{what} {first} - {second} = {difference}"
    if not difference.excludes_zero():
        return f"tie at this sample size: {figures}, an interval that includes 0"
    first_smaller = difference.estimate < 0
    winner, loser = (first, second) if first_smaller == lower_is_better else (second, first)
    return f"{winner} beats {loser}: {figures}, an interval that excludes 0"
