"""The cases, answer and typical-mistake code of notebook 05's `autorec_step` exercise: one masked
I-AutoRec training step (GradientTape, masked mean, penalty, one optimizer update).

The learner's step changes a model, so every answer is run on a fresh copy: `_run_step` builds an
I-AutoRec with the case's weights and a plain SGD optimizer, takes the step, and returns the loss
and the four updated weight arrays. `cases.EXERCISES` takes them in with their hints.
Introduced in notebook 05.
"""

from __future__ import annotations

import numpy as np

from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []

_MODELS = {}  # (n_users, hidden) -> an I-AutoRec built once, given each case's weights


def _autorec_step_case(rng):
    n_items, n_users, hidden = int(rng.integers(3, 7)), int(rng.integers(4, 9)), int(rng.integers(2, 5))
    batch = np.where(rng.random((n_items, n_users)) < 0.5, rng.integers(1, 6, size=(n_items, n_users)), 0)
    batch = batch.astype(np.float32)
    batch[0, 0] = 4.0  # at least one rating
    return dict(
        batch=batch,
        W_e=rng.normal(scale=0.5, size=(n_users, hidden)).astype(np.float32),
        b_e=rng.normal(scale=0.1, size=hidden).astype(np.float32),
        W_d=rng.normal(scale=0.5, size=(hidden, n_users)).astype(np.float32),
        b_d=rng.normal(scale=0.1, size=n_users).astype(np.float32) + 3.0,
        l2=float(rng.choice([0.01, 0.05])),
    )


def _run_step(step, batch, W_e, b_e, W_d, b_d, l2):
    """(loss, W_e, b_e, W_d, b_d) after `step(model, optimizer, batch, l2)` on a fresh model with these weights."""
    from helpers.models.autorec import build_autorec
    from helpers.models.neural import keras, tf

    shape = W_e.shape
    if shape not in _MODELS:
        _MODELS[shape] = build_autorec(shape[0], shape[1], l2=0.0, seed=0)
    model = _MODELS[shape]
    model.set_weights([W_e, b_e, W_d, b_d])
    loss = step(model=model, optimizer=keras.optimizers.SGD(0.1), batch=tf.constant(batch), l2=l2)
    return (float(loss), *(np.asarray(w, dtype=float) for w in model.get_weights()))


def _course_step(model, optimizer, batch, l2):
    from helpers.models.autorec_step import autorec_train_step

    return autorec_train_step(model, optimizer, np.asarray(batch), l2=l2)


def _answer(step):
    """The exercise's view of a step function: a pure function of the case."""
    return lambda **case: _run_step(step, **case)


def _adapt(step):
    """_answer, with TensorFlow started first: here, outside the checker's time limit, not on import."""
    import helpers.models.autorec  # noqa: F401

    return _answer(step)


def _wrong_step(model, optimizer, batch, l2, *, mask=True, per_cell=False, penalty="tape"):
    """The masked step with one thing changed: no mask, the mean over every cell, or the penalty misplaced."""
    from helpers.models.neural import tf

    observed = tf.cast(tf.not_equal(batch, 0.0), tf.float32) if mask else tf.ones_like(batch)
    kernels = (model.get_layer("encoder").kernel, model.get_layer("decoder").kernel)
    with tf.GradientTape() as tape:
        output = model(batch, training=True)
        squared = tf.reduce_sum(observed * tf.square(output - batch))
        error = squared / (tf.cast(tf.size(batch), tf.float32) if per_cell else tf.reduce_sum(observed))
        loss = error + (l2 * tf.add_n([tf.reduce_sum(tf.square(k)) for k in kernels]) if penalty == "tape" else 0.0)
    gradients = tape.gradient(loss, model.trainable_variables)
    if penalty == "outside":
        loss = loss + l2 * tf.add_n([tf.reduce_sum(tf.square(k)) for k in kernels])
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


def _mistake(**changes):
    return lambda model, optimizer, batch, l2: _wrong_step(model, optimizer, batch, l2, **changes)


_EXERCISES_AUTOREC = {
    "autorec_step": _Exercise(
        signature="autorec_step(model, optimizer, batch, l2) -> the loss before the update",
        cases=_autorec_step_case,
        reference=_answer(_course_step),
        course_answers=("autorec_train_step", "fit_autorec"),
        mistakes=(
            _Mistake(
                _mistake(mask=False),
                "the mask is ignored (a plain mse): the zeros of unrated cells became targets; count the "
                "squared error only where batch != 0.",
            ),
            _Mistake(
                _mistake(per_cell=True),
                "the masked error is averaged over every cell of the batch: divide by the number of observed "
                "ratings, tf.reduce_sum(mask), instead.",
            ),
            _Mistake(
                _mistake(penalty="outside"),
                "the penalty is added outside the GradientTape: the loss is right but its gradient is missing, "
                "so the weights are not shrunk; add it inside the `with` block.",
            ),
            _Mistake(
                _mistake(penalty="none"),
                "the penalty is missing: add l2 * (sum of squared encoder and decoder kernels) to the loss, "
                "inside the tape.",
            ),
        ),
        hint="mask = batch != 0; inside the tape: output = model(batch, training=True), loss = sum(mask * "
        "(output - batch)^2) / sum(mask) + l2 * (|W_e|^2 + |W_d|^2); then optimizer.apply_gradients.",
        adapt=_adapt,
    ),
}
