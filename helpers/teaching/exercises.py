"""Coding exercises with automatic feedback: `check_exercise("rank_k_approximation", rank_k_approximation)`.

Each exercise runs the learner's function on a few seeded random cases and compares it with the
course's own implementation (the helper the notebooks run, never a second copy). The verdict is
one line: passed; not written yet (the stub still raises NotImplementedError); or "Not yet:" and a
hint. When the answer matches a typical mistake (a penalty without the count, Sigma forgotten, the
mask ignored, one factor too many...), the hint names that mistake; otherwise it is the exercise's
general hint. Under a "Not yet" line, indented, the evidence: which case failed, what was expected
and what came back (compared by type and shape as well as value: a (1, n) array is not an (n,) one,
a string is not a number). A learner's exception is reported in one line, never as a
traceback from inside the checker.
"""

from __future__ import annotations

import signal
import threading
import types
import warnings
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Callable, Choice, Real, Seed, constrained
from helpers.core.validation import check_callable, describe
from helpers.teaching.cases import EXERCISES
from helpers.teaching.exercise_spec import _Exercise

__all__ = ["Verdict", "check_exercise"]

CASES = 6
TIME_LIMIT = 10.0  # seconds per case: every course answer takes well under one


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


def _kind(expected) -> str:
    """What an answer like `expected` is, in words: 'a tuple of 2 (a number, an array of shape (3,))'."""
    if isinstance(expected, tuple):
        return f"a tuple of {len(expected)} ({', '.join(_kind(part) for part in expected)})"
    shape = np.shape(expected)
    return "one number" if shape == () else f"an array of shape {shape}"


def _numbers(value):
    """`value` as a float array if it is a number or an array of numbers (not a string, bool or object); else None."""
    if value is None or isinstance(value, (str, bytes, dict, set, bool, np.bool_)):
        return None
    try:
        array = np.asarray(value)
        if array.dtype.kind not in "iuf":  # a string, an object, booleans, complex numbers
            return None
        return array.astype(float)
    except Exception:  # noqa: BLE001 - a learner's object may fail in any way when converted
        return None


def _difference(expected, got) -> str | None:
    """None when `got` is `expected` in type, shape and value (to rtol 1e-5); else what differs, in words."""
    if isinstance(expected, tuple):
        if not isinstance(got, tuple) or len(got) != len(expected):
            return f"returned {_described(got)}; it should return {_kind(expected)}"
        for number, (part, answer) in enumerate(zip(expected, got), start=1):
            differs = _difference(part, answer)
            if differs:
                return f"part {number} of the tuple: {differs}"
        return None
    want, numbers = np.asarray(expected, dtype=float), _numbers(got)
    if numbers is None:
        return f"returned {_described(got)}; it should return {_kind(expected)}"
    if numbers.shape != want.shape:
        return f"returned {_kind(got)}; it should return {_kind(expected)}"
    if not np.allclose(want, numbers, rtol=1e-5, atol=1e-6, equal_nan=True):
        return "returned other values"
    return None


def _described(value) -> str:
    if value is None:
        return "None (is a `return` missing?)"
    if isinstance(value, tuple):
        return f"a tuple of {len(value)}"
    return _kind(value) if _numbers(value) is not None else describe(value)


def _shown(value) -> str:
    """A short rendering of an answer for the verdict."""
    if isinstance(value, tuple):
        return "(" + ", ".join(_shown(part) for part in value) + ")"
    numbers = _numbers(value)
    if numbers is None:
        return _described(value)
    if numbers.ndim == 0:
        return f"{float(numbers):.4g}"
    text = np.array2string(numbers, precision=3, suppress_small=True, separator=", ")
    return " ".join(text.split()) if len(text) < 160 else f"an array of shape {numbers.shape}"


def _largest_difference(expected, got) -> str:
    """Where two same-shaped arrays too long to show differ most, e.g. ' (largest difference 1.2 at [2, 4])'."""
    want, numbers = np.asarray(expected, dtype=float), _numbers(got)
    if want.ndim == 0 or numbers is None or numbers.shape != want.shape or not _shown(want).startswith("an array"):
        return ""
    gaps = np.abs(numbers - want)
    nan = np.isnan(gaps) & ~np.isnan(want)
    where = np.unravel_index(int(np.argmax(nan if nan.any() else np.nan_to_num(gaps))), gaps.shape)
    at = ", ".join(str(int(i)) for i in where)
    return f" (a NaN at [{at}])" if nan.any() else f" (largest difference {gaps[where]:.3g}, at [{at}])"


def _describe_case(case: dict) -> str:
    parts = []
    for name, value in case.items():
        if np.ndim(value) == 0:
            parts.append(f"{name}={value:.3g}" if isinstance(value, float) else f"{name}={value}")
        else:
            parts.append(f"{name} of shape {np.shape(value)}")
    return ", ".join(parts)


# --- running the learner's code --------------------------------------------------------------------


class _TimeLimit(BaseException):
    """Raised inside the learner's function when a case runs past the time limit."""


@contextmanager
def _time_limit(seconds: float):
    """Interrupt the block after `seconds` (Unix, main thread: where a notebook runs); elsewhere no limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run(function, case, seconds: float):
    """(answer, None) or (None, what went wrong) for one call: any exception but the learner's own Ctrl-C."""
    try:
        with _time_limit(seconds), warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")  # a NaN shows in the verdict, not as a warning
            return function(**{k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in case.items()}), None
    except KeyboardInterrupt:
        raise  # the learner pressed stop: that is theirs, not a verdict
    except BaseException as error:  # noqa: BLE001 - SystemExit, RecursionError, ...: all reported in one line
        return None, error


def _first_line(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception:  # noqa: BLE001 - an exception whose message itself fails
        text = ""
    return text.splitlines()[0] if text else ""


def _is_signature_error(error: BaseException) -> bool:
    """True when Python refused the call itself: the learner's parameters are not the exercise's."""
    if not isinstance(error, TypeError) or error.__traceback__ is None:
        return False
    frames = 0
    tb = error.__traceback__
    while tb is not None:
        frames, tb = frames + 1, tb.tb_next
    return frames == 1 and any(words in _first_line(error) for words in ("argument", "positional", "keyword"))


# function: checked in the body, where the message can show the exercise's signature
@constrained(
    name=Choice(EXERCISES), function=Callable(deferred=True), seed=Seed(), time_limit=Real(above=0.0, high=600.0)
)
def check_exercise(name: str, function, *, seed: int = 0, time_limit: float = TIME_LIMIT) -> Verdict:
    """Run the learner's `function` on the exercise's cases; return a Verdict (a notebook shows its message).

    Each case may take `time_limit` seconds; a function that runs longer is stopped there (in a
    notebook, which runs in the main thread on Linux and macOS) and the verdict says so.
    Whatever the function does (returns None, a string, the wrong shape, raises anything, never
    returns), the answer is a Verdict whose first line is the verdict and names the mistake (or the general
    hint), the case and the expected and returned values indented under it; only the learner's own interrupt
    goes through.

    Introduced in notebook 01.
    """
    exercise = EXERCISES[name]
    check_callable(function, "function", f"your function {exercise.signature}")
    helper = _course_answer_called(exercise, function)
    if helper is not None:
        return Verdict(
            name,
            False,
            f"Not yet: {name} calls {helper}, the course's helper the checker compares with, so it would pass "
            "without your own code: compute the answer yourself (NumPy, and the functions the exercise names).",
        )
    rng = np.random.default_rng(seed)
    cases = [exercise.cases(rng) for _ in range(CASES - len(exercise.edge_cases))]
    cases += [edge(rng) for edge in exercise.edge_cases]
    answer = function if exercise.adapt is None else exercise.adapt(function)
    for number, case in enumerate(cases, start=1):
        got, error = _run(answer, case, time_limit)
        if isinstance(error, NotImplementedError) and number == 1:
            return Verdict(
                name,
                False,
                f"{name} is not written yet: replace `raise NotImplementedError` in its cell "
                "with your code, run that cell, then run this one again.",
            )
        where = f"case {number} of {CASES} ({_describe_case(case)})"
        if isinstance(error, _TimeLimit):
            return Verdict(
                name,
                False,
                f"Not yet: {name} was still running after {time_limit:g} s, so it was stopped: look for a loop "
                "that never ends (a `while` whose condition never changes), or work on whole arrays instead of "
                f"looping over every entry.\n  (on {where})",
            )
        if _is_signature_error(error):
            return Verdict(
                name,
                False,
                f"Not yet: define {name} with exactly these parameter names: {exercise.signature.split(' ->')[0]}\n"
                f"  (Python could not call it with the exercise's arguments: {_first_line(error)})",
            )
        expected = exercise.reference(**case)
        differs = None if error is not None else _difference(expected, got)
        if error is None and differs is None:
            continue
        hint = _matching_hint(exercise, case, got, error, time_limit)
        if error is not None:
            return Verdict(
                name,
                False,
                f"Not yet: {hint}\n  {name} raised {type(error).__name__} on {where}: {_first_line(error)}",
            )
        if differs == "returned other values":
            return Verdict(
                name,
                False,
                f"Not yet: {hint}\n  {name} differs on {where}:\n  expected {_shown(expected)}\n"
                f"  got      {_shown(got)}{_largest_difference(expected, got)}",
            )
        return Verdict(
            name,
            False,
            f"Not yet: {hint}\n  {name} {differs} on {where}:\n  expected {_shown(expected)}\n  got      {_shown(got)}",
        )
    return Verdict(name, True, f"Passed: {name} agrees with the course's implementation on all {CASES} cases.")


def _names_used(function) -> set[str]:
    """Every global and attribute name `function`'s code (and the functions and lambdas inside it) refers to."""
    names, codes = set(), [getattr(function, "__code__", None)]
    while codes:
        code = codes.pop()
        if isinstance(code, types.CodeType):
            names |= set(code.co_names)
            codes += [const for const in code.co_consts if isinstance(const, types.CodeType)]
    return names


def _course_answer_called(exercise: _Exercise, function) -> str | None:
    """The name of a course helper in `exercise.course_answers` that `function` calls, by name or by an alias."""
    code = getattr(function, "__code__", None)
    free = code.co_freevars if isinstance(code, types.CodeType) else ()
    enclosing = {}  # names from an enclosing function, e.g. an import inside it
    for name, cell in zip(free, getattr(function, "__closure__", None) or ()):
        with suppress(ValueError):  # a cell not filled yet
            enclosing[name] = cell.cell_contents
    globals_ = getattr(function, "__globals__", {})
    for name in sorted(_names_used(function) | set(free)):
        value = enclosing.get(name, globals_.get(name))
        helper = (
            getattr(value, "__name__", None) if str(getattr(value, "__module__", "")).startswith("helpers") else None
        )
        if name in exercise.course_answers or helper in exercise.course_answers:
            return name if name in exercise.course_answers else helper
    return None


def _matching_hint(exercise: _Exercise, case: dict, got, error, seconds: float) -> str:
    """The hint of the typical mistake the learner's answer (or error) matches, else the general hint."""
    for mistake in exercise.mistakes:
        wrong = mistake.wrong if exercise.adapt is None else exercise.adapt(mistake.wrong)
        wrong, wrong_error = _run(wrong, case, seconds)
        if error is None and wrong_error is None and _difference(wrong, got) is None:
            return mistake.hint
        if error is not None and wrong_error is not None and type(wrong_error) is type(error):
            return mistake.hint
    return exercise.hint
