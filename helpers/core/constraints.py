"""Each public helper's per-argument constraints, declared once next to its signature:
`@constrained(k=Integer(low=1), reg=Real(low=0.0), seed=Seed())` (the decorator is in
helpers.core.constrained). It checks the declared arguments before the body runs and passes on
the checked, converted value; every check delegates to helpers.core.validation, so the messages
are its messages. Rules between arguments stay in the body, and so do constraints that need
another argument (`Indices`, `Index`, `Mask`, `Ratings`) or a bound set by one (`deferred=True`):
those are declared for the record and the tests. `invalid_examples()` lists values that break
each constraint, (label, value, expected exception or OK), for tests/test_bad_inputs.py.
"""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd

from helpers.core import validation as v
from helpers.core.constrained import OK, Constraint, constrained, constraints_of

NAN, INF = float("nan"), float("inf")


def _not_a_number():
    return [
        ("a string", "3", TypeError),
        ("None", None, TypeError),
        ("a bool", True, TypeError),
        ("a list", [1], TypeError),
    ]


__all__ = [
    "OK",
    "Callable",
    "Checked",
    "Choice",
    "Constraint",
    "Flag",
    "FolderPath",
    "Fraction",
    "Frame",
    "Ids",
    "Index",
    "Indices",
    "Integer",
    "Mask",
    "Matrix",
    "Optional",
    "RatingRange",
    "Ratings",
    "Real",
    "Seed",
    "Strings",
    "Vector",
    "constrained",
    "constraints_of",
]


class Integer(Constraint):
    """An int in [low, high] (`check_int`); bools and floats are refused."""

    def __init__(self, low=None, high=None, *, deferred=False):
        super().__init__(deferred=deferred)
        self.low, self.high = low, high

    def check(self, value, name):
        return v.check_int(value, name, low=self.low, high=self.high)

    def invalid_examples(self, good=None, size=None):
        cases = [("a float", 1.5, TypeError), ("a whole float", 2.0, TypeError), *_not_a_number()]
        if self.low is not None:
            cases += [("below the minimum", self.low - 1, ValueError), ("negative", -5, ValueError)]
        if self.high is not None:
            cases.append(("above the maximum", self.high + 1, ValueError))
        return cases


class Real(Constraint):
    """A finite float in [low, high], or strictly above `above` (`check_float`)."""

    def __init__(self, low=None, high=None, above=None, *, deferred=False):
        super().__init__(deferred=deferred)
        self.low, self.high, self.above = low, high, above

    def check(self, value, name):
        return v.check_float(value, name, low=self.low, high=self.high, above=self.above)

    def invalid_examples(self, good=None, size=None):
        cases = [("NaN", NAN, ValueError), ("inf", INF, ValueError), *_not_a_number()]
        if self.above is not None:
            cases.append(("zero" if self.above == 0 else "at the bound", float(self.above), ValueError))
        if self.low is not None:
            cases.append(("below the minimum", self.low - 1.0, ValueError))
        if self.high is not None:
            cases.append(("above the maximum", self.high + 1.0, ValueError))
        return cases


class Fraction(Constraint):
    """A float strictly between 0 and 1 (`check_fraction`)."""

    def check(self, value, name):
        return v.check_fraction(value, name)

    def invalid_examples(self, good=None, size=None):
        return [
            ("0", 0.0, ValueError),
            ("1", 1.0, ValueError),
            ("negative", -0.2, ValueError),
            ("NaN", NAN, ValueError),
            ("a string", "0.2", TypeError),
            ("None", None, TypeError),
        ]


class Seed(Constraint):
    """An int in 0..2**32-1 or a numpy.random.Generator (`check_seed`); None is refused."""

    def check(self, value, name):
        return v.check_seed(value, name)

    def invalid_examples(self, good=None, size=None):
        return [
            ("negative", -1, ValueError),
            ("a float", 1.5, TypeError),
            ("a string", "0", TypeError),
            ("None", None, TypeError),
            ("a bool", True, TypeError),
            ("a Generator", np.random.default_rng(0), OK),
        ]


class Choice(Constraint):
    """One of a few strings (`check_choice`)."""

    def __init__(self, options, *, deferred=False):
        super().__init__(deferred=deferred)
        self.options = tuple(options)

    def check(self, value, name):
        return v.check_choice(value, name, self.options)

    def invalid_examples(self, good=None, size=None):
        return [("an unknown name", self.options[0] + "-not", ValueError), ("a number", 3, TypeError)]


class Optional(Constraint):
    """None, or a value `inner` accepts."""

    def __init__(self, inner: Constraint):
        super().__init__(deferred=inner.deferred)
        self.inner = inner

    def check(self, value, name):
        return None if value is None else self.inner.check(value, name)

    def invalid_examples(self, good=None, size=None):
        cases = self.inner.invalid_examples(None if good is None else good, size)
        return [(label, value, OK if value is None else expected) for label, value, expected in cases]


class Callable(Constraint):
    """Something callable (`check_callable`)."""

    def __init__(self, what: str = "a function", *, deferred=False):
        super().__init__(deferred=deferred)
        self.what = what

    def check(self, value, name):
        return v.check_callable(value, name, self.what)

    def invalid_examples(self, good=None, size=None):
        return [("a string", "f", TypeError), ("a number", 3, TypeError), ("None", None, TypeError)]


class Flag(Constraint):
    """True or False (`check_flag`)."""

    def check(self, value, name):
        return v.check_flag(value, name)

    def invalid_examples(self, good=None, size=None):
        return [("a string", "yes", TypeError), ("a number", 1, TypeError)]


class FolderPath(Constraint):
    """A folder's path: a str or a pathlib.Path (`check_path`; whether it exists is the body's business)."""

    def check(self, value, name):
        return v.check_path(value, name)

    def invalid_examples(self, good=None, size=None):
        return [("a number", 3, TypeError), ("a list", ["a"], TypeError)]


class Matrix(Constraint):
    """A non-empty, finite 2-D float array (`check_matrix`; NaN allowed with allow_nan)."""

    def __init__(self, allow_nan: bool = False, *, deferred=False):
        super().__init__(deferred=deferred)
        self.allow_nan = allow_nan

    def check(self, value, name):
        return v.check_matrix(value, name, allow_nan=self.allow_nan)

    def invalid_examples(self, good=None, size=None):
        cases = [
            ("empty", np.zeros((0, 3)), ValueError),
            ("1-D", np.ones(3), ValueError),
            ("3-D", np.ones((2, 2, 2)), ValueError),
            ("NaN inside", np.full((2, 2), NAN), ValueError),
            ("inf inside", np.full((2, 2), INF), ValueError),
            ("a string", "matrix", TypeError),
            ("None", None, TypeError),
            ("booleans", np.ones((2, 2), bool), TypeError),
            ("ragged rows", [[1.0, 2.0], [3.0]], ValueError),
            ("a masked array", np.ma.masked_array(np.ones((2, 2)), mask=[[False, True], [False, False]]), TypeError),
        ]
        return [case for case in cases if not (self.allow_nan and case[0] == "NaN inside")]


class Vector(Constraint):
    """A finite 1-D float array (`check_vector`), non-empty unless allow_empty."""

    def __init__(self, what: str = "numbers", allow_empty: bool = False, *, deferred=False):
        super().__init__(deferred=deferred)
        self.what, self.allow_empty = what, allow_empty

    def check(self, value, name):
        return v.check_vector(value, name, what=self.what, allow_empty=self.allow_empty)

    def invalid_examples(self, good=None, size=None):
        cases = [
            ("2-D", np.ones((2, 2)), ValueError),
            ("NaN inside", np.array([1.0, NAN]), ValueError),
            ("a string", "1 2 3", TypeError),
            ("None", None, TypeError),
            ("a dict", {"a": 1}, TypeError),
            ("a masked array", np.ma.masked_array([1.0, 2.0], mask=[False, True]), TypeError),
        ]
        if not self.allow_empty:
            cases.append(("empty", np.array([]), ValueError))
        return cases


class Strings(Constraint):
    """A list of strings (`check_strings`); a bare string is refused."""

    def __init__(self, example: str = "['a', 'b']", *, deferred=False):
        super().__init__(deferred=deferred)
        self.example = example

    def check(self, value, name):
        return v.check_strings(value, name, example=self.example)

    def invalid_examples(self, good=None, size=None):
        bare = good[0] if good is not None and len(good) and isinstance(good[0], str) else "a title"
        return [("a bare string", bare, TypeError), ("numbers", [1, 2], TypeError), ("None", None, TypeError)]


class Frame(Constraint):
    """A pandas DataFrame with `columns` (`check_frame`)."""

    def __init__(self, *columns: str, deferred=False):
        super().__init__(deferred=deferred)
        self.columns = columns

    def check(self, value, name):
        return v.check_frame(value, name, self.columns)

    def invalid_examples(self, good=None, size=None):
        columns = list(self.columns)
        cases = [
            ("a dict", {c: [1] for c in columns or ["user"]}, TypeError),
            ("None", None, TypeError),
            ("an array", np.ones((2, len(columns) or 1)), TypeError),
        ]
        if columns:
            cases.insert(1, (f"no {columns[-1]!r} column", pd.DataFrame({c: [1] for c in columns[:-1]}), ValueError))
        return cases


class RatingRange(Constraint):
    """A pair (low, high) with low < high, or None (`check_rating_range`)."""

    def check(self, value, name):
        return v.check_rating_range(value, name)

    def invalid_examples(self, good=None, size=None):
        return [
            ("one number", 5, TypeError),
            ("reversed", (5, 1), ValueError),
            ("a string", "1-5", TypeError),
            ("NaN inside", (1, NAN), ValueError),
            ("three numbers", (1, 3, 5), TypeError),
        ]


class Checked(Constraint):
    """A value a module's own check function accepts (e.g. a fitted model): `check(value)` or `check(value, name)`."""

    def __init__(self, check, what: str = "a model", *, deferred=False):
        super().__init__(deferred=deferred)
        self.function, self.what = check, what
        self._named = len(inspect.signature(check).parameters) >= 2

    def check(self, value, name):
        return self.function(value, name) if self._named else self.function(value)

    def invalid_examples(self, good=None, size=None):
        return [("a dict", {}, TypeError), ("None", None, TypeError), ("an array", np.ones((2, 2)), TypeError)]


# --- rules that need another argument: declared here, checked in the body ----------------------


# Re-exported: the constraints on ids, indices, masks and ratings live in their own module.
from helpers.core.index_constraints import Ids, Index, Indices, Mask, Ratings  # noqa: E402
