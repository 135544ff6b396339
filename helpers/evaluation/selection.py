"""Where a chosen setting lies in the grid it was chosen from: inside, or on an edge.

A setting chosen at the largest (or smallest) value tried says only that the best value may lie
beyond the grid: the grid should grow until the choice is interior, or the output should say it
is not. `grid_position` names the place of one value; `edge_report` says it for every setting.
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers.core.constrained import constrained
from helpers.core.container_constraints import Instance, Mapping
from helpers.core.validation import describe

__all__ = ["edge_report", "grid_position"]


def _values(grid, name):
    """The grid as a list; a TypeError naming `grid` when it is not a collection of values."""
    if isinstance(grid, (str, bytes, dict)):
        raise TypeError(f"grid (the values tried for {name}) must be a list of values, got {describe(grid)}")
    try:
        values = list(grid)
    except TypeError:
        raise TypeError(f"grid (the values tried for {name}) must be a list of values, got {describe(grid)}") from None
    if not values:
        raise ValueError(f"grid (the values tried for {name}) is empty; pass the values that were tried")
    return values


def _same(value, tried) -> bool:
    """value == tried as one truth value (False when the two cannot be compared as one)."""
    try:
        return bool(value == tried)
    except (TypeError, ValueError):
        return False


@constrained(name=Instance(str, "be the setting's name, e.g. 'k'", allow_empty=False, shown=repr))
def grid_position(value, grid, name: str = "value") -> str:
    """'interior', 'smallest tried', 'largest tried' or 'only value tried': where `value` lies in `grid`.

    Numeric grids are ordered by value; a value not in the grid is refused.

    Introduced in notebook 04.
    """
    values = _values(grid, name)
    if not any(_same(value, tried) for tried in values):
        raise ValueError(f"value {name}={value!r} is not in its grid {values}; pass the value that was chosen from it")
    if len(set(map(repr, values))) == 1:
        return "only value tried"
    if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in values):
        low, high = float(np.min(values)), float(np.max(values))
        if value == low:
            return "smallest tried"
        if value == high:
            return "largest tried"
        return "interior"
    return "interior"  # an unordered grid (e.g. names) has no edge


@constrained(
    chosen=Mapping("the chosen settings, e.g. {'k': 50, 'reg': 0.1}"),
    grid=Mapping("the values tried for each setting, e.g. {'k': [10, 20, 50]}", empty="pass at least one setting"),
)
def edge_report(chosen: dict, grid: dict) -> str:
    """One line saying, for every setting in `grid`, whether its chosen value is interior.

    E.g. "k=50 (largest tried: the optimum may lie beyond the grid), reg=0.1 (interior)".

    Introduced in notebook 03.
    """
    missing = sorted(set(grid) - set(chosen))
    if missing:
        raise ValueError(f"chosen has no value for {missing}; pass the chosen value of every setting in grid")
    parts = []
    for name, tried in grid.items():
        place = grid_position(chosen[name], tried, name)
        note = place if place in ("interior", "only value tried") else f"{place}: the optimum may lie beyond the grid"
        parts.append(f"{name}={chosen[name]!r} ({note})")
    return ", ".join(parts)
