"""Rating errors: RMSE and MAE over vectors of ratings, or over the observed cells of a matrix."""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Mask, Matrix, Vector, constrained
from helpers.core.validation import check_mask, check_same_length

__all__ = ["mae", "masked_mae", "masked_rmse", "rmse"]

_PAIRED = dict(y_true=Vector(what="ratings"), y_pred=Vector(what="predicted ratings"))  # of one length
_OBSERVED_CELLS = dict(truth=Matrix(allow_nan=True), prediction=Matrix(allow_nan=True), mask=Mask())  # one shape


def _observed_cells(truth, prediction, mask) -> tuple[np.ndarray, np.ndarray]:
    """The entries of the checked `truth` and `prediction` where `mask` is True, as two vectors.

    Unobserved cells may hold anything finite or NaN: they are never looked at.
    """
    if prediction.shape != truth.shape:
        raise ValueError(f"prediction must have the shape of truth {truth.shape}, got {prediction.shape}")
    mask = check_mask(mask, truth.shape)
    if not mask.any():
        raise ValueError("mask has no True cell; pass a mask that marks at least one observed rating")
    for name, values in (("truth", truth[mask]), ("prediction", prediction[mask])):
        if np.isnan(values).any():
            raise ValueError(
                f"{name} has NaN in {int(np.isnan(values).sum())} observed cell(s); "
                "every cell where mask is True needs a number"
            )
    return truth[mask], prediction[mask]


@constrained(**_PAIRED)
def rmse(y_true, y_pred) -> float:
    """Root mean squared error between two 1-D vectors of ratings.

    Introduced in notebook 05.
    """
    check_same_length("y_true", y_true, "y_pred", y_pred)
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))


@constrained(**_PAIRED)
def mae(y_true, y_pred) -> float:
    """Mean absolute error between two 1-D vectors of ratings.

    Introduced in notebook 05.
    """
    check_same_length("y_true", y_true, "y_pred", y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


@constrained(**_OBSERVED_CELLS)
def masked_rmse(truth, prediction, mask) -> float:
    """RMSE of `prediction` against `truth` over the cells where the boolean `mask` is True.

    Introduced in notebook 03.
    """
    return rmse(*_observed_cells(truth, prediction, mask))


@constrained(**_OBSERVED_CELLS)
def masked_mae(truth, prediction, mask) -> float:
    """MAE of `prediction` against `truth` over the cells where the boolean `mask` is True.

    Introduced in notebook 03.
    """
    return mae(*_observed_cells(truth, prediction, mask))
