"""The shared catalogue of bad inputs, by the kind of argument they are thrown at.

Each kind lists (label, value, expected): expected is TypeError (the wrong kind of thing),
ValueError (a wrong value) or OK (a value the helper must accept, e.g. a Generator for a seed).
tests/test_bad_inputs.py throws every value of an argument's kind at every public helper.
"""

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.core.constraints import OK

NAN, INF = float("nan"), float("inf")


def _not_a_number():
    return [
        ("a string", "3", TypeError),
        ("None", None, TypeError),
        ("a bool", True, TypeError),
        ("a list", [1], TypeError),
    ]


def optional(cases):
    """The same cases for an argument that may be None: there None is accepted."""
    return [(label, value, OK if value is None else expected) for label, value, expected in cases]


def count(low=1):
    """An integer of at least `low` (ranks, epochs, sizes)."""
    cases = [("a float", 1.5, TypeError), ("a whole float", 2.0, TypeError), *_not_a_number()]
    cases += [("below the minimum", low - 1, ValueError), ("negative", -5, ValueError)]
    return cases


def number(low=None, positive=False):
    """A finite real number; `low` or `positive` add a bound."""
    cases = [("NaN", NAN, ValueError), ("inf", INF, ValueError), *_not_a_number()]
    if positive:
        cases.append(("zero", 0.0, ValueError))
    if low is not None:
        cases.append(("below the minimum", low - 1.0, ValueError))
    return cases


def fraction():
    """A number strictly between 0 and 1."""
    return [
        ("0", 0.0, ValueError),
        ("1", 1.0, ValueError),
        ("negative", -0.2, ValueError),
        ("NaN", NAN, ValueError),
        ("a string", "0.2", TypeError),
        ("None", None, TypeError),
    ]


def seed():
    """An int in 0..2**32-1 or a numpy.random.Generator; None is refused (results must repeat)."""
    return [
        ("negative", -1, ValueError),
        ("a float", 1.5, TypeError),
        ("a string", "0", TypeError),
        ("None", None, TypeError),
        ("a bool", True, TypeError),
        ("a Generator", np.random.default_rng(0), OK),
    ]


def matrix():
    """A non-empty, finite 2-D array of numbers."""
    return [
        ("empty", np.zeros((0, 3)), ValueError),
        ("1-D", np.ones(3), ValueError),
        ("3-D", np.ones((2, 2, 2)), ValueError),
        ("NaN inside", np.full((2, 2), NAN), ValueError),
        ("inf inside", np.full((2, 2), INF), ValueError),
        ("a string", "matrix", TypeError),
        ("None", None, TypeError),
        ("booleans", np.ones((2, 2), bool), TypeError),
        ("ragged rows", [[1.0, 2.0], [3.0]], ValueError),
    ]


def vector(allow_empty=False):
    """A finite 1-D array of numbers."""
    cases = [
        ("2-D", np.ones((2, 2)), ValueError),
        ("NaN inside", np.array([1.0, NAN]), ValueError),
        ("a string", "1 2 3", TypeError),
        ("None", None, TypeError),
        ("a dict", {"a": 1}, TypeError),
    ]
    if not allow_empty:
        cases.append(("empty", np.array([]), ValueError))
    return cases


def indices(size):
    """A 1-D array of 0-based integer positions below `size`."""
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


def index(size):
    """One 0-based integer position below `size`."""
    return [
        ("a bool", True, TypeError),
        ("a float", 1.5, TypeError),
        ("negative", -1, ValueError),
        ("past the end", size, ValueError),
        ("a string", "0", TypeError),
        ("None", None, TypeError),
    ]


def mask(shape):
    """A boolean array of `shape`."""
    return [
        ("integers", np.ones(shape, int), TypeError),
        ("the wrong shape", np.ones((1, 1), bool), ValueError),
        ("a string", "mask", TypeError),
        ("None", None, TypeError),
    ]


def sparse_ratings(shape=(6, 5)):
    """A SciPy sparse matrix of non-zero ratings (the explicit-zero rule)."""
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


def strings(example="a title"):
    """A list of strings; a bare string would be read letter by letter."""
    return [("a bare string", example, TypeError), ("numbers", [1, 2], TypeError), ("None", None, TypeError)]


def frame(columns):
    """A pandas DataFrame with `columns`."""
    partial = pd.DataFrame({c: [1] for c in columns[:-1]})
    return [
        ("a dict", {c: [1] for c in columns}, TypeError),
        (f"no {columns[-1]!r} column", partial, ValueError),
        ("None", None, TypeError),
        ("an array", np.ones((2, len(columns))), TypeError),
    ]


def rating_range():
    """A pair (low, high) with low < high, or None."""
    return [
        ("one number", 5, TypeError),
        ("reversed", (5, 1), ValueError),
        ("a string", "1-5", TypeError),
        ("NaN inside", (1, NAN), ValueError),
        ("three numbers", (1, 3, 5), TypeError),
    ]


def function():
    """Something callable."""
    return [("a string", "f", TypeError), ("a number", 3, TypeError), ("None", None, TypeError)]


def flag():
    """True or False."""
    return [("a string", "yes", TypeError), ("a number", 1, TypeError)]


def choice(valid):
    """One of a few strings."""
    return [("an unknown name", valid + "-not", ValueError), ("a number", 3, TypeError)]


def model(what="a FactorModel"):
    """A fitted model object of the right type."""
    return [("a dict", {}, TypeError), ("None", None, TypeError), ("an array", np.ones((2, 2)), TypeError)]
