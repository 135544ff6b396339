"""The shared catalogue of bad inputs, by the kind of argument they are thrown at.

Each kind lists (label, value, expected): expected is TypeError (the wrong kind of thing),
ValueError (a wrong value) or OK (a value the helper must accept, e.g. a Generator for a seed).
tests/test_bad_inputs.py throws every value of an argument's kind at every public helper.
"""

import numpy as np
import scipy.sparse as sp

from helpers.core import constraints as c
from helpers.core.constraints import OK

NAN, INF = float("nan"), float("inf")


def count(low=1):
    """An integer of at least `low` (ranks, epochs, sizes)."""
    return c.Integer(low=low).invalid_examples()


def number(low=None, positive=False):
    """A finite real number; `low` or `positive` add a bound."""
    return c.Real(low=low, above=0.0 if positive else None).invalid_examples()


def seed():
    """An int in 0..2**32-1 or a numpy.random.Generator; None is refused (results must repeat)."""
    return c.Seed().invalid_examples()


def matrix():
    """A non-empty, finite 2-D array of numbers."""
    return c.Matrix().invalid_examples()


def vector(allow_empty=False):
    """A finite 1-D array of numbers."""
    return c.Vector(allow_empty=allow_empty).invalid_examples()


def indices(size):
    """A 1-D array of 0-based integer positions below `size`."""
    return c.Indices().invalid_examples(size=size)


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
    return c.Ratings().invalid_examples(good=sp.csr_array(shape))


def function():
    """Something callable."""
    return c.Callable().invalid_examples()


def flag():
    """True or False."""
    return c.Flag().invalid_examples()


def choice(valid):
    """One of a few strings."""
    return [("an unknown name", valid + "-not", ValueError), ("a number", 3, TypeError)]


def refused(helper, *arguments):
    """{argument: the invalid examples of its declared constraint that it refuses}, for a helper
    whose accepted values cannot be tried here (their good call needs a live Spark session)."""
    declared = c.constraints_of(helper)
    return {name: [case for case in declared[name].invalid_examples() if case[2] is not OK] for name in arguments}
