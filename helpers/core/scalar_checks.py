"""The checks of single values (numbers, choices, flags, paths, seeds) and `describe`, which every message uses.

Part of `helpers.core.validation` (which re-exports every name here); see its docstring for the
conventions.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

__all__ = [
    "as_generator",
    "as_int_seed",
    "check_callable",
    "check_choice",
    "check_flag",
    "check_float",
    "check_fraction",
    "check_int",
    "check_path",
    "check_seed",
    "describe",
]


def describe(value) -> str:
    """A short description of what a caller passed, for error messages: its type, shape or value."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if sp.issparse(value):
        return f"a sparse {type(value).__name__} of shape {value.shape}"
    if isinstance(value, pd.DataFrame):
        return f"a DataFrame with columns {list(value.columns)}"
    if isinstance(value, (str, bytes)):
        text = repr(value)
        return f"the string {text if len(text) < 60 else text[:57] + '...'}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    if value is None or isinstance(value, (numbers.Number, np.generic)):
        return repr(value)
    return f"a {type(value).__name__}"


# --- numbers -----------------------------------------------------------------------------------


def _range_text(low, high) -> str:
    if low is not None and high is not None:
        return f"between {low} and {high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def check_int(value, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """`value` as an int within [low, high] (either bound may be open: None); bools are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be {_range_text(low, high)}, got {value}")
    return value


def check_float(
    value, name: str, *, low: float | None = None, high: float | None = None, above: float | None = None
) -> float:
    """`value` as a finite float within [low, high], or strictly above `above`; bools are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    if above is not None and value <= above:
        raise ValueError(f"{name} must be greater than {above}, got {value}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be {_range_text(low, high)}, got {value}")
    return value


def check_fraction(value, name: str) -> float:
    """`value` as a float strictly between 0 and 1 (a share of something)."""
    value = check_float(value, name)
    if not 0.0 < value < 1.0:
        raise ValueError(f"{name} must be strictly between 0 and 1 (e.g. 0.2 for 20%), got {value}")
    return value


def check_choice(value, name: str, choices: Sequence):
    """`value` if it is one of `choices`."""
    if not isinstance(value, str) or value not in choices:
        raise (ValueError if isinstance(value, str) else TypeError)(
            f"{name} must be one of {', '.join(map(repr, choices))}, got {describe(value)}"
        )
    return value


def check_flag(value, name: str) -> bool:
    """`value` if it is True or False (1, "yes" and numpy bools are refused)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {describe(value)}")
    return value


def check_path(value, name: str, what: str = "a folder path"):
    """`value` if it is a path: a str or an os.PathLike such as pathlib.Path (not checked to exist)."""
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be {what} (str or Path), got {describe(value)}")
    return value


def check_callable(value, name: str, what: str = "a function") -> Callable:
    """`value` if it can be called."""
    if not callable(value):
        raise TypeError(f"{name} must be {what}, got {describe(value)}")
    return value


# --- seeds -------------------------------------------------------------------------------------


def check_seed(seed, name: str = "seed") -> int | np.random.Generator:
    """`seed` if it is a non-negative int (below 2**32) or a numpy.random.Generator.

    None is refused: the course's results must repeat, so every random helper needs a seed.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        raise TypeError(f"{name} must be an integer such as 0, or a numpy.random.Generator, got None")
    return check_int(seed, name, low=0, high=2**32 - 1)


def as_generator(seed, name: str = "seed") -> np.random.Generator:
    """A NumPy Generator from a checked `seed` (a Generator is used as it is)."""
    seed = check_seed(seed, name)
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def as_int_seed(seed, name: str = "seed") -> int:
    """An int seed from a checked `seed` (for Keras and svds); a Generator gives one drawn from it."""
    seed = check_seed(seed, name)
    return int(seed.integers(2**31 - 1)) if isinstance(seed, np.random.Generator) else seed
