"""Adam's update of one parameter array in NumPy, exactly as Keras's optimizer takes it (notebook 02).

`train_with_snapshots` trains with `keras.optimizers.Adam`; this module writes the same step out
without TensorFlow, so that the notebook, the exercise checker and the tests can all run it and
compare it with Keras's weights after a step (tests/models/test_adam.py does, over several steps).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers.core.constrained import Constraint
from helpers.core.constraints import Fraction, Integer, Real, constrained
from helpers.core.validation import check_array

__all__ = ["AdamUpdate", "adam_update"]

NAN, INF = float("nan"), float("inf")


class _Array(Constraint):
    """A non-empty, finite float array of any shape (`check_array`): a weight matrix, a bias vector, one number."""

    def check(self, value, name):
        return check_array(value, name)

    def invalid_examples(self, good=None, size=None):
        return [
            ("empty", np.zeros((0, 3)), ValueError),
            ("NaN inside", np.full((2, 2), NAN), ValueError),
            ("inf inside", np.full(3, INF), ValueError),
            ("a string", "weights", TypeError),
            ("None", None, TypeError),
            ("booleans", np.ones((2, 2), bool), TypeError),
            ("a masked array", np.ma.masked_array(np.ones(2), mask=[False, True]), TypeError),
        ]


class AdamUpdate(NamedTuple):
    """What `adam_update` returns: the parameter after the step and the two moments to pass to the next one.

    Introduced in notebook 02.
    """

    parameter: np.ndarray
    first_moment: np.ndarray
    second_moment: np.ndarray


@constrained(
    parameter=_Array(),
    gradient=_Array(),
    first_moment=_Array(),
    second_moment=_Array(),
    step=Integer(low=1),
    learning_rate=Real(above=0.0),
    rho_1=Fraction(),
    rho_2=Fraction(),
    epsilon=Real(above=0.0),
)
def adam_update(
    parameter,
    gradient,
    first_moment,
    second_moment,
    step: int,
    *,
    learning_rate: float = 1e-3,
    rho_1: float = 0.9,
    rho_2: float = 0.999,
    epsilon: float = 1e-7,
) -> AdamUpdate:
    """One Adam step (Kingma and Ba, 2015) of `parameter` down its `gradient` g_t, at step t = `step` (1, 2, ...):

        v_t = rho_1 v_{t-1} + (1 - rho_1) g_t          s_t = rho_2 s_{t-1} + (1 - rho_2) g_t^2
        theta <- theta - eta v_hat_t / (sqrt(s_hat_t) + epsilon_hat)
        v_hat_t = v_t / (1 - rho_1^t),  s_hat_t = s_t / (1 - rho_2^t),  epsilon_hat = epsilon / sqrt(1 - rho_2^t)

    entry by entry, with `first_moment` v_{t-1} and `second_moment` s_{t-1} (zeros before the
    first step). epsilon_hat is where Keras puts epsilon: it adds epsilon to sqrt(s_t) before
    correcting for the start at zero. The defaults are Keras's (beta_1, beta_2 in its names).
    Returns AdamUpdate(parameter, first_moment, second_moment): the new parameter, v_t and s_t.

    Introduced in notebook 02.
    """
    for name, values in (("gradient", gradient), ("first_moment", first_moment), ("second_moment", second_moment)):
        if values.shape != parameter.shape:
            raise ValueError(
                f"{name} must have the parameter's shape {parameter.shape}, got {values.shape}; "
                "pass zeros of that shape for the moments before the first step"
            )
    if (second_moment < 0).any():
        raise ValueError("second_moment must be >= 0 everywhere: it is a running mean of squared gradients")
    v = rho_1 * first_moment + (1 - rho_1) * gradient
    s = rho_2 * second_moment + (1 - rho_2) * gradient**2
    step_size = learning_rate * np.sqrt(1 - rho_2**step) / (1 - rho_1**step)  # eta, with both corrections
    return AdamUpdate(parameter - step_size * v / (np.sqrt(s) + epsilon), v, s)
