"""The reveal-n experiment: how a new user's error falls as they rate more (notebook 04)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from helpers.core.constraints import Callable as Function
from helpers.core.constraints import Indices, Mask, Ratings, Seed, constrained
from helpers.core.container_constraints import Counts
from helpers.core.container_constraints import Mapping as Dict
from helpers.core.validation import (
    as_generator,
    check_counts,
    check_indices,
    check_mask,
    check_matrix,
    check_ratings,
    describe,
)

__all__ = ["reveal_experiment"]


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
    seed=Seed(),
)
def reveal_experiment(
    ratings,
    observed,
    new_users: Sequence[int],
    n_revealed: Sequence[int],
    predictors: Mapping[str, Callable],
    *,
    seed=0,
) -> tuple[dict[str, np.ndarray], int]:
    """Error of each predictor on a new user's hidden ratings after the user reveals n of them.

    For each user in `new_users`, the observed ratings are put in a seeded random order; for each n
    the first n are revealed and the rest predicted. `predictors[name](items, ratings)` returns a
    prediction for every item. Returns ({name: RMSE per n}, number of users used). Errors are
    pooled over users; only users with more than max(n_revealed) ratings take part, so every n
    is measured on the same users.

    Introduced in notebook 04.
    """
    check_ratings(ratings, observed, mask_name="observed")  # finite, non-zero ratings where observed
    values = check_matrix(ratings, "ratings", allow_nan=True)
    observed = check_mask(observed, values.shape, "observed")
    new_users = check_indices(new_users, "new_users", values.shape[0], allow_empty=False, unique=True)
    n_revealed = check_counts(n_revealed, "n_revealed", low=0, high=values.shape[1])
    rng = as_generator(seed)
    squared = {name: [[] for _ in n_revealed] for name in predictors}
    users = [user for user in new_users if observed[user].sum() > max(n_revealed)]
    if not users:
        raise ValueError(f"no user in new_users has more than {max(n_revealed)} ratings; reveal fewer")
    for user in users:
        items = rng.permutation(np.flatnonzero(observed[user]))
        for j, n in enumerate(n_revealed):
            shown, hidden = items[:n], items[n:]
            for name, predict in predictors.items():
                prediction = _prediction(predict(shown, values[user, shown]), name, values.shape[1])
                squared[name][j].extend((prediction[hidden] - values[user, hidden]) ** 2)
    curves = {name: np.sqrt([np.mean(e) for e in errors]) for name, errors in squared.items()}
    return curves, len(users)
