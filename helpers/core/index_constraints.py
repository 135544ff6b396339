"""Constraints on ids, positions, masks and rating matrices (re-exported by helpers.core.constraints)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from helpers.core import validation as v
from helpers.core.constrained import Constraint

__all__ = ["Ids", "Index", "Indices", "Mask", "Ratings"]

NAN, INF = float("nan"), float("inf")


class Ids(Constraint):
    """An integer id or a 1-D array of them, each at least `low` (`check_ids`)."""

    def __init__(self, low: int = 0, *, deferred=False):
        super().__init__(deferred=deferred)
        self.low = low

    def check(self, value, name):
        return v.check_ids(value, name, low=self.low)

    def invalid_examples(self, good=None, size=None):
        return [
            ("zero" if self.low == 1 else "negative", [self.low - 1], ValueError),
            ("past the largest id", [v.MAX_ID + 1], ValueError),
            ("an unsigned id that would wrap", np.array([2**64 - 1], dtype=np.uint64), ValueError),
            ("a masked array", np.ma.masked_array([self.low, self.low + 1], mask=[False, True]), TypeError),
            ("floats", [1.5], TypeError),
            ("a string", "1", TypeError),
            ("booleans", [True], TypeError),
            ("None", None, TypeError),
        ]


class Indices(Constraint):
    """A 1-D array of 0-based integer positions below a size another argument sets (`check_indices`)."""

    deferred = True

    def invalid_examples(self, good=None, size=None):
        return [
            ("a boolean mask", np.array([True, False] + [False] * (size - 2)), TypeError),
            ("floats", np.array([1.5]), TypeError),
            ("whole floats", np.array([1.0]), TypeError),
            ("negative", np.array([-1]), ValueError),
            ("past the end", np.array([size]), ValueError),
            ("a string", "0", TypeError),
            ("None", None, TypeError),
            ("2-D", np.zeros((1, 1), int), ValueError),
        ]


class Index(Constraint):
    """One 0-based integer position below a size another argument sets (`check_index`)."""

    deferred = True

    def invalid_examples(self, good=None, size=None):
        return [
            ("a bool", True, TypeError),
            ("a float", 1.5, TypeError),
            ("negative", -1, ValueError),
            ("past the end", size, ValueError),
            ("a string", "0", TypeError),
            ("None", None, TypeError),
        ]


class Mask(Constraint):
    """A boolean array with the shape of another argument (`check_mask`, in the body).

    any_shape=True: any 2-D boolean array, checked here.
    """

    def __init__(self, any_shape: bool = False):
        super().__init__(deferred=not any_shape)
        self.any_shape = any_shape

    def check(self, value, name):
        return v.check_mask(value, None, name) if self.any_shape else value

    def invalid_examples(self, good=None, size=None):
        shape = np.shape(good) if good is not None else (size if isinstance(size, tuple) else (size,))
        wrong = ("1-D", np.ones(3, bool)) if self.any_shape else ("the wrong shape", np.ones((1, 1), bool))
        return [
            ("integers", np.ones(shape, int), TypeError),
            (*wrong, ValueError),
            ("a string", "mask", TypeError),
            ("None", None, TypeError),
        ]


class Ratings(Constraint):
    """Observed ratings: a dense array with its mask argument, or a SciPy sparse matrix (`check_ratings`).

    The examples follow the good value's form: a dense good value gets bad dense arrays, a sparse
    one bad sparse matrices (a stored 0, a stored NaN, no rating, ...).
    """

    deferred = True

    def invalid_examples(self, good=None, size=None):
        if not sp.issparse(good):
            from helpers.core.constraints import Matrix  # which re-exports this module's classes

            return Matrix().invalid_examples()[:4]
        shape = good.shape
        zero = sp.csr_array(np.eye(*shape) * 4.0)
        zero[0, 0] = 0.0  # an explicit zero, as left by "hiding" a rating
        nan = sp.csr_array(np.eye(*shape) * 4.0)
        nan[0, 0] = NAN
        return [
            ("a stored 0", zero, ValueError),
            ("a stored NaN", nan, ValueError),
            ("no rating", sp.csr_array(shape), ValueError),
            ("a string", "ratings", TypeError),
            ("None", None, TypeError),
            ("a dense array without a mask", np.ones(shape), TypeError),
        ]
