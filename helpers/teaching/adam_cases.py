"""The cases, answer and typical-mistake code of notebook 02's Adam exercise: one Adam step of one
parameter array, with Keras's placement of epsilon.

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 02.
"""

from __future__ import annotations

import numpy as np

from helpers.models.adam import adam_update
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _adam_case(rng):
    shape = (int(rng.integers(2, 6)),) if rng.random() < 0.5 else (int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    scale = float(rng.choice([0.01, 0.1, 1.0]))
    t = 1 if rng.random() < 0.3 else int(rng.integers(2, 30))
    first = t == 1  # the first step starts from v_0 = s_0 = 0
    return dict(
        theta=rng.normal(size=shape),
        g=rng.normal(scale=scale, size=shape),
        v=np.zeros(shape) if first else rng.normal(scale=scale, size=shape),
        s=np.zeros(shape) if first else rng.normal(scale=scale, size=shape) ** 2,
        t=t,
        eta=float(rng.choice([0.01, 0.1])),
        rho_1=float(rng.choice([0.8, 0.9])),
        rho_2=float(rng.choice([0.99, 0.999])),
        epsilon=float(rng.choice([1e-3, 1e-2, 0.1])) * scale,
    )


def _adam_step(theta, g, v, s, t, eta, rho_1, rho_2, epsilon):
    return tuple(adam_update(theta, g, v, s, t, learning_rate=eta, rho_1=rho_1, rho_2=rho_2, epsilon=epsilon))


def _moments(g, v, s, rho_1, rho_2):
    return rho_1 * v + (1 - rho_1) * g, rho_2 * s + (1 - rho_2) * g**2


def _stepped(theta, g, v, s, t, eta, rho_1, rho_2, epsilon, *, correct=True, where="keras", root=True):
    """An Adam step with one thing changed: no bias correction, epsilon elsewhere, or no square root."""
    v, s = _moments(g, v, s, rho_1, rho_2)
    v_hat, s_hat = (v / (1 - rho_1**t), s / (1 - rho_2**t)) if correct else (v, s)
    epsilon_hat = epsilon / np.sqrt(1 - rho_2**t) if correct else epsilon
    if where == "inside":
        denominator = np.sqrt(s_hat + epsilon)
    elif where == "paper":
        denominator = np.sqrt(s_hat) + epsilon
    else:
        denominator = (np.sqrt(s_hat) if root else s_hat) + epsilon_hat
    return theta - eta * v_hat / denominator, v, s


def _swapped_rhos(theta, g, v, s, t, eta, rho_1, rho_2, epsilon):
    v, s = rho_2 * v + (1 - rho_2) * g, rho_1 * s + (1 - rho_1) * g**2
    v_hat, s_hat = v / (1 - rho_2**t), s / (1 - rho_1**t)
    return theta - eta * v_hat / (np.sqrt(s_hat) + epsilon / np.sqrt(1 - rho_1**t)), v, s


def _swapped_weights(theta, g, v, s, t, eta, rho_1, rho_2, epsilon):
    v, s = (1 - rho_1) * v + rho_1 * g, (1 - rho_2) * s + rho_2 * g**2
    v_hat, s_hat = v / (1 - rho_1**t), s / (1 - rho_2**t)
    return theta - eta * v_hat / (np.sqrt(s_hat) + epsilon / np.sqrt(1 - rho_2**t)), v, s


_EXERCISES_ADAM = {
    "adam_step": _Exercise(
        signature="adam_step(theta, g, v, s, t, eta, rho_1, rho_2, epsilon) -> (new theta, v_t, s_t)",
        cases=_adam_case,
        reference=_adam_step,
        course_answers=("adam_update",),
        mistakes=(
            _Mistake(
                lambda theta, g, v, s, t, eta, rho_1, rho_2, epsilon: (
                    theta - eta * g,
                    *_moments(g, v, s, rho_1, rho_2),
                ),
                "that is a plain gradient step, theta - eta g: Adam steps by the ratio of the corrected "
                "moments, eta v_hat / (sqrt(s_hat) + epsilon_hat).",
            ),
            _Mistake(
                lambda **a: _stepped(**a, correct=False),
                "the bias corrections are missing: divide v_t by 1 - rho_1^t and s_t by 1 - rho_2^t (so "
                "epsilon becomes epsilon / sqrt(1 - rho_2^t)), or the first steps are too small.",
            ),
            _Mistake(
                lambda **a: _stepped(**a, where="inside"),
                "epsilon is inside the square root: Keras adds it to sqrt(s_t), after the root.",
            ),
            _Mistake(
                lambda **a: _stepped(**a, where="paper"),
                "epsilon is added after the bias correction (the paper's placement): Keras adds it to "
                "sqrt(s_t) before correcting, which is epsilon_hat = epsilon / sqrt(1 - rho_2^t) beside "
                "sqrt(s_hat).",
            ),
            _Mistake(
                lambda **a: _stepped(**a, root=False),
                "the square root is missing: divide by sqrt(s_hat) + epsilon_hat, not s_hat + epsilon_hat.",
            ),
            _Mistake(
                _swapped_rhos,
                "rho_1 and rho_2 have swapped roles: rho_1 (0.9 in Keras) decays the first moment v, "
                "rho_2 (0.999) the second moment s.",
            ),
            _Mistake(
                _swapped_weights,
                "the weights of the running means are swapped: the old moment keeps rho (v_t = rho_1 v_{t-1} "
                "+ (1 - rho_1) g_t), the new gradient gets 1 - rho.",
            ),
            _Mistake(
                lambda theta, g, v, s, t, eta, rho_1, rho_2, epsilon: (
                    _stepped(theta, g, v, s, t, eta, rho_1, rho_2, epsilon)[0],
                    v,
                    s,
                ),
                "the moments returned are the ones passed in: return the updated v_t and s_t, which the next "
                "step starts from.",
            ),
        ),
        hint="v_t = rho_1 v + (1 - rho_1) g and s_t = rho_2 s + (1 - rho_2) g^2; then theta - eta v_hat / "
        "(sqrt(s_hat) + epsilon / sqrt(1 - rho_2^t)) with v_hat = v_t / (1 - rho_1^t), "
        "s_hat = s_t / (1 - rho_2^t).",
    ),
}
