"""Rating errors: RMSE and MAE over vectors of ratings, or over the observed cells of a matrix."""

from __future__ import annotations

import numpy as np

from helpers.core.validation import check_mask, check_matrix, check_same_length, check_vector

__all__ = ["mae", "masked_mae", "masked_rmse", "rmse"]


def _paired_vectors(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    """Check two rating vectors and that they have the same length."""
    y_true = check_vector(y_true, "y_true", what="ratings")
    y_pred = check_vector(y_pred, "y_pred", what="predicted ratings")
    check_same_length("y_true", y_true, "y_pred", y_pred)
    return y_true, y_pred


def _observed_cells(truth, prediction, mask) -> tuple[np.ndarray, np.ndarray]:
    """The entries of `truth` and `prediction` where `mask` is True, as two vectors.

    Unobserved cells may hold anything finite or NaN: they are never looked at.
    """
    truth = check_matrix(truth, "truth", allow_nan=True)
    prediction = check_matrix(prediction, "prediction", allow_nan=True)
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


def rmse(y_true, y_pred) -> float:
    """Root mean squared error between two 1-D vectors of ratings.

    Introduced in notebook 05.
    """
    y_true, y_pred = _paired_vectors(y_true, y_pred)
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))


def mae(y_true, y_pred) -> float:
    """Mean absolute error between two 1-D vectors of ratings.

    Introduced in notebook 05.
    """
    y_true, y_pred = _paired_vectors(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


def masked_rmse(truth, prediction, mask) -> float:
    """RMSE of `prediction` against `truth` over the cells where the boolean `mask` is True.

    Introduced in notebook 03.
    """
    return rmse(*_observed_cells(truth, prediction, mask))


def masked_mae(truth, prediction, mask) -> float:
    """MAE of `prediction` against `truth` over the cells where the boolean `mask` is True.

    Introduced in notebook 03.
    """
    return mae(*_observed_cells(truth, prediction, mask))
