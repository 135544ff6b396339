"""The benchmark's targets and budgets, read from bench/targets.toml, and the checks against them.

Every goal number lives in that file, each with the issue or budget it comes from; this module
only reads it and compares. It needs nothing beyond the standard library, so the tests can check
the file without running a notebook or installing the bench extra.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

TARGETS_FILE = Path(__file__).with_name("targets.toml")
MET, NOT_MET = "met", "NOT met"


def load_targets(path: Path = TARGETS_FILE) -> dict:
    """The parsed targets file: {"seconds": {"01": 10, ...}, "memory": {...}, "sliders": {...}, ...}."""
    with open(path, "rb") as file:
        return tomllib.load(file)


def notebook_key(name: str) -> str:
    """The key a notebook's budgets are filed under: its two-digit number ('05_movielens.ipynb' -> '05')."""
    return Path(name).name[:2]


def verdict(ok: bool) -> str:
    return MET if ok else NOT_MET


def at_most(measured: float, limit: float) -> str:
    """'met' when `measured` <= `limit` (a budget one may use up), else 'NOT met'."""
    return verdict(measured <= limit)


def under(measured: float, limit: float) -> str:
    """'met' when `measured` < `limit` (a limit to stay under), else 'NOT met'."""
    return verdict(measured < limit)


def at_least(measured: float, goal: float) -> str:
    """'met' when `measured` >= `goal` (a score to reach), else 'NOT met'."""
    return verdict(measured >= goal)


def budget_check(run: dict, targets: dict) -> dict:
    """One notebook's run (bench.notebook_runs.run_notebook's answer: notebook, seconds, peak_mb and,
    if probed, sliders) against its time budget, the memory limit and the slider limit.

    The slider figure is the slowest of the notebook's sliders' median moves; a notebook without
    sliders has none to check. A notebook missing from the [seconds] table says 'no budget'.
    """
    seconds_budget = targets["seconds"].get(notebook_key(run["notebook"]))
    memory_limit = targets["memory"]["peak_mb"]
    slider_limit = targets["sliders"]["median_ms"]
    medians = [slider["median_ms"] for slider in run.get("sliders") or []]
    slowest = max(medians) if medians else None
    return dict(
        notebook=run["notebook"],
        seconds=run["seconds"],
        budget_s=seconds_budget,
        time="no budget" if seconds_budget is None else at_most(run["seconds"], seconds_budget),
        peak_mb=run["peak_mb"],
        limit_mb=memory_limit,
        memory=under(run["peak_mb"], memory_limit),
        slider_ms=slowest,
        limit_ms=slider_limit,
        sliders="-" if slowest is None else under(slowest, slider_limit),
    )
