"""Wall-clock timing that prints in one format, so tests can tell a duration from a result."""

from __future__ import annotations

import time
from contextlib import contextmanager

from helpers.core.constraints import Real, constrained

__all__ = ["format_seconds", "stopwatch"]


@constrained(seconds=Real(low=0.0))
def format_seconds(seconds: float) -> str:
    """A duration as '<number> s' (the form tests/sanitize.cfg recognises as machine noise).

    Introduced in notebook 06.
    """
    return f"{seconds:.2f} s"


@contextmanager
def stopwatch():
    """Measure the wall time of a `with` block: `with stopwatch() as t: ...` then `t.seconds`.

    Introduced in notebook 02.
    """

    class Elapsed:
        seconds = 0.0

        def __str__(self):
            return format_seconds(self.seconds)

    elapsed = Elapsed()
    start = time.perf_counter()
    try:
        yield elapsed
    finally:
        elapsed.seconds = time.perf_counter() - start
