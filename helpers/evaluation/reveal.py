"""The reveal-n experiment: how a new user's error falls as they rate more (notebook 04).

Each new user's ratings are put in a seeded random order; for each n the first n are revealed to
every method and the others are predicted. The result keeps every scored rating, so each point
of each curve has a bootstrap interval over the users (`RevealCurves.intervals`), and two methods,
scored on the same ratings at each n, have a paired interval for their difference
(`RevealCurves.differences`), from the resampling helpers of `helpers.evaluation.uncertainty`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Callable as Function
from helpers.core.constraints import Choice, Flag, Indices, Integer, Mask, RatingRange, Ratings, Seed, constrained
from helpers.core.container_constraints import Counts
from helpers.core.container_constraints import Mapping as Dict
from helpers.core.validation import (
    as_generator,
    check_counts,
    check_indices,
    check_int,
    check_mask,
    check_matrix,
    check_ratings,
    describe,
)
from helpers.evaluation.uncertainty import Interval, paired_rmse_difference, rmse_interval, verdict
from helpers.models.protocol import _clip

__all__ = ["RevealCurves", "reveal_experiment", "revealed_rows"]

CELLS = ("same", "rest")
ROWS = ("users", "films")  # what reveal_experiment's rows are: notebook 04 reveals new users and new films


@dataclass(frozen=True, eq=False)
class RevealCurves:
    """What `reveal_experiment` measured: every scored rating, for each n revealed and each method.

    `curves` is {method: RMSE per n}, pooled over the users' scored ratings. `intervals(method)` gives
    each point its bootstrap interval over users; `differences(a, b)` the paired interval of
    RMSE(a) - RMSE(b) at each n (both methods score the same ratings); `verdicts(a, b)` the
    sentence each difference supports. `cells` says which ratings were scored: "same" (at every n
    the same ones, those after the last revealed position, so the curves differ only by what was
    revealed) or "rest" (every rating not revealed, so each n scores other cells).

    Introduced in notebook 04.
    """

    n_revealed: tuple[int, ...]
    users: np.ndarray  # the new users that took part
    cells: str
    scored_users: tuple[np.ndarray, ...]  # per n: the user of each scored rating
    truth: tuple[np.ndarray, ...]  # per n: the scored ratings
    predictions: dict[str, tuple[np.ndarray, ...]]  # per method, per n: its predictions of them
    rows: str = "users"  # what the rows are: "users", or "films" for the transposed matrix

    @property
    def n_users(self) -> int:
        return int(self.users.size)

    @property
    def n_scored(self) -> list[int]:
        """The number of scored ratings at each n."""
        return [int(truth.size) for truth in self.truth]

    @property
    def curves(self) -> dict[str, np.ndarray]:
        """{method: its RMSE at each n}, pooled over the users' scored ratings."""
        return {
            name: np.array([np.sqrt(np.mean((p - t) ** 2)) for p, t in zip(predicted, self.truth)])
            for name, predicted in self.predictions.items()
        }

    def _method(self, name) -> tuple[np.ndarray, ...]:
        if not isinstance(name, str) or name not in self.predictions:
            raise ValueError(f"method must be one of {sorted(self.predictions)}, got {describe(name)}")
        return self.predictions[name]

    def intervals(self, method: str, *, confidence: float = 0.95, n_resamples: int = 2000, seed=0) -> list[Interval]:
        """RMSE of `method` at each n with its bootstrap interval over users (`rmse_interval`)."""
        predicted = self._method(method)
        return [
            rmse_interval(users, truth, p, confidence=confidence, n_resamples=n_resamples, seed=seed)._replace(
                unit=self.rows
            )
            for users, truth, p in zip(self.scored_users, self.truth, predicted)
        ]

    def differences(
        self, first: str, second: str, *, confidence: float = 0.95, n_resamples: int = 2000, seed=0
    ) -> list[Interval]:
        """RMSE(first) - RMSE(second) at each n, with its paired interval (`paired_rmse_difference`)."""
        a, b = self._method(first), self._method(second)
        return [
            paired_rmse_difference(
                users, truth, pa, pb, confidence=confidence, n_resamples=n_resamples, seed=seed
            )._replace(unit=self.rows)
            for users, truth, pa, pb in zip(self.scored_users, self.truth, a, b)
        ]

    def verdicts(self, first: str, second: str, **resampling) -> list[str]:
        """At each n, the sentence the paired difference supports (`verdict`): a win or a tie."""
        return [
            verdict(d, first, second, lower_is_better=True, metric="RMSE")
            for d in self.differences(first, second, **resampling)
        ]


def _prediction(result, name: str, n_items: int) -> np.ndarray:
    """A predictor's answer checked: one finite number per item, or a ValueError naming the predictor."""
    try:
        prediction = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"predictors[{name!r}] must return one number per item, got {describe(result)}") from None
    if prediction.shape != (n_items,):
        raise ValueError(
            f"predictors[{name!r}] must return one prediction per item ({n_items}), got shape {prediction.shape}"
        )
    if not np.isfinite(prediction).all():
        raise ValueError(
            f"predictors[{name!r}] returned NaN or inf for {int((~np.isfinite(prediction)).sum())} item(s)"
        )
    return prediction


_PREDICTOR = "function(items, ratings) -> one prediction per item"


@constrained(
    ratings=Ratings(),  # with observed
    observed=Mask(),
    new_users=Indices(),  # rows of ratings
    n_revealed=Counts(low=0, deferred=True),  # at most the number of items
    predictors=Dict(
        f"a non-empty dict {{name: {_PREDICTOR}}}",
        empty=f"name at least one {_PREDICTOR}",
        values=Function(f"a {_PREDICTOR}"),
    ),
    cells=Choice(CELLS),
    rating_range=RatingRange(),
    with_row=Flag(),
    rows=Choice(ROWS),
    seed=Seed(),
)
def reveal_experiment(
    ratings,
    observed,
    new_users: Sequence[int],
    n_revealed: Sequence[int],
    predictors: Mapping[str, Callable],
    *,
    cells: str = "same",
    rating_range=None,
    with_row: bool = False,
    rows: str = "users",
    seed=0,
) -> RevealCurves:
    """Error of each predictor on a new user's hidden ratings after the user reveals n of them.

    For each user in `new_users`, the observed ratings are put in a seeded random order; for each n
    the first n are revealed and `predictors[name](items, ratings)` returns a prediction for every
    item. Only users with more than max(n_revealed) ratings take part, so every n is measured on
    the same users. `cells="same"` scores, at every n, each user's ratings after position
    max(n_revealed) (the same cells at every n); `cells="rest"` scores every rating not revealed
    (more cells, but other ones at each n). `rating_range` clips every predictor's predictions
    alike. With `with_row=True` each predictor is called as `predict(user, items, ratings)`, told
    which row it predicts: a method that knows something about the row beyond its revealed
    ratings (a new film's genres, when the matrix is transposed so its rows are films) needs it.
    Returns RevealCurves (its `.curves`, `.intervals`, `.differences`, `.verdicts`).

    Introduced in notebook 04.
    """
    check_ratings(ratings, observed, mask_name="observed")  # finite, non-zero ratings where observed
    values = check_matrix(ratings, "ratings", allow_nan=True)
    observed = check_mask(observed, values.shape, "observed")
    new_users = check_indices(new_users, "new_users", values.shape[0], allow_empty=False, unique=True)
    n_revealed = check_counts(n_revealed, "n_revealed", low=0, high=values.shape[1])
    rng = as_generator(seed)
    most = max(n_revealed)
    users = [user for user in new_users if observed[user].sum() > most]
    if not users:
        raise ValueError(f"no user in new_users has more than {most} ratings; reveal fewer")
    scored_users = [[] for _ in n_revealed]
    truth = [[] for _ in n_revealed]
    predicted = {name: [[] for _ in n_revealed] for name in predictors}
    for user in users:
        items = rng.permutation(np.flatnonzero(observed[user]))
        for j, n in enumerate(n_revealed):
            shown, hidden = items[:n], items[most:] if cells == "same" else items[n:]
            scored_users[j].append(np.full(hidden.size, user))
            truth[j].append(values[user, hidden])
            for name, predict in predictors.items():
                answer = predict(user, shown, values[user, shown]) if with_row else predict(shown, values[user, shown])
                prediction = _prediction(answer, name, values.shape[1])
                predicted[name][j].append(_clip(prediction[hidden], rating_range))
    return RevealCurves(
        n_revealed=tuple(int(n) for n in n_revealed),
        users=np.asarray(users),
        cells=cells,
        scored_users=tuple(np.concatenate(u) for u in scored_users),
        truth=tuple(np.concatenate(t) for t in truth),
        predictions={name: tuple(np.concatenate(p) for p in lists) for name, lists in predicted.items()},
        rows=rows,
    )


@constrained(
    ratings=Ratings(),  # with observed
    observed=Mask(),
    users=Indices(),  # rows of ratings
    max_revealed=Integer(low=0, deferred=True),  # at most the number of items
    copies=Integer(low=1, high=100),
    seed=Seed(),
)
def revealed_rows(ratings, observed, users: Sequence[int], *, max_revealed: int, copies: int = 1, seed=0):
    """Training rows shaped like new users: (inputs, targets), both zero where a cell is not rated.

    Each of `copies` copies of each user's row keeps, in `inputs`, a seeded random n of the user's
    ratings, n drawn uniformly from 0..max_revealed (at most the user's count); `targets` holds the
    whole row. An autoencoder trained from `inputs` to `targets` is asked what the reveal
    experiment asks: the ratings of a user who has shown only a few. Rows are in the order copy 1's
    users, copy 2's users, ...

    Introduced in notebook 04.
    """
    check_ratings(ratings, observed, mask_name="observed")
    values = check_matrix(ratings, "ratings", allow_nan=True)
    observed = check_mask(observed, values.shape, "observed")
    users = check_indices(users, "users", values.shape[0], allow_empty=False, unique=True)
    max_revealed = check_int(max_revealed, "max_revealed", low=0, high=values.shape[1])
    rng = as_generator(seed)
    targets = np.tile(np.where(observed, values, 0.0)[users], (copies, 1))
    inputs = np.zeros_like(targets)
    for row, user in enumerate(np.tile(users, copies)):
        items = rng.permutation(np.flatnonzero(observed[user]))
        shown = items[: rng.integers(0, min(max_revealed, items.size) + 1)]
        inputs[row, shown] = values[user, shown]
    return inputs, targets
