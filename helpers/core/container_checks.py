"""Checks of labels, callbacks and containers (strings, optional functions, dicts of functions,
lists of counts); helpers.core.validation re-exports them, so helpers import every check from there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.core.scalar_checks import check_callable, check_int, describe

__all__ = [
    "check_counts",
    "check_frame",
    "check_function_dict",
    "check_instance",
    "check_mapping",
    "check_optional_callable",
    "check_strings",
    "check_text",
]


def check_text(value, name: str, *, example: str | None = None) -> str:
    """`value` if it is a string (a label, a title); `example`, if given, is quoted in the message."""
    if not isinstance(value, str):
        such_as = f" such as {example}" if example else ""
        raise TypeError(f"{name} must be a string{such_as}, got {describe(value)}")
    return value


def check_optional_callable(value, name: str, what: str = "a function"):
    """`value` if it is None or can be called (an optional callback such as a progress function)."""
    if value is None or callable(value):
        return value
    raise TypeError(f"{name} must be None or {what}, got {describe(value)}")


def check_function_dict(functions, name: str, *, call: str = "function(items, ratings)", returns: str = "scores"):
    """`functions` if it is a non-empty dict {name: function}, every value callable (e.g. recommenders)."""
    if not isinstance(functions, dict) or not functions:
        raise TypeError(f"{name} must be a non-empty dict {{name: {call}}}, got {describe(functions)}")
    for key, function in functions.items():
        check_callable(function, f"{name}[{key!r}]", f"a {call} -> {returns}")
    return functions


def check_instance(value, name: str, kind, must: str, *, allow_empty: bool = True, shown=describe):
    """`value` if it is a `kind` (non-empty unless allow_empty); else "{name} must {must}, got {shown(value)}"."""
    if not isinstance(value, kind) or not (allow_empty or value):
        raise TypeError(f"{name} must {must}, got {shown(value)}")
    return value


def check_mapping(value, name: str, what: str, *, empty: str | None = None, values=None) -> Mapping:
    """`value` if it is a mapping; `empty` refuses an empty one, `values(v, name)` checks each value."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be {what}, got {describe(value)}")
    if empty is not None and not value:
        raise ValueError(f"{name} is empty; {empty}")
    for key, item in value.items() if values is not None else ():
        values(item, f"{name}[{key!r}]")
    return value


def check_counts(values, name: str, *, low: int | None = 0, high: int | None = None, example="[0, 1, 2]"):
    """`values` as a non-empty list of ints, each in [low, high] (a bare string or number is refused)."""
    if isinstance(values, (str, bytes)) or not _one_dimensional(values) or len(values) == 0:
        raise TypeError(f"{name} must be a list of counts such as {example}, got {describe(values)}")
    return [check_int(n, name, low=low, high=high) for n in values]


def check_strings(values, name: str, *, example: str = "['a', 'b']") -> list[str]:
    """`values` as a list of strings; a bare string (which would be read letter by letter) is refused."""
    if isinstance(values, (str, bytes)):
        raise TypeError(
            f"{name} must be a list of strings such as {example}, got {describe(values)}; for one, pass [{values!r}]"
        )
    if values is None or not isinstance(values, (Sequence, np.ndarray, pd.Series)) or not _one_dimensional(values):
        raise TypeError(f"{name} must be a list of strings such as {example}, got {describe(values)}")
    values = list(values)
    wrong = [v for v in values if not isinstance(v, str)]
    if wrong:
        raise TypeError(f"{name} must hold strings only, got {describe(wrong[0])}")
    return values


def check_frame(frame, name: str, columns: Sequence[str] = ()) -> pd.DataFrame:
    """`frame` if it is a pandas DataFrame with every one of `columns`."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame like load_movielens_100k returns, got {describe(frame)}")
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(
            f"{name} needs the columns {list(columns)}, but has no {missing}; got columns {list(frame.columns)}"
        )
    return frame


def _one_dimensional(values) -> bool:
    """True for a flat sequence or 1-D array; False for a scalar, nested or ragged lists, 0-d or n-d arrays."""
    try:
        return np.ndim(values) == 1
    except ValueError:  # NumPy refuses ragged nested lists
        return False
