"""I-AutoRec's masked training step (notebook 05): the GradientTape step fit_autorec takes on each batch of films.

Importing this module starts TensorFlow (a few seconds).
"""

from __future__ import annotations

from helpers.core.constraints import Checked, Matrix, Real, constrained
from helpers.core.validation import describe
from helpers.models.neural import keras, tf

__all__ = ["autorec_train_step"]


def _masked_step(model, optimizer, batch, l2):
    """The step itself, on tensors (fit_autorec runs it inside tf.function): (loss before the step, output)."""
    observed = tf.cast(tf.not_equal(batch, 0.0), tf.float32)  # 0 = not rated: those cells are no targets
    with tf.GradientTape() as tape:
        output = model(batch, training=True)
        squared = tf.reduce_sum(observed * tf.square(output - batch))
        masked_error = squared / tf.maximum(tf.reduce_sum(observed), 1.0)  # mean over the observed ratings
        kernels = (model.get_layer("encoder").kernel, model.get_layer("decoder").kernel)
        penalty = l2 * tf.add_n([tf.reduce_sum(tf.square(kernel)) for kernel in kernels])
        loss = masked_error + penalty  # inside the tape, so the gradient includes the penalty's
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss, output


def _check_autorec_model(model, name):
    if not isinstance(model, keras.Model) or {"encoder", "decoder"} - {layer.name for layer in model.layers}:
        raise TypeError(f"{name} must be an I-AutoRec Keras model from build_autorec, got {describe(model)}")
    return model


def _check_optimizer(optimizer, name):
    if not isinstance(optimizer, keras.optimizers.Optimizer):
        raise TypeError(
            f"{name} must be a Keras optimizer such as keras.optimizers.Adam(1e-2), got {describe(optimizer)}"
        )
    return optimizer


@constrained(
    model=Checked(_check_autorec_model, "an I-AutoRec model"),
    optimizer=Checked(_check_optimizer, "a Keras optimizer"),
    batch=Matrix(),
    l2=Real(low=0.0),
)
def autorec_train_step(model, optimizer, batch, *, l2: float) -> float:
    """One I-AutoRec training step on `batch` (films x users ratings, 0 = not rated); returns the loss before it.

    Inside a GradientTape: the model's reconstruction of the batch (training=True), the squared
    error summed over the observed cells only (batch != 0) and divided by their number, plus
    l2 * (|W_e|^2 + |W_d|^2) on the two kernels (autorec_objective's loss); then one `optimizer`
    update down its gradient. fit_autorec takes this step on every batch.

    Introduced in notebook 05.
    """
    if batch.shape[1] != model.input_shape[-1]:
        raise ValueError(
            f"batch must have one column per user of the model ({model.input_shape[-1]}), got shape {batch.shape}"
        )
    if not (batch != 0).any():
        raise ValueError("batch has no rating (every cell is 0); pass rows of the training ratings")
    loss, _ = _masked_step(model, optimizer, tf.constant(batch, dtype=tf.float32), l2)
    return float(loss)
