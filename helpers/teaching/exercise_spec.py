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
