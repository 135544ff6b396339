"""Blending models: a least-squares mix of several models' predictions, fitted on validation ratings."""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import RatingRange, Vector, constrained
from helpers.core.validation import check_vector, describe

__all__ = ["apply_blend", "fit_blend"]


def _check_prediction_list(predictions_list, size: int | None = None) -> list[np.ndarray]:
    """The models' predictions, one checked 1-D array per model; `size` is the expected pair count."""
    if not isinstance(predictions_list, (list, tuple)) or not predictions_list:
        raise TypeError(
            "predictions_list must be a non-empty list of prediction arrays, one per model "
            f"(e.g. [autorec, als]), got {describe(predictions_list)}"
        )
    columns = [check_vector(p, f"predictions_list[{i}]", what="predictions") for i, p in enumerate(predictions_list)]
    sizes = {values.size for values in columns} | ({size} if size is not None else set())
    if len(sizes) > 1:
        raise ValueError(
            f"every array in predictions_list must have one prediction per rating "
            f"({size if size is not None else columns[0].size}), got lengths {[c.size for c in columns]}"
        )
    return columns


@constrained(y_valid=Vector(what="ratings"))
def fit_blend(predictions_list, y_valid) -> np.ndarray:
    """Blend weights [intercept, w_1, ..., w_k]: least squares of y_valid on the k models' predictions.

    Solves min_w |y - X w|^2 with X = [1, predictions_1, ..., predictions_k], one row per rating.
    Fit them on ratings that none of the models trained on (a validation part), never on the test set.

    Introduced in notebook 05.
    """
    columns = _check_prediction_list(predictions_list, y_valid.size)
    if y_valid.size <= len(columns):
        raise ValueError(
            f"fitting {len(columns) + 1} blend weights needs more than {len(columns)} "
            f"ratings, got {y_valid.size}; pass a larger validation set"
        )
    design = np.column_stack([np.ones(y_valid.size), *columns])
    weights, *_ = np.linalg.lstsq(design, y_valid, rcond=None)
    return weights


@constrained(weights=Vector(what="blend weights", deferred=True), rating_range=RatingRange())
def apply_blend(weights, predictions_list, *, rating_range=(1, 5)) -> np.ndarray:
    """intercept + sum_k w_k * predictions_k with weights from fit_blend, clipped to `rating_range`.

    Introduced in notebook 05.
    """
    columns = _check_prediction_list(predictions_list)
    weights = check_vector(weights, "weights", what="blend weights")
    if weights.shape != (len(columns) + 1,):
        raise ValueError(
            f"weights must be [intercept, one weight per model] of length {len(columns) + 1} "
            f"for {len(columns)} model(s), got shape {weights.shape}; use fit_blend's result"
        )
    blended = np.full(columns[0].size, weights[0])
    for weight, column in zip(weights[1:], columns):  # one model at a time: no (pairs x models) copy
        blended += weight * column
    return blended if rating_range is None else np.clip(blended, *rating_range)
