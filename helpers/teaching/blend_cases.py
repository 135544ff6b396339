"""The cases, answer and typical-mistake code of notebook 05's exercise on the blend (`blend_weights`):
least squares of the validation ratings on an intercept and every model's predictions, solved for all
the weights at once (the helper `fit_blend`).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 05.
"""

from __future__ import annotations

import numpy as np

from helpers.models.blend import fit_blend
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _blend_case(rng):
    n, m = int(rng.integers(12, 40)), int(rng.integers(2, 4))
    y = rng.integers(1, 6, size=n).astype(float)
    taste = rng.normal(scale=0.6, size=n)  # an error the models share, so that fitting them apart goes wrong
    predictions = [0.7 * y + 1.0 + taste + rng.normal(scale=0.5, size=n) + rng.normal(scale=0.2) for _ in range(m)]
    return dict(predictions=predictions, y=y)


def _blend_weights(predictions, y):
    return fit_blend(list(predictions), y)


def _least_squares(columns, y):
    return np.linalg.lstsq(np.column_stack(columns), y, rcond=None)[0]


_MISTAKES = (
    _Mistake(
        lambda predictions, y: _least_squares(predictions, y),
        "the intercept c is missing: the first column of the design matrix D is all ones, and the answer is "
        "[c, a_1, ..., a_m], one longer than the list of models.",
    ),
    _Mistake(
        lambda predictions, y: np.roll(_least_squares([np.ones(len(y)), *predictions], y), -1),
        "the intercept comes first: return [c, a_1, ..., a_m], with the weights in the order of the models.",
    ),
    _Mistake(
        lambda predictions, y: np.linalg.lstsq(np.vstack([np.ones(len(y)), *predictions]), y, rcond=None)[0],
        "each model is a column of D and each validation rating a row: np.column_stack, not np.vstack.",
    ),
    _Mistake(
        lambda predictions, y: np.r_[
            np.mean([_least_squares([np.ones(len(y)), p], y)[0] for p in predictions]),
            [_least_squares([np.ones(len(y)), p], y)[1] for p in predictions],
        ],
        "each model is fitted on its own: weights found one model at a time ignore the errors the models share. "
        "Solve for the intercept and all the weights together, in one least-squares problem.",
    ),
    _Mistake(
        lambda predictions, y: np.r_[0.0, np.full(len(predictions), 1 / len(predictions))],
        "the weights are fixed, an average of the models: the blend fits them, with its intercept, by least squares.",
    ),
)


_EXERCISES_BLEND = {
    "blend_weights": _Exercise(
        signature="blend_weights(predictions, y) -> [c, a_1, ..., a_m], the intercept and one weight per model",
        cases=_blend_case,
        reference=_blend_weights,
        course_answers=("fit_blend",),
        mistakes=_MISTAKES,
        hint="build the design matrix, one row per rating: a 1 for the intercept, then each model's prediction; "
        "solve the least-squares problem for all the coefficients at once.",
    ),
}
