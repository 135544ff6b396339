"""What one coding exercise is made of, for `check_exercise`: the types every `*_cases.py` module builds.

Introduced in notebook 01.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__: list[str] = []


@dataclass(frozen=True)
class _Mistake:
    """A typical wrong answer, written as code, and the hint to give when a learner's matches it."""

    wrong: Callable
    hint: str


@dataclass(frozen=True)
class _Exercise:
    """What `check_exercise` needs: random cases, the course's answer, typical mistakes, a general hint."""

    signature: str
    cases: Callable[[np.random.Generator], dict]
    reference: Callable
    mistakes: tuple[_Mistake, ...]
    hint: str
    # How an answer (the learner's, or a mistake's `wrong`) runs on a case when not as answer(**case):
    # adapt(answer) is a function of the case (e.g. a training step, run on a fresh model built from the
    # case's weights). `reference` is always a function of the case.
    adapt: Callable | None = None
    # Cases every run includes, whatever the seed (e.g. a user with no ratings), each a function of the
    # generator like `cases`; they are the last of the checker's cases.
    edge_cases: tuple[Callable[[np.random.Generator], dict], ...] = ()
    # The course's helpers that compute the answer (the reference calls one of them): a learner's function
    # that calls one would pass without computing anything, so the checker says so instead of running it.
    course_answers: tuple[str, ...] = ()
