"""Input checks shared by the helpers: each raises a ValueError/TypeError that says what to pass."""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["check_float", "check_int", "check_mask", "check_matrix", "check_seed", "check_vector"]


def _as_float_array(values, name: str, what: str) -> np.ndarray:
    """`values` as a float array, or a TypeError naming `what` was expected."""
    if isinstance(values, (str, bytes)) or values is None:
        raise TypeError(f"{name} must be {what}, got {type(values).__name__}")
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be {what}, got {type(values).__name__}: {err}") from None


def check_matrix(matrix, name: str = "matrix", *, allow_nan: bool = False) -> np.ndarray:
    """Return `matrix` as a 2-D float array, or raise if it is not a non-empty, finite 2-D array."""
    array = _as_float_array(matrix, name, "a 2-D array of numbers")
    if array.ndim != 2:
        raise ValueError(f"{name} must be 2-D (users x items), got an array with shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    if allow_nan:
        if np.isinf(array).any():
            raise ValueError(f"{name} contains inf; pass finite ratings (NaN marks a missing rating)")
    elif not np.isfinite(array).all():
        raise ValueError(
            f"{name} contains NaN or inf; pass finite values (mark missing ratings with a boolean mask instead)"
        )
    return array


def check_vector(values, name: str) -> np.ndarray:
    """Return `values` as a non-empty, finite 1-D float array of ratings, or raise."""
    array = _as_float_array(values, name, "a 1-D array of ratings")
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one rating per entry), got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty; pass at least one rating")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} contains NaN or inf; pass finite ratings")
    return array


def check_mask(mask, shape: tuple[int, ...], name: str = "mask") -> np.ndarray:
    """Return `mask` as a boolean array of `shape`, or raise if it is not one."""
    array = np.asarray(mask)
    if array.dtype != bool:
        raise TypeError(f"{name} must be a boolean array (True = observed), got dtype {array.dtype}")
    if array.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)} like the ratings, got {array.shape}")
    return array


def check_int(value, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """Return `value` as an int in [low, high], or raise with the allowed range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "-inf" if low is None else low
        hi = "inf" if high is None else high
        raise ValueError(f"{name} must be between {lo} and {hi}, got {value}")
    return value


def check_float(value, name: str, *, low: float | None = None, high: float | None = None) -> float:
    """Return `value` as a finite float in [low, high], or raise with the allowed range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")
    return value


def check_seed(seed, name: str = "seed") -> int:
    """Return `seed` as a non-negative int, or raise."""
    return check_int(seed, name, low=0, high=2**32 - 1)
