"""Property test: check_exercise returns a Verdict for any learner function whatsoever.

Hypothesis writes the functions: ones that return random objects (numbers, strings, None, arrays
of any dtype and shape, tuples of them), raise a random exception type, or sleep past the time
limit. Only KeyboardInterrupt, the learner's own stop, may leave the checker.
"""

import builtins
import time

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import Verdict, check_exercise
from helpers.teaching.cases import EXERCISES

EXCEPTIONS = sorted(
    (e for e in vars(builtins).values() if isinstance(e, type) and issubclass(e, BaseException)),
    key=lambda e: e.__name__,
)
EXCEPTIONS = [e for e in EXCEPTIONS if e is not KeyboardInterrupt and not issubclass(e, (UnicodeError, OSError))]
OBJECTS = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=3),
        hnp.arrays(
            st.sampled_from([np.int8, np.float64, np.bool_, np.complex64, object]), hnp.array_shapes(max_dims=3)
        ),
    ),
    lambda inner: st.one_of(st.tuples(inner, inner), st.lists(inner, max_size=3)),
    max_leaves=4,
)


def _returns(value):
    return lambda **kwargs: value


def _raises(error):
    def function(**kwargs):
        raise error("from the learner")

    return function


def _sleeps(**kwargs):
    time.sleep(1)


FUNCTIONS = st.one_of(OBJECTS.map(_returns), st.sampled_from(EXCEPTIONS).map(_raises), st.just(_sleeps))
CHEAP = sorted(name for name in EXERCISES if name != "autoencoder_forward")  # that one's reference starts Keras


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
@given(name=st.sampled_from(CHEAP), function=FUNCTIONS)
def test_any_learner_function_gets_a_verdict(name, function):
    verdict = check_exercise(name, function, time_limit=0.2)
    assert isinstance(verdict, Verdict) and not verdict.passed
    assert verdict.message.count("\n") <= 3 and "Traceback" not in verdict.message
