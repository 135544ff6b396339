"""More constraint classes, for names and settings (`Instance`), dicts (`Mapping`) and lists of counts (`Counts`).

They follow helpers/core/constraints.py's conventions (see its docstring) and live here only to keep
that module under ~400 lines: each `check` delegates to helpers.core.validation, so the messages
are its messages, and `invalid_examples()` lists values that break the constraint.
"""

from __future__ import annotations

from helpers.core import validation as v
from helpers.core.constrained import Constraint

__all__ = ["Counts", "Instance", "Mapping"]


class Instance(Constraint):
    """An instance of `kind` (str, bool, a class...), non-empty unless allow_empty (`check_instance`).

    The message is "{name} must {must}, got {shown(value)}"; `shown` is describe or repr.
    """

    def __init__(self, kind, must: str, *, allow_empty: bool = True, shown=v.describe, deferred=False):
        super().__init__(deferred=deferred)
        self.kind, self.must, self.allow_empty, self.shown = kind, must, allow_empty, shown

    def check(self, value, name):
        return v.check_instance(value, name, self.kind, self.must, allow_empty=self.allow_empty, shown=self.shown)

    def invalid_examples(self, good=None, size=None):
        if self.kind is str:
            cases = [("a number", 3, TypeError), ("None", None, TypeError), ("a list", ["a"], TypeError)]
            return cases if self.allow_empty else [*cases, ("empty", "", TypeError)]
        if self.kind is bool:
            return [("a string", "yes", TypeError), ("a number", 1, TypeError), ("None", None, TypeError)]
        return [("a list", [1], TypeError), ("a string", "x", TypeError), ("None", None, TypeError)]


class Mapping(Constraint):
    """A dict (any mapping) described as `what` (`check_mapping`).

    `empty` (what to do instead) refuses an empty one; `values`, a constraint, checks each value.
    """

    def __init__(self, what: str, *, empty: str | None = None, values: Constraint | None = None, deferred=False):
        super().__init__(deferred=deferred)
        self.what, self.empty, self.values = what, empty, values

    def check(self, value, name):
        checks = self.values.check if self.values is not None else None
        return v.check_mapping(value, name, self.what, empty=self.empty, values=checks)

    def invalid_examples(self, good=None, size=None):
        cases = [("a list", [1], TypeError), ("a string", "a=1", TypeError), ("None", None, TypeError)]
        if self.empty is not None:
            cases.append(("empty", {}, ValueError))
        if self.values is not None:
            cases += [
                (f"a value that is {label}", {"x": bad}, expected)
                for label, bad, expected in self.values.invalid_examples()
            ]
        return cases


class Counts(Constraint):
    """A non-empty list of ints, each in [low, high] (`check_counts`); high is often set by another argument."""

    def __init__(self, low: int | None = 0, high: int | None = None, *, deferred=False):
        super().__init__(deferred=deferred)
        self.low, self.high = low, high

    def check(self, value, name):
        return v.check_counts(value, name, low=self.low, high=self.high)

    def invalid_examples(self, good=None, size=None):
        cases = [
            ("a string", "01", TypeError),
            ("a number", 2, TypeError),
            ("None", None, TypeError),
            ("empty", [], TypeError),
            ("2-D", [[0, 1]], TypeError),
            ("a float inside", [0, 1.5], TypeError),
            ("a bool inside", [0, True], TypeError),
        ]
        if self.low is not None:
            cases.append(("below the minimum", [self.low - 1], ValueError))
        if self.high is not None:
            cases.append(("above the maximum", [self.high + 1], ValueError))
        return cases
