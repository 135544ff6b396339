"""Property tests: any value at all, in any argument of any public helper, either gives a result that
keeps the helper's promises or a TypeError/ValueError that names the argument.

tests/test_bad_inputs.py throws the values each argument's declared constraint knows to be bad;
here Hypothesis draws values nobody listed: numbers of every size and kind, strings and bytes,
None, nested lists, NumPy arrays of every dtype and small shape (masked ones too), sparse
matrices, dicts, and the helper's own good value damaged (a cell made NaN, inf, 0 or negative,
transposed, cut, cast to another dtype). A raw exception from inside NumPy or SciPy, an error
naming no argument, or a float result with NaN or inf fails. The number of examples per
(helper, argument) comes from the Hypothesis profile: "fast" in `make test-fast`, "full" in
`make test` (HYPOTHESIS_PROFILE, set by the Makefile).
"""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.test_bad_inputs import HELPERS, _resolve

# "fast" and "full" draw the same examples on every run (CI must not pass or fail by chance);
# "explore" draws new ones each time, for a maintainer hunting the next class of bad input.
QUIET = dict(deadline=None, suppress_health_check=list(HealthCheck), database=None)
settings.register_profile("fast", max_examples=8, derandomize=True, **QUIET)
settings.register_profile("full", max_examples=20, derandomize=True, **QUIET)
settings.register_profile("explore", max_examples=200, **QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

DTYPES = st.sampled_from([np.bool_, np.int8, np.int64, np.uint64, np.float32, np.float64, np.complex128])
SMALL_ARRAYS = hnp.arrays(
    DTYPES, hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4), elements=None, fill=None
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(max_magnitude=10),
    st.text(max_size=4),
    st.binary(max_size=4),
)
ANYTHING = st.one_of(
    SCALARS,
    st.lists(st.one_of(st.integers(-3, 10), st.floats(-5, 5), st.none(), st.text(max_size=2)), max_size=5),
    st.lists(st.lists(st.floats(-5, 5), max_size=3), max_size=3),
    SMALL_ARRAYS,
    SMALL_ARRAYS.map(lambda a: np.ma.masked_array(a, mask=np.zeros(a.shape, bool))),
    st.dictionaries(st.text(max_size=2), st.integers(0, 3), max_size=2),
    st.builds(lambda n: sp.random_array((n, n), density=0.5, rng=0), st.integers(1, 4)),
)


def _damaged(good, how: int, rng: np.random.Generator):
    """`good` changed in one of a few ways a learner's data goes wrong."""
    array = np.array(good, copy=True) if not sp.issparse(good) else good.toarray()
    if array.size == 0 or array.dtype == object:
        return array
    flat = array.reshape(-1)
    spot = rng.integers(flat.size)
    if how <= 3 and array.dtype.kind in "fc":
        flat[spot] = (np.nan, np.inf, 0.0, -1.0)[how]
    elif how <= 3 and array.dtype.kind in "iu":
        flat[spot] = (0, -1, 2**31, 10**9)[how] if array.dtype.itemsize >= 4 else 0
    elif how == 4:
        return array.T
    elif how == 5:
        return array[:-1] if array.ndim else array
    elif how == 6:
        return array.astype(np.float32 if array.dtype.kind != "f" else np.int64)
    elif how == 7:
        return array.reshape(1, -1) if array.ndim else array
    return array


def _values_for(good):
    if good is not None and (isinstance(good, (np.ndarray, list, tuple)) or sp.issparse(good)):
        try:
            np.asarray(good, dtype=float)
        except (TypeError, ValueError):
            return ANYTHING
        damaged = st.builds(
            _damaged, st.just(good), st.integers(0, 7), st.builds(np.random.default_rng, st.integers(0, 9))
        )
        return st.one_of(ANYTHING, damaged)
    return ANYTHING


CASES = [
    pytest.param(name, argument, id=f"{name}-{argument}", marks=helper.marks)
    for name, helper in HELPERS.items()
    if helper.good_call  # the Spark helpers need a live session past their checks
    for argument in helper.good
]


@pytest.mark.parametrize("name, argument", CASES)
def test_any_value_gets_a_result_or_an_error_naming_the_argument(name, argument):
    helper = HELPERS[name]
    good = {key: _resolve(value) for key, value in helper.good.items()}

    values = _values_for(good[argument])
    if name.endswith(" draw"):  # a slider calls draw(*values) with one value per slider: a flat sequence
        values = values.filter(lambda v: isinstance(v, (list, tuple)) or (isinstance(v, np.ndarray) and v.ndim == 1))

    @given(value=values)
    def check(value):
        arguments = dict(good, **{argument: value})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a warning is not a failure; a raw error is
            try:
                result = helper.call(**arguments)
            except (TypeError, ValueError) as error:
                message = str(error)  # a rule between arguments may name the other one
                aliases = ("ratings", "rating") if argument == "value" else ()  # a slider's draw(*ratings)
                named = [key for key in (argument, *arguments, *aliases, name.split()[0]) if key in message]
                assert named, (
                    f"{name}({argument}={value!r:.80}) raised {type(error).__name__} naming no argument: {message}"
                )
                return
            except Exception as error:  # noqa: BLE001 - what this test exists to catch
                pytest.fail(f"{name}({argument}={value!r:.80}) raised a raw {type(error).__name__}: {error}")
        if isinstance(result, np.ndarray) and result.dtype.kind == "f":
            assert np.isfinite(result).all(), f"{name}({argument}={value!r:.80}) returned NaN or inf"

    check()
