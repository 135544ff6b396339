"""One validation protocol for every model, and the ranking protocols a recommender can be judged by.

`tune_on_validation` chooses a model's settings the same way for every model: each setting has a
ladder of values (ordered, coarse); starting from the middle of each ladder (or from given
values), the search tries the
neighbours of one setting at a time, the others held fixed, and moves while the validation
measure improves (coordinate-wise hill climbing). It stops after a round in which no setting
moved, so every chosen value has been compared with both its neighbours at the final values of
the others: it is interior unless it sits at an end of its ladder, and the report says which
(with the reason the ladder stops there, when one is given). Each evaluation is cached, and every
measure it returns is kept, so a search by RMSE also records, say, NDCG@10 at no extra cost.

`ranking_protocols` scores one model three ways: among every film the user has not rated
(choice, the course's protocol), among the films with at least `min_ratings` training ratings
(the panels' candidate set), and among only the films the user rated in the test (taste: which
of the films they watched they liked).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from helpers.core.constraints import Callable, Integer, Matrix, Optional, Ratings, Real, constrained
from helpers.core.container_constraints import Instance, Mapping
from helpers.core.validation import check_ratings
from helpers.evaluation.ranking import evaluate_ranking
from helpers.evaluation.selection import edge_report

__all__ = ["Tuning", "ranking_protocols", "tune_on_validation"]


@dataclass(frozen=True)
class Tuning:
    """What `tune_on_validation` found: the chosen settings, their measures, and every evaluation made.

    `tried` is a list of (settings, measures) in the order evaluated; `grid` the values tried of
    each setting with the others at their chosen values (what `edge_report` judges).

    Introduced in notebook 07.
    """

    chosen: dict
    measures: dict
    metric: str
    tried: list = field(repr=False)
    grid: dict = field(repr=False)
    ladders: dict = field(repr=False)
    limits: dict = field(repr=False)
    start: dict = field(repr=False, default_factory=dict)  # where the search began

    @property
    def n_fits(self) -> int:
        return len(self.tried)

    def along(self, name: str) -> list[tuple]:
        """(value, measures) for each value of setting `name` tried with the others at their chosen values."""
        others = {key: value for key, value in self.chosen.items() if key != name}
        rows = [
            (settings[name], measures)
            for settings, measures in self.tried
            if all(settings[key] == value for key, value in others.items())
        ]
        return sorted(rows, key=lambda row: row[0])

    def report(self) -> str:
        """edge_report's line for the chosen settings, with the reason for any value at a ladder's end."""
        line = edge_report(self.chosen, self.grid)
        notes = []
        for name, ladder in self.ladders.items():
            value = self.chosen[name]
            if len(ladder) > 1 and value in (ladder[0], ladder[-1]) and name in self.limits:
                notes.append(f"{name}: {self.limits[name]}")
        return line + ("" if not notes else "; the ladder ends there: " + "; ".join(notes))

    def __str__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.chosen.items())
        began = ", ".join(f"{name}={value!r}" for name, value in self.start.items())
        return (
            f"chosen on validation ({self.n_fits} fits from {began}): {shown}, "
            f"{self.metric} {self.measures[self.metric]:.4f}"
        )


def _middle_of(ladder) -> object:
    """The value a search starts from when none is given: the middle of the ladder (the lower of two)."""
    values = list(ladder)
    return values[(len(values) - 1) // 2]


def _check_ladders(ladders: dict, start: dict) -> dict:
    checked = {}
    for name, ladder in ladders.items():
        values = list(ladder)
        if not values:
            raise ValueError(f"ladders[{name!r}] is empty; pass the values {name} may take, in order")
        if len(set(map(repr, values))) != len(values):
            raise ValueError(f"ladders[{name!r}] repeats a value: {values}; list each value once")
        if name not in start:
            raise ValueError(f"start has no value for {name}; pass a starting value from ladders[{name!r}] = {values}")
        if not any(start[name] == value for value in values):
            raise ValueError(
                f"start[{name!r}]={start[name]!r} is not on ladders[{name!r}] = {values}; start from one of them"
            )
        checked[name] = values
    extra = sorted(set(start) - set(checked))
    if extra:
        raise ValueError(f"start names settings with no ladder in ladders: {extra}")
    return checked


@constrained(
    evaluate=Callable("a function settings -> {measure: value}"),
    ladders=Mapping("each setting's values in order, e.g. {'k': [10, 20, 40]}", empty="pass at least one setting"),
    start=Optional(Mapping("each setting's starting value, e.g. {'k': 20}")),
    metric=Instance(str, "name the measure to optimise, e.g. 'NDCG@10'", allow_empty=False, shown=repr),
    higher_is_better=Instance(bool, "be True or False", shown=repr),
    rounds=Integer(low=1, high=10),
    limits=Optional(Mapping("a reason per setting for where its ladder stops, e.g. {'w0': 'w0 <= 1'}")),
)
def tune_on_validation(
    evaluate,
    ladders: dict,
    start: dict | None = None,
    *,
    metric: str,
    higher_is_better: bool,
    rounds: int = 3,
    limits=None,
) -> Tuning:
    """Choose settings by coordinate-wise hill climbing on ladders of values (see the module's docstring).

    `evaluate(settings)` fits a model with those settings on the fit part and returns its
    validation measures as a dict, `metric` among them. The search starts from `start`, or by
    default from the middle of each ladder (`_middle_of`). Stops after a round with no move, or
    after `rounds` rounds (then a value may not have been compared with its neighbours at the
    others' final values; the grid `edge_report` reads says what was tried). `limits` gives, per
    setting, why its ladder stops where it does (a natural bound, the notebook's time budget).

    Introduced in notebook 07.
    """
    if start is None:  # the middle of each ladder: a start that favours no end and no earlier answer
        start = {name: _middle_of(ladder) for name, ladder in ladders.items()}
    ladders = _check_ladders(ladders, start)
    limits = dict(limits or {})
    cache: dict = {}
    tried: list = []

    def measure(settings: dict) -> float:
        key = tuple(repr(settings[name]) for name in ladders)
        if key not in cache:
            measures = evaluate(dict(settings))
            if not isinstance(measures, dict) or metric not in measures:
                raise ValueError(
                    f"evaluate must return a dict of measures with metric={metric!r} among them, got {measures!r}"
                )
            cache[key] = {name: float(value) for name, value in measures.items()}
            tried.append((dict(settings), cache[key]))
        value = cache[key][metric]
        return value if higher_is_better else -value

    current = {name: start[name] for name in ladders}
    best = measure(current)
    for _ in range(rounds):
        moved = False
        for name, ladder in ladders.items():
            position = next(j for j, value in enumerate(ladder) if value == current[name])
            for step in (-1, 1):  # look both ways, then keep walking the way that improves
                j = position + step
                while 0 <= j < len(ladder):
                    trial = {**current, name: ladder[j]}
                    score = measure(trial)
                    if score <= best:
                        break
                    best, current, position, moved = score, trial, j, True
                    j += step
        if not moved:
            break
    grid = {}
    for name in ladders:
        others = {key: value for key, value in current.items() if key != name}
        grid[name] = [
            settings[name] for settings, _ in tried if all(settings[key] == value for key, value in others.items())
        ]
    key = tuple(repr(current[name]) for name in ladders)
    return Tuning(
        chosen=current,
        measures=cache[key],
        metric=metric,
        tried=tried,
        grid=grid,
        ladders=ladders,
        limits=limits,
        start={name: start[name] for name in ladders},
    )


@constrained(
    scores=Matrix(deferred=True),
    train=Ratings(),
    test=Ratings(),
    min_ratings=Integer(low=1),
    k=Integer(low=1, deferred=True),
    threshold=Real(),
)
def ranking_protocols(scores, train, test, *, min_ratings: int = 20, k: int = 10, threshold: float = 4.0) -> dict:
    """One model's RankingReport under three protocols: {"choice": ..., "films with >= N ratings": ..., "taste": ...}.

    "choice" ranks every film the user has not rated in `train` (evaluate_ranking's default);
    the second only films with at least `min_ratings` training ratings; "taste" only the films
    the user rated in `test`, so the question is which of them they liked, not which they chose.

    Introduced in notebook 07.
    """
    train = check_ratings(train, name="train", mask_name=None)
    counts = np.diff(train.tocsc().indptr)
    common = dict(k=k, threshold=threshold)
    return {
        "choice": evaluate_ranking(scores, train, test, **common),
        f"films with >= {min_ratings} ratings": evaluate_ranking(
            scores, train, test, candidates=counts >= min_ratings, **common
        ),
        "taste": evaluate_ranking(scores, train, test, candidates=test, **common),
    }
