"""Keras autoencoders for rating matrices, and training that keeps snapshots for an epochs slider.

Importing this module starts TensorFlow (a few seconds), so `helpers` loads it only on first use.
Before it does, it applies the course's process settings (`helpers.core.memory.configure_process`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Checked, Choice, Flag, Integer, Matrix, Optional, Real, Seed, constrained
from helpers.core.memory import configure_process
from helpers.core.quiet import quiet_native_stderr
from helpers.core.validation import MAX_EPOCHS, MAX_UNITS, as_int_seed, check_finite_result, check_int, describe

__all__ = [
    "TrainingSnapshots",
    "build_autoencoder",
    "denormalise_ratings",
    "masked_mse",
    "normalise_ratings",
    "train_with_snapshots",
]

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # no INFO/WARNING lines from TensorFlow's C++ core
configure_process()  # malloc heaps and TensorFlow's thread pools, before TensorFlow starts


with quiet_native_stderr():  # TensorFlow's C++ start-up lines bypass Python
    import keras
    import tensorflow as tf

tf.get_logger().setLevel("ERROR")


@constrained(scale=Real(above=0.0), ratings=Matrix())
def normalise_ratings(ratings, scale: float):
    """Divide ratings by the top of the rating `scale` (5 or 10), so they fit a sigmoid's 0..1 range.

    Introduced in notebook 02.
    """
    return ratings / scale


@constrained(scale=Real(above=0.0), values=Matrix())
def denormalise_ratings(values, scale: float):
    """Undo `normalise_ratings`: multiply by the top of the rating `scale`.

    Introduced in notebook 02.
    """
    return values * scale


def _check_activation(activation, name: str):
    """`activation` if it is the name of a Keras activation ("tanh", "sigmoid", "relu", ...); None is Optional's."""
    if not isinstance(activation, str):
        raise TypeError(
            f"{name} must be None or the name of a Keras activation such as 'tanh', got {describe(activation)}"
        )
    try:
        keras.activations.get(activation)
    except ValueError:
        raise ValueError(
            f"{name} must name a Keras activation such as 'tanh', 'sigmoid' or 'relu', got {activation!r}"
        ) from None
    return activation


def _check_keras_model(model, name: str):
    """`model` if it is a Keras model (build_autoencoder's autoencoder or encoder)."""
    if not isinstance(model, keras.Model):
        raise TypeError(f"{name} must be the Keras model build_autoencoder returns, got {describe(model)}")
    return model


def _check_loss(loss):
    """`loss` if it is "mse" or a Keras loss function."""
    if not ((isinstance(loss, str) and loss == "mse") or callable(loss)):
        raise TypeError(f"loss must be 'mse' or a Keras loss function such as masked_mse, got {describe(loss)}")
    return loss


def _drawn_in_float32(initializer):
    """`initializer`, drawing float32 numbers and casting them to the layer's dtype."""

    def initialize(shape, dtype=None):
        return keras.ops.cast(initializer(shape, dtype="float32"), dtype)

    return initialize


ACTIVATION = Optional(Checked(_check_activation, "a Keras activation's name"))


@constrained(
    n_inputs=Integer(low=1, high=MAX_UNITS),
    n_codes=Integer(low=1, deferred=True),
    seed=Seed(),
    activation=ACTIVATION,
    output_activation=ACTIVATION,
    use_bias=Flag(),
    input_dropout=Real(low=0.0, high=0.95),
    dtype=Choice(("float64", "float32")),
)
def build_autoencoder(
    n_inputs: int,
    n_codes: int,
    *,
    activation: str | None = "tanh",
    output_activation: str | None = "sigmoid",
    use_bias: bool = True,
    input_dropout: float = 0.0,
    seed=0,
    dtype: str = "float64",
):
    """Dense encoder (n_inputs -> n_codes) and decoder (-> n_inputs), seeded; returns (autoencoder, encoder).

    The two models share layers. activation=None and output_activation=None give a linear
    autoencoder; add use_bias=False for one that can only learn a subspace, like the SVD.
    input_dropout > 0 hides that fraction of the inputs at random during training (a denoising
    autoencoder), so the model must predict ratings it cannot see instead of copying them.
    `train_with_snapshots` compiles and trains it.

    The weights are float64 by default, not Keras's float32: after thousands of Adam steps a
    float32 model's rounding, which differs between CPUs, shows in the third decimal of its
    errors, and the course's printed numbers must be the same on every machine. On a model this
    small the cost in speed is negligible; dtype="float32" gives Keras's default.

    Introduced in notebook 02.
    """
    n_codes = check_int(n_codes, "n_codes", low=1, high=n_inputs)
    seed = as_int_seed(seed)
    keras.utils.set_random_seed(seed)
    inputs = keras.Input(shape=(n_inputs,), name="ratings", dtype=dtype)
    # The dropout mask and the initial weights are drawn in float32 whatever `dtype` is: a draw's
    # bits depend on its dtype, and these keep the float32 model's random start.
    hidden = (
        keras.layers.Dropout(input_dropout, seed=seed, name="input_dropout", dtype="float32")(inputs)
        if input_dropout
        else inputs
    )
    codes = keras.layers.Dense(
        n_codes,
        activation=activation,
        use_bias=use_bias,
        name="encoder",
        dtype=dtype,
        kernel_initializer=_drawn_in_float32(keras.initializers.GlorotUniform(seed=seed)),
    )(hidden)
    outputs = keras.layers.Dense(
        n_inputs,
        activation=output_activation,
        use_bias=use_bias,
        name="decoder",
        dtype=dtype,
        kernel_initializer=_drawn_in_float32(keras.initializers.GlorotUniform(seed=seed + 1)),
    )(codes)
    return keras.Model(inputs, outputs, name="autoencoder"), keras.Model(inputs, codes, name="encoder")


def masked_mse(y_true, y_pred):
    """Mean squared error over the observed entries only: a target of 0 means "not rated".

    A Keras loss (Keras calls it with tensors during training), so it checks nothing itself:
    pass it as `loss=masked_mse` to train_with_snapshots, which checks the data.

    Introduced in notebook 03.
    """
    observed = keras.ops.cast(keras.ops.not_equal(y_true, 0.0), y_pred.dtype)
    squared = observed * keras.ops.square(y_true - y_pred)
    return keras.ops.sum(squared) / keras.ops.maximum(keras.ops.sum(observed), 1.0)


@dataclass(frozen=True)
class TrainingSnapshots:
    """What training looked like every few epochs: snapshot i is the model after epochs[i] epochs.

    Introduced in notebook 02.
    """

    epochs: np.ndarray  # (s,) epoch counts, starting with 0 (before training)
    loss: np.ndarray  # (s,) training loss at each snapshot
    reconstructions: np.ndarray  # (s, m, n) the model's output for the training input
    codes: np.ndarray  # (s, m, c) the encoder's output for the training input
    weights: list  # model.get_weights() at each snapshot, for model.set_weights

    def at(self, epoch: int) -> int:
        """Index of the snapshot taken after `epoch` epochs (must be one of `self.epochs`)."""
        epoch = check_int(epoch, "epoch", low=0)
        matches = np.flatnonzero(self.epochs == epoch)
        if matches.size == 0:
            raise ValueError(f"no snapshot after {epoch} epochs; snapshots exist for epochs {list(self.epochs)}")
        return int(matches[0])


class _Snapshotter:
    """Record the loss, reconstruction, codes and weights of the model as it is now."""

    def __init__(self, autoencoder, encoder, x, target, loss):
        self.model = autoencoder
        self.epochs, self.loss, self.reconstructions, self.codes, self.weights = [], [], [], [], []
        loss_function = keras.losses.get(loss)

        # One compiled function for the three measurements: calling the Keras models eagerly
        # instead costs ~20 ms per snapshot, a third of a 3000-epoch run's time.
        @tf.function
        def measure():
            output = autoencoder(x, training=False)
            return output, encoder(x, training=False), tf.reduce_mean(loss_function(target, output))

        self.measure = measure

    def record(self, epoch):
        output, codes, loss = self.measure()
        self.epochs.append(epoch)
        self.loss.append(float(loss))
        self.reconstructions.append(output.numpy())
        self.codes.append(codes.numpy())
        self.weights.append(self.model.get_weights())


@constrained(
    autoencoder=Checked(_check_keras_model, "a Keras model"),
    encoder=Checked(_check_keras_model, "a Keras model"),
    x=Matrix(),
    target=Optional(Matrix()),
    loss=Checked(_check_loss, "a loss"),
    epochs=Integer(low=1, high=MAX_EPOCHS),
    every=Integer(low=1, deferred=True),
    learning_rate=Real(above=0.0),
)
def train_with_snapshots(
    autoencoder,
    encoder,
    x,
    *,
    epochs: int,
    every: int = 10,
    target=None,
    loss="mse",
    learning_rate: float = 1e-3,
):
    """Train full-batch for `epochs` epochs (one gradient step each), snapshotting every `every` epochs.

    `target` defaults to `x` (an autoencoder reproduces its input). Returns TrainingSnapshots;
    snapshot 0 is the untrained model, and each loss is measured on the snapshot's weights.
    Each step is the one notebook 02 writes out (the loss under a GradientTape, its gradient,
    one Adam update); `every` of them run inside one compiled TensorFlow function, which removes
    the per-epoch overhead of Keras's `fit` that makes the original notebook slow.

    Introduced in notebook 02.
    """
    dtype = autoencoder.inputs[0].dtype  # build_autoencoder's dtype: float64 unless asked otherwise
    x = x.astype(dtype)
    target = x if target is None else target.astype(dtype)
    if target.shape != x.shape:
        raise ValueError(f"target must have the shape of x {x.shape}, got {target.shape}")
    if autoencoder.input_shape[-1] != x.shape[1]:
        raise ValueError(f"x has {x.shape[1]} columns but the autoencoder expects {autoencoder.input_shape[-1]}")
    every = check_int(every, "every", low=1, high=epochs)
    if epochs % every:
        raise ValueError(f"epochs ({epochs}) must be a multiple of every ({every})")

    optimizer = keras.optimizers.Adam(learning_rate)
    loss_function = keras.losses.MeanSquaredError() if isinstance(loss, str) else loss
    inputs, targets = tf.constant(x), tf.constant(target)
    weights = autoencoder.trainable_variables

    @tf.function
    def train_steps():
        for _ in tf.range(every):
            with tf.GradientTape() as tape:
                step_loss = loss_function(targets, autoencoder(inputs, training=True))
            optimizer.apply_gradients(zip(tape.gradient(step_loss, weights), weights))

    snapshots = _Snapshotter(autoencoder, encoder, x, target, loss)
    snapshots.record(0)
    for call in range(1, epochs // every + 1):
        train_steps()
        snapshots.record(call * every)
    check_finite_result(
        snapshots.loss,
        "train_with_snapshots' training loss",
        f"training diverged: pass a smaller learning_rate than {learning_rate}",
    )
    return TrainingSnapshots(
        epochs=np.array(snapshots.epochs),
        loss=np.array(snapshots.loss),
        reconstructions=np.stack(snapshots.reconstructions),
        codes=np.stack(snapshots.codes),
        weights=snapshots.weights,
    )
