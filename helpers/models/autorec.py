"""I-AutoRec (Sedhain et al. 2015): an autoencoder that reconstructs each item's ratings by all users.

Each item is a vector of length n_users holding its ratings (0 = not rated). One sigmoid hidden
layer encodes it, an identity output layer decodes it, and the loss counts only the observed
ratings: mean squared error over them, plus l2 * (sum of squared weights) on both kernels.
A rating r_ui is predicted by reading entry u of item i's reconstruction.

Importing this module starts TensorFlow (a few seconds): import it from `helpers.autorec`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import scipy.sparse as sp

from helpers.core.constraints import (
    Checked,
    Indices,
    Integer,
    Optional,
    RatingRange,
    Ratings,
    Real,
    Seed,
    constrained,
)
from helpers.core.validation import (
    MAX_EPOCHS,
    MAX_ID,
    MAX_UNITS,
    as_int_seed,
    check_finite_result,
    check_float,
    check_held_out,
    check_indices,
    check_optional_callable,
    check_same_length,
    check_sparse_ratings,
    check_vector,
    describe,
)
from helpers.models.autorec_step import _masked_step
from helpers.models.neural import keras, tf
from helpers.models.protocol import _rows

__all__ = [
    "AutoRecFit",
    "autorec_item_codes",
    "build_autorec",
    "fit_autorec",
    "predict_autorec",
]


@dataclass(frozen=True, eq=False)
class AutoRecFit:
    """A fitted I-AutoRec: the Keras model (restored to its best epoch) and how training went.

    history["train_rmse"][e] (and history["valid_rmse"][e] when a validation set was given) is
    the error after e epochs, e = 0 being the untrained model; best_epoch indexes it.

    Introduced in notebook 05.
    """

    model: keras.Model
    history: dict
    best_epoch: int
    epochs_run: int
    fit_seconds: float
    settings: dict = field(default_factory=dict)
    train: sp.csr_array | None = None  # the ratings it was fitted to: its inputs at prediction time

    # The Recommender protocol (helpers.models.protocol), by predict_autorec.

    @property
    def n_users(self) -> int:
        return self._train().shape[0]

    @property
    def n_items(self) -> int:
        return self._train().shape[1]

    def _train(self) -> sp.csr_array:
        if self.train is None:
            raise ValueError("this AutoRecFit does not hold its training ratings; use predict_autorec(fit, train, ...)")
        return self.train

    def predict(self, users, items, *, rating_range=None) -> np.ndarray:
        """Predicted ratings of the pairs (users[j], items[j]): `predict_autorec(self, self.train, ...)`."""
        return predict_autorec(self, self._train(), users, items, rating_range=rating_range)

    def scores(self, users=None) -> np.ndarray:
        """Predicted ratings of every item for `users` (every user when None), one row each."""
        users = _rows(users, self.n_users)
        pairs_users = np.repeat(users, self.n_items)
        pairs_items = np.tile(np.arange(self.n_items), users.size)
        return self.predict(pairs_users, pairs_items).reshape(users.size, self.n_items)

    def fold_in(self, items, ratings) -> np.ndarray:
        """Not possible for I-AutoRec: raises NotImplementedError saying why."""
        raise NotImplementedError(
            "I-AutoRec cannot fold in a new user: it reconstructs each item's column of ratings over the "
            f"{self.n_users} training users, and a new user would be an input and an output the network does "
            "not have. Refit with the user's ratings in train, or fold the user into an ALS model (fold_in_user)."
        )


# ---------------------------------------------------------------------------------------------
# Input checks
# ---------------------------------------------------------------------------------------------


def _check_valid(valid, train: sp.csr_array) -> sp.csr_array | None:
    """The validation ratings as CSR (same shape as train, no pair in common), or None."""
    if valid is None:
        return None
    valid = check_sparse_ratings(valid, "valid")
    if valid.shape != train.shape:
        raise ValueError(f"valid must have the training shape {train.shape}, got {valid.shape}")
    check_held_out(
        valid,
        train,
        "valid",
        "train; hold those ratings out of train (e.g. with validation_split) so validation is honest",
    )
    return valid


PROGRESS = Optional(
    Checked(
        partial(
            check_optional_callable,
            what="a function progress(epoch, train_rmse, valid_rmse), such as helpers.progress_bar(max_epochs)",
        ),
        "a function",
    )
)


# ---------------------------------------------------------------------------------------------
# The model and its training
# ---------------------------------------------------------------------------------------------


@constrained(n_users=Integer(low=1, high=MAX_ID), hidden=Integer(low=1, high=MAX_UNITS), l2=Real(low=0.0), seed=Seed())
def build_autorec(n_users: int, hidden: int, *, l2: float, seed=0) -> keras.Model:
    """Keras I-AutoRec: n_users -> hidden (sigmoid) -> n_users (identity), L2 on both kernels, seeded.

    Introduced in notebook 05.
    """
    seed = as_int_seed(seed)
    keras.utils.set_random_seed(seed)
    inputs = keras.Input(shape=(n_users,), name="item_ratings")
    codes = keras.layers.Dense(
        hidden,
        activation="sigmoid",
        name="encoder",
        kernel_regularizer=keras.regularizers.L2(l2),
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
    )(inputs)
    outputs = keras.layers.Dense(
        n_users,
        activation=None,
        name="decoder",
        kernel_regularizer=keras.regularizers.L2(l2),
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed + 1),
    )(codes)
    return keras.Model(inputs, outputs, name="i_autorec")


def _item_matrix(ratings: sp.csr_array) -> np.ndarray:
    """Items x users dense float32 array of the ratings (0 = not rated): one row per item."""
    return ratings.T.toarray().astype(np.float32)


def _entries(ratings: sp.csr_array):
    """(item, user) index pairs and values of the stored ratings, as tensors for tf.gather_nd."""
    coo = ratings.tocoo()
    pairs = np.column_stack([coo.col, coo.row]).astype(np.int64)
    return tf.constant(pairs), tf.constant(coo.data.astype(np.float32))


def _make_training(model, optimizer, items, valid_pairs, valid_values, l2):
    """Compiled functions (measure, full_step, batch_step) that train `model` on the `items` rows.

    measure() returns the current model's (sum of squared training errors, the same on the
    validation pairs); full_step() returns those too, for the model BEFORE its Adam step on all
    items (one forward pass does both); batch_step(batch) takes an Adam step on some items. Both
    steps are autorec_train_step's (helpers.models.autorec_step), without its argument checks.
    """
    observed = tf.cast(tf.not_equal(items, 0.0), tf.float32)

    def errors(output):
        """Sums of squared errors of the reconstruction `output` on the training and validation ratings."""
        valid_squared = tf.constant(0.0)
        if valid_pairs is not None:
            valid_squared = tf.reduce_sum(tf.square(tf.gather_nd(output, valid_pairs) - valid_values))
        return tf.reduce_sum(observed * tf.square(output - items)), valid_squared

    measure = tf.function(lambda: errors(model(items, training=False)))
    full_step = tf.function(lambda: errors(_masked_step(model, optimizer, items, l2)[1]))
    batch_step = tf.function(
        lambda batch: _masked_step(model, optimizer, tf.gather(items, batch), l2), reduce_retracing=True
    )
    return measure, full_step, batch_step


def _batches(n_items: int, batch_size: int, rng: np.random.Generator):
    """Yield, once per epoch, that epoch's batches of item indices: a seeded shuffle cut in batch_size pieces."""
    while True:
        order = rng.permutation(n_items)
        yield [tf.constant(order[first : first + batch_size]) for first in range(0, n_items, batch_size)]


class _BestEpoch:
    """The epoch with the lowest validation RMSE so far, and the model's weights then."""

    def __init__(self):
        self.epoch, self.rmse, self.weights = 0, np.inf, None

    def update(self, epoch: int, rmse: float, weights: list) -> None:
        """Remember `epoch` and its `weights` if `rmse` beats the best so far."""
        if rmse < self.rmse:
            self.epoch, self.rmse, self.weights = epoch, rmse, weights


@constrained(
    train=Ratings(),
    valid=Optional(Ratings()),
    hidden=Integer(low=1, high=MAX_UNITS),
    l2=Real(low=0.0),
    learning_rate=Real(low=1e-12),
    max_epochs=Integer(low=1, high=MAX_EPOCHS),
    decay_epochs=Optional(Real(low=1e-3)),
    patience=Integer(low=1),
    batch_size=Optional(Integer(low=1)),
    seed=Seed(),
    progress=PROGRESS,
)
def fit_autorec(
    train,
    *,
    hidden: int,
    l2: float,
    learning_rate: float,
    max_epochs: int,
    valid=None,
    patience: int = 20,
    batch_size: int | None = None,
    decay_epochs: float | None = None,
    seed=0,
    progress: Callable | None = None,
) -> AutoRecFit:
    """Train I-AutoRec with Adam on the items of `train` (SciPy sparse users x items ratings).

    batch_size=None takes one full-batch step per epoch; an int shuffles the items (seeded) into
    batches of that many. decay_epochs=None keeps Adam's step at `learning_rate`; a number T
    decays it as learning_rate / (1 + epoch / T) (Keras's InverseTimeDecay: half the step after T
    epochs, a third after 2T), which damps the saw-tooth a constant full-batch step leaves in the
    late epochs. With `valid` (same shape, ratings not in train) training stops once the
    validation RMSE has not improved for `patience` epochs and the best epoch's weights are
    restored; without it all `max_epochs` epochs run. `progress`, if given, is called after
    every epoch as progress(epoch, train_rmse, valid_rmse or None); `helpers.progress_bar`
    makes one that shows a bar in a notebook. `seed` is an int or a numpy.random.Generator.

    Introduced in notebook 05.
    """
    train = check_sparse_ratings(train, "train")
    valid = _check_valid(valid, train)
    seed = as_int_seed(seed)

    start = time.perf_counter()
    model = build_autorec(train.shape[0], hidden, l2=l2, seed=seed)
    valid_pairs, valid_values = _entries(valid) if valid is not None else (None, None)
    step = learning_rate
    if decay_epochs is not None:  # the schedule counts Adam steps: one per batch
        steps_per_epoch = 1 if batch_size is None else -(-train.shape[1] // batch_size)
        step = keras.optimizers.schedules.InverseTimeDecay(learning_rate, decay_epochs * steps_per_epoch, 1.0)
    measure, full_step, batch_step = _make_training(
        model, keras.optimizers.Adam(step), tf.constant(_item_matrix(train)), valid_pairs, valid_values, l2
    )
    batches = _batches(train.shape[1], batch_size or 1, np.random.default_rng(seed))  # unused if full-batch
    history = {"train_rmse": []} if valid is None else {"train_rmse": [], "valid_rmse": []}
    best = _BestEpoch()
    for epoch in range(max_epochs + 1):
        weights = model.get_weights()  # the model after `epoch` epochs, kept in case it is the best
        last = epoch == max_epochs
        if batch_size is None and not last:
            squared, valid_squared = (float(value) for value in full_step())  # measures `weights`, then steps
        else:
            squared, valid_squared = (float(value) for value in measure())
            for batch in [] if last else next(batches):
                batch_step(batch)
        history["train_rmse"].append(np.sqrt(squared / train.nnz))
        if not np.isfinite(squared):
            raise ValueError(
                f"fit_autorec's training diverged: the training error was {squared} after {epoch} epoch(s); "
                f"pass a smaller learning_rate than {learning_rate}"
            )
        valid_rmse = None
        if valid is not None:
            valid_rmse = np.sqrt(valid_squared / valid.nnz)
            history["valid_rmse"].append(valid_rmse)
            best.update(epoch, valid_rmse, weights)
        if progress is not None:
            progress(epoch, history["train_rmse"][-1], valid_rmse)
        if last or (valid is not None and epoch - best.epoch >= patience):
            break
    if valid is None:
        best_epoch = epoch
    else:
        best_epoch = best.epoch
        model.set_weights(best.weights)
    return AutoRecFit(
        model=model,
        history={key: np.array(values) for key, values in history.items()},
        best_epoch=best_epoch,
        epochs_run=epoch,
        fit_seconds=time.perf_counter() - start,
        settings=dict(
            hidden=hidden,
            l2=l2,
            learning_rate=learning_rate,
            max_epochs=max_epochs,
            patience=patience,
            batch_size=batch_size,
            decay_epochs=decay_epochs,
            seed=seed,
        ),
        train=train,
    )


# ---------------------------------------------------------------------------------------------
# Predictions and item codes
# ---------------------------------------------------------------------------------------------


def _check_fallback(fallback, size: int, default: float) -> np.ndarray:
    """The fallback prediction for each of `size` pairs: `default`, a number, or one per pair."""
    if fallback is None:
        return np.full(size, default)
    if np.ndim(fallback) == 0 and not isinstance(fallback, (str, bytes)):
        return np.full(size, check_float(fallback, "fallback"))
    values = check_vector(fallback, "fallback", what="predictions", allow_empty=True)
    if values.shape != (size,):
        raise ValueError(
            f"fallback must be a number or one prediction per (user, item) pair ({size}), got shape {values.shape}"
        )
    return values


def _check_autorec(result_or_model):
    """The Keras model of a fit_autorec result (or the model itself), or raise; @constrained passes the model on."""
    model = result_or_model.model if isinstance(result_or_model, AutoRecFit) else result_or_model
    if not isinstance(model, keras.Model):
        raise TypeError(
            f"result_or_model must be what fit_autorec returns (or its .model), got {describe(result_or_model)}"
        )
    return model


@constrained(
    result_or_model=Checked(_check_autorec, "an AutoRecFit"),
    train=Ratings(),
    users=Indices(),
    items=Indices(),
    rating_range=RatingRange(),
)
def predict_autorec(result_or_model, train, users, items, *, rating_range=(1, 5), fallback=None) -> np.ndarray:
    """Predicted ratings for the pairs (users[j], items[j]): entry u of item i's reconstruction from `train`.

    A pair whose user or item has no rating in `train` gets `fallback` instead (default: the mean
    training rating; or a number, or one prediction per pair, e.g. from predict_als with an
    ALS or baseline model): the autoencoder has learnt nothing about it. Clipped to `rating_range`.

    Introduced in notebook 05.
    """
    model = result_or_model  # its Keras model, from _check_autorec
    train = check_sparse_ratings(train, "train")
    if model.input_shape[-1] != train.shape[0]:
        raise ValueError(
            f"train has {train.shape[0]} users (rows) but the model was fitted on "
            f"{model.input_shape[-1]}; pass the training matrix the model was fitted on"
        )
    users = check_indices(users, "users", train.shape[0])
    items = check_indices(items, "items", train.shape[1])
    check_same_length("users", users, "items", items)
    fallback = _check_fallback(fallback, users.size, float(train.data.mean()))
    reconstruction = keras.ops.convert_to_numpy(model(_item_matrix(train), training=False))
    known = (np.diff(train.indptr)[users] > 0) & (np.bincount(train.indices, minlength=train.shape[1])[items] > 0)
    predictions = np.where(known, reconstruction[items, users], fallback)
    check_finite_result(predictions, "predict_autorec's predictions", "the model's weights are not finite; refit it")
    return predictions if rating_range is None else np.clip(predictions, *rating_range)


@constrained(result_or_model=Checked(_check_autorec, "an AutoRecFit"), train=Ratings())
def autorec_item_codes(result_or_model, train) -> np.ndarray:
    """Each item's hidden-layer code (n_items x hidden): I-AutoRec's learned description of the item.

    Introduced in notebook 05.
    """
    model = result_or_model  # its Keras model, from _check_autorec
    train = check_sparse_ratings(train, "train")
    if model.input_shape[-1] != train.shape[0]:
        raise ValueError(f"train has {train.shape[0]} users (rows) but the model was fitted on {model.input_shape[-1]}")
    return keras.ops.convert_to_numpy(model.get_layer("encoder")(_item_matrix(train)))
