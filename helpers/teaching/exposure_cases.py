"""The cases, answer and typical-mistake code of notebook 07's exercise on popularity bias
(`gini_of_exposure`): the Gini coefficient of how many top-k lists each film of the catalogue
appears in, the films no list shows included (the helper `exposure_gini`).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 07.
"""

from __future__ import annotations

import numpy as np

from helpers.evaluation.ranking import exposure_gini
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _lists_case(rng):
    """Users' top-k lists drawn with a popularity skew, from a catalogue larger than what they show."""
    n_films, k = int(rng.integers(12, 30)), int(rng.integers(2, 5))
    weights = rng.pareto(1.0, size=n_films) + 0.05
    weights[rng.choice(n_films, size=n_films // 3, replace=False)] = 0.0  # films no list shows
    weights[np.argsort(-weights)[:k]] += 0.5  # a few films every list is likely to show
    p = weights / weights.sum()
    lists = np.array([rng.choice(n_films, size=k, replace=False, p=p) for _ in range(int(rng.integers(4, 12)))])
    return dict(lists=lists, n_films=n_films)


def _unshown_at_both_ends(rng):
    """Films never shown below and above every listed index, so each way of dropping them shows."""
    lists = np.array([[2, 3], [2, 4], [2, 3], [5, 2]])
    return dict(lists=lists, n_films=int(rng.integers(9, 13)))


def _gini_of_exposure(lists, n_films):
    return exposure_gini(lists, n_films)


def _sorted_formula(exposure, *, first=1, ascending=True):
    """sum_j (2j - n - 1) e_(j) / (n sum e), with the ranks j counted from `first`."""
    n = exposure.size
    e = np.sort(exposure.astype(float))
    e = e if ascending else e[::-1]
    return float((2 * np.arange(first, first + n) - n - 1) @ e / (n * e.sum()))


def _mean_difference(exposure, *, factor=2):
    e = exposure.astype(float)
    return float(np.abs(e[:, None] - e[None, :]).sum() / (factor * e.size * e.sum()))


def _counts(lists, n_films):
    return np.bincount(lists.ravel(), minlength=n_films)


_EXERCISES_EXPOSURE = {
    "gini_of_exposure": _Exercise(
        signature="gini_of_exposure(lists, n_films) -> the Gini coefficient of the films' exposure",
        cases=_lists_case,
        edge_cases=(_unshown_at_both_ends,),
        reference=_gini_of_exposure,
        course_answers=("exposure_gini",),
        mistakes=(
            _Mistake(
                lambda lists, n_films: _sorted_formula(np.unique(lists, return_counts=True)[1]),
                "only the films some list shows are counted: a film no list shows has exposure 0 and is one of the "
                "n_films films of the catalogue; leaving it out hides the inequality.",
            ),
            _Mistake(
                lambda lists, n_films: _sorted_formula(np.bincount(lists.ravel())),
                "the films after the largest index any list shows are missing: np.bincount stops at the largest "
                "index it sees unless it is told how many films there are.",
            ),
            _Mistake(
                lambda lists, n_films: float(
                    (2 * np.arange(1, n_films + 1) - n_films - 1) @ _counts(lists, n_films) / lists.size / n_films
                ),
                "the exposures are not sorted: the weights 2j - n - 1 belong to the j-th smallest exposure "
                "(np.sort first).",
            ),
            _Mistake(
                lambda lists, n_films: _sorted_formula(_counts(lists, n_films), ascending=False),
                "the exposures are sorted largest first, which flips the sign: sort them ascending.",
            ),
            _Mistake(
                lambda lists, n_films: _sorted_formula(_counts(lists, n_films), first=0),
                "the ranks count from 0: in sum_j (2j - n - 1) e_(j), j runs from 1 to n (np.arange(1, n + 1)).",
            ),
            _Mistake(
                lambda lists, n_films: _mean_difference(_counts(lists, n_films), factor=1),
                "that is twice the Gini: the mean absolute difference is divided by twice the mean exposure, "
                "2 n sum_j e_j in all.",
            ),
            _Mistake(
                lambda lists, n_films: _sorted_formula(_counts(lists, n_films)) * n_films / (n_films - 1),
                "that divides by n - 1 (a 'sample' Gini): the course's G divides the mean absolute difference by "
                "twice the mean over all n films, so one film taking every slot gives (n - 1) / n, not 1.",
            ),
        ),
        hint="count each film's lists over the whole catalogue (a film no list shows has exposure 0), then the "
        "Gini is the mean absolute difference of those counts over twice their mean; it lies between 0 and 1.",
    ),
}
