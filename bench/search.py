"""The benchmark's validation split and its search for settings: a coordinate search on ladders that
grows each ladder until the chosen value is interior.

Every tuned model in the benchmark (the libraries' anchors and the course's own models in
`bench.tune_*`) chooses its settings on `validation_part(train)`: `helpers.block_validation_split`
with 20% of the training fold, a contiguous block in u.data's line order, cut the way GroupLens cut
the test folds. The test fold is never read while choosing.

The search (`coordinate_search`) starts from a point and, one setting at a time, tries the
neighbouring values on that setting's ladder (geometric steps: `Axis`), moves while the score
improves and, when the best value is the last one tried, extends the ladder one step further,
until a whole round over every setting moves nothing. At the end every chosen value has been
compared with both neighbours (the other settings at their chosen values), so it is interior, or
it sits on the axis's bound (`Axis.low`/`high`, with `Axis.bound` saying why the search stops there),
which `edge_lines` says. A few dozen fits instead of a full grid's hundreds; like any local search,
it finds a local optimum of a noisy score, near its start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

VALIDATION_FRACTION = 0.2
SPLIT = f"helpers.block_validation_split(train, {VALIDATION_FRACTION})"


def validation_part(train):
    """(fit, valid): the benchmark's validation split of a training fold (block of 20%, u.data's order)."""
    from helpers import block_validation_split

    return block_validation_split(train, VALIDATION_FRACTION)


@dataclass(frozen=True)
class Axis:
    """One setting's ladder: start * factor**j for integer j, kept within [low, high] (rounded to ints
    when `integer`). `bound` says why the search stops at low/high (e.g. "a cap on fit time")."""

    start: float
    factor: float
    low: float
    high: float
    integer: bool = False
    bound: str = "the search's limit"

    def value(self, step: int):
        raw = self.start * self.factor**step
        return int(round(raw)) if self.integer else float(f"{raw:.4g}")

    def allowed(self, step: int) -> bool:
        return self.low <= self.value(step) <= self.high


@dataclass
class SearchResult:
    chosen: dict
    score: float
    evaluations: list = field(default_factory=list)  # [(settings, score), ...] in the order tried
    seconds: float = 0.0
    axes: dict = field(default_factory=dict)
    at_bound: dict = field(default_factory=dict)  # name -> "lower" / "upper" / "" (free on both sides)

    def line(self) -> dict:
        """Per setting, the values tried with every other setting at its chosen value (sorted):
        the grid each chosen value is interior or on the edge of."""
        lines = {}
        for name in self.axes:
            tried = {
                settings[name]
                for settings, _ in self.evaluations
                if all(settings[other] == self.chosen[other] for other in self.axes if other != name)
            }
            lines[name] = sorted(tried)
        return lines

    def as_dict(self) -> dict:
        return dict(
            chosen=self.chosen,
            score=self.score,
            seconds=self.seconds,
            n_fits=len(self.evaluations),
            line=self.line(),
            bounds={name: [axis.low, axis.high, axis.bound] for name, axis in self.axes.items()},
            at_bound=self.at_bound,
            edges=edge_lines(self.chosen, self.line(), self.at_bound, self.axes),
        )


def coordinate_search(
    score: Callable[[dict], float],
    axes: dict[str, Axis],
    *,
    maximize: bool,
    fixed: dict | None = None,
    max_rounds: int = 4,
    tolerance: float = 0.0,
    progress: Callable[[dict, float], None] | None = None,
) -> SearchResult:
    """The settings (with `fixed` added to each call) that score best, by the coordinate search above.

    `score(settings)` fits on the fit part and scores on the validation part; each distinct point
    is scored once. A move needs a score better by more than `tolerance`, so ties (and, with a
    tolerance, gains within the noise) keep the current value.
    """
    fixed = dict(fixed or {})
    began = time.perf_counter()
    steps = {name: 0 for name in axes}
    cache: dict[tuple, float] = {}
    evaluations = []

    def settings_at(at: dict) -> dict:
        return {name: axes[name].value(step) for name, step in at.items()}

    def evaluate(at: dict) -> float:
        key = tuple(sorted(settings_at(at).items()))
        if key not in cache:
            settings = settings_at(at)
            cache[key] = float(score({**settings, **fixed}))
            evaluations.append((settings, cache[key]))
            if progress:
                progress(settings, cache[key])
        return cache[key]

    def better(a: float, b: float) -> bool:
        return a > b + tolerance if maximize else a < b - tolerance

    best = evaluate(steps)
    for _ in range(max_rounds):
        moved = False
        for name, axis in axes.items():
            for direction in (+1, -1):
                while axis.allowed(steps[name] + direction):
                    trial = {**steps, name: steps[name] + direction}
                    value = evaluate(trial)
                    if not better(value, best):
                        break
                    steps, best, moved = trial, value, True
        if not moved:
            break
    chosen = settings_at(steps)
    return SearchResult(
        chosen={**chosen, **fixed},
        score=best,
        evaluations=[({**s, **fixed}, v) for s, v in evaluations],
        seconds=time.perf_counter() - began,
        axes=axes,
        at_bound={
            name: "upper" if not axis.allowed(steps[name] + 1) else "lower" if not axis.allowed(steps[name] - 1) else ""
            for name, axis in axes.items()
        },
    )


def multi_start_search(
    score: Callable[[dict], float], axes: dict[str, Axis], starts: list[dict], *, maximize: bool
) -> SearchResult:
    """`coordinate_search` from each start (a dict of start values overriding the axes' own, on the
    same ladders), keeping the best; a point scored by one start is not fitted again by another.
    The result's evaluations are every start's, so its lines show every value tried."""
    from dataclasses import replace

    began = time.perf_counter()
    memo: dict[tuple, float] = {}

    def cached(settings):
        key = tuple(sorted(settings.items()))
        if key not in memo:
            memo[key] = float(score(settings))
        return memo[key]

    results = [
        coordinate_search(
            cached,
            {name: replace(axis, start=start.get(name, axis.start)) for name, axis in axes.items()},
            maximize=maximize,
        )
        for start in starts
    ]
    best = (max if maximize else min)(results, key=lambda r: r.score)
    seen, evaluations = set(), []
    for result in results:
        for settings, value in result.evaluations:
            key = tuple(sorted(settings.items()))
            if key not in seen:
                seen.add(key)
                evaluations.append((settings, value))
    best.evaluations, best.seconds = evaluations, time.perf_counter() - began
    return best


def edge_lines(chosen: dict, line: dict, at_bound: dict, axes: dict[str, Axis]) -> str:
    """helpers.edge_report of the chosen settings against the values tried along each axis, with
    the reason added for a value at its axis's bound (where the ladder may not grow further)."""
    from helpers import edge_report

    text = edge_report({name: chosen[name] for name in line}, line)
    notes = [
        f"{name}={chosen[name]!r} is at the search's {side} bound ({axes[name].bound})"
        for name, side in at_bound.items()
        if side
    ]
    return text + ("; " + "; ".join(notes) if notes else "")
