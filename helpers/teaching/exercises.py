"""Coding exercises with automatic feedback: `check_exercise("predict_rating", predict_rating)`.

Each exercise runs the learner's function on a few seeded random cases and compares it with the
course's own implementation (the helper the notebooks run, never a second copy). The verdict is
one short message: passed; not written yet (the stub still raises NotImplementedError); or which
case failed, what was expected and what came back, with one hint. When the answer matches a
typical mistake (a penalty without the count, Sigma forgotten, the mask ignored, one factor too
many...), the hint names that mistake. A learner's exception is reported in one line, never as a
traceback from inside the checker.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Callable, Choice, Seed, constrained
from helpers.core.validation import check_callable, describe
from helpers.teaching.cases import EXERCISES, _Exercise

__all__ = ["Verdict", "check_exercise"]

CASES = 6


@dataclass(frozen=True)
class Verdict:
    """The checker's answer: `passed`, and the message a notebook shows (its repr).

    Introduced in notebook 01.
    """

    name: str
    passed: bool
    message: str

    def __repr__(self) -> str:
        return self.message


# --- comparing answers ---------------------------------------------------------------------------


def _as_numbers(value):
    """A learner's answer as a flat float array (a number, an array, or a tuple of them), or None."""
    try:
        parts = value if isinstance(value, tuple) else (value,)
        return np.concatenate([np.asarray(part, dtype=float).ravel() for part in parts])
    except (TypeError, ValueError):
        return None


def _same(expected, got) -> bool:
    a, b = _as_numbers(expected), _as_numbers(got)
    return (
        a is not None
        and b is not None
        and a.shape == b.shape
        and np.allclose(a, b, rtol=1e-5, atol=1e-6, equal_nan=True)
    )


def _shown(value) -> str:
    """A short rendering of an answer for the verdict."""
    numbers = _as_numbers(value)
    if numbers is None:
        return describe(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(_shown(part) for part in value) + ")"
    if np.ndim(value) == 0:
        return f"{float(value):.4g}"
    text = np.array2string(np.asarray(value, dtype=float), precision=3, suppress_small=True, separator=", ")
    return " ".join(text.split()) if len(text) < 160 else f"an array of shape {np.shape(value)}"


def _describe_case(case: dict) -> str:
    parts = []
    for name, value in case.items():
        if np.ndim(value) == 0:
            parts.append(f"{name}={value:.3g}" if isinstance(value, float) else f"{name}={value}")
        else:
            parts.append(f"{name} of shape {np.shape(value)}")
    return ", ".join(parts)


def _run(function, case):
    """(answer, None) or (None, exception) for one call."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):  # a NaN shows in the verdict, not as a warning
            warnings.simplefilter("ignore")
            return function(**{k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in case.items()}), None
    except Exception as error:  # noqa: BLE001 - the learner's error is reported in one line
        return None, error


# function: checked in the body, where the message can show the exercise's signature
@constrained(name=Choice(EXERCISES), function=Callable(deferred=True), seed=Seed())
def check_exercise(name: str, function, *, seed: int = 0) -> Verdict:
    """Run the learner's `function` on the exercise's cases; return a Verdict (a notebook shows its message).

    Introduced in notebook 01.
    """
    exercise = EXERCISES[name]
    check_callable(function, "function", f"your function {exercise.signature}")
    rng = np.random.default_rng(seed)
    cases = [exercise.cases(rng) for _ in range(CASES)]
    for number, case in enumerate(cases, start=1):
        got, error = _run(function, case)
        if isinstance(error, NotImplementedError):
            return Verdict(
                name,
                False,
                f"{name} is not written yet: replace `raise NotImplementedError` in its cell "
                "with your code, run that cell, then run this one again.",
            )
        expected = exercise.reference(**case)
        if error is None and _same(expected, got):
            continue
        where = f"case {number} of {CASES} ({_describe_case(case)})"
        hint = _matching_hint(exercise, case, got, error)
        if error is not None:
            return Verdict(
                name,
                False,
                f"Not yet: {name} raised {type(error).__name__} on {where}: "
                f"{str(error).splitlines()[0] if str(error) else ''}\nHint: {hint}",
            )
        return Verdict(
            name,
            False,
            f"Not yet: {name} differs on {where}.\n  expected {_shown(expected)}\n"
            f"  got      {_shown(got)}\nHint: {hint}",
        )
    return Verdict(name, True, f"Passed: {name} agrees with the course's implementation on all {CASES} cases.")


def _matching_hint(exercise: _Exercise, case: dict, got, error) -> str:
    """The hint of the typical mistake the learner's answer (or error) matches, else the general hint."""
    for mistake in exercise.mistakes:
        wrong, wrong_error = _run(mistake.wrong, case)
        if error is None and wrong_error is None and _same(wrong, got):
            return mistake.hint
        if error is not None and wrong_error is not None and type(wrong_error) is type(error):
            return mistake.hint
    return exercise.hint
