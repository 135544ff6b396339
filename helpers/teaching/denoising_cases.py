"""The cases, answer and typical-mistake code of notebook 03's exercise on the denoising autoencoder's
training loss (`denoising_loss`): the input with the step's dropped cells set to 0 and the kept ones
scaled by 1 / (1 - rate), as Keras's Dropout does; the output compared with the *uncorrupted*
ratings on every observed cell, hidden or not (the course's `masked_mse`).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np

from helpers.teaching.exercise_spec import _Exercise, _Mistake
from helpers.teaching.keras_forward import _autoencoder_forward

__all__: list[str] = []


def _denoising_case(rng):
    n_users, n_items = int(rng.integers(3, 7)), int(rng.integers(4, 8))
    n_codes = int(rng.integers(1, n_items))
    observed = rng.random((n_users, n_items)) < 0.6
    observed[np.arange(n_users), rng.integers(0, n_items, size=n_users)] = True  # every user rated something
    rate = float(rng.choice([0.2, 0.25, 0.5]))
    return dict(
        X=np.where(observed, rng.integers(1, 11, size=observed.shape) / 10, 0.0),  # ratings / 10, 0 = not rated
        keep=rng.random(observed.shape) >= rate,  # this step's draw: True where an input cell is kept
        rate=rate,
        W_e=rng.normal(scale=0.8, size=(n_items, n_codes)),
        b_e=rng.normal(scale=0.3, size=n_codes),
        W_d=rng.normal(scale=0.8, size=(n_codes, n_items)),
        b_d=rng.normal(scale=0.3, size=n_items),
    )


def _denoising_loss(X, keep, rate, W_e, b_e, W_d, b_d):
    from helpers.models.neural import masked_mse

    corrupted = np.where(keep, X / (1 - rate), 0.0)  # Keras's Dropout: tests/models/test_neural.py checks it
    return float(masked_mse(X, _autoencoder_forward(corrupted, W_e, b_e, W_d, b_d)))


def _numpy_forward(inputs, W_e, b_e, W_d, b_d):
    return 1 / (1 + np.exp(-(np.tanh(inputs @ W_e + b_e) @ W_d + b_d)))


def _variant(*, scale="divide", target="clean", cells="observed", dropped="keep"):
    """The loss with one decision taken another way: the scaling, the target, the cells that count, the mask."""

    def wrong(X, keep, rate, W_e, b_e, W_d, b_d):
        kept = keep if dropped == "keep" else ~keep
        factor = {"divide": 1 / (1 - rate), "none": 1.0, "multiply": 1 - rate}[scale]
        corrupted = np.where(kept, X * factor, 0.0)
        outputs = _numpy_forward(corrupted, W_e, b_e, W_d, b_d)
        truth = X if target == "clean" else corrupted
        counted = {
            "observed": X != 0,
            "kept": (X != 0) & kept,
            "hidden": (X != 0) & ~kept,
            "every": np.ones_like(X, dtype=bool),
        }[cells]
        return float(np.mean((truth - outputs)[counted] ** 2)) if counted.any() else 0.0

    return wrong


_MISTAKES = (
    _Mistake(
        _variant(cells="kept"),
        "only the kept cells count: then every target is visible in the input and copying is rewarded "
        "again. The loss asks for every observed rating, hidden ones included: they teach prediction.",
    ),
    _Mistake(
        _variant(target="corrupted"),
        "the target is the corrupted input: a hidden rating's target is then 0. Compare the output with "
        "the ratings before they were hidden, X itself.",
    ),
    _Mistake(
        _variant(scale="none"),
        "the kept cells are not scaled: Keras's Dropout divides them by (1 - rate), so the input's "
        "expected size is what the network sees when predicting, with nothing dropped.",
    ),
    _Mistake(
        _variant(scale="multiply"),
        "the kept cells are multiplied by (1 - rate): Dropout *divides* them by (1 - rate), making up "
        "for the cells set to 0.",
    ),
    _Mistake(
        _variant(cells="every"),
        "the mask is ignored: a 0 in X means 'not rated', and only the observed cells (X != 0) have a "
        "squared error, as in masked_mse.",
    ),
    _Mistake(
        _variant(cells="hidden"),
        "only the hidden cells count: the course's loss (masked_mse on the clean X) asks for every observed "
        "rating, the ones the network can see as well as the hidden ones.",
    ),
    _Mistake(
        _variant(dropped="drop"),
        "keep is the other way round: True marks a cell that is kept this step, False one that is set to 0.",
    ),
)


_EXERCISES_DENOISING = {
    "denoising_loss": _Exercise(
        signature="denoising_loss(X, keep, rate, W_e, b_e, W_d, b_d) -> one denoising step's training loss",
        cases=_denoising_case,
        reference=_denoising_loss,
        mistakes=_MISTAKES,
        hint="corrupt the input as Keras's Dropout does (hidden cells 0, kept ones scaled so the expected input is "
        "unchanged), run notebook 02's forward pass on it, and average the squared errors against the ratings the "
        "network should predict, over the cells that hold a rating.",
    ),
}
