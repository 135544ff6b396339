"""Before/after for notebook 02: the original notebook's Keras training loop against the course's.

    .venv/bin/python -m bench.toy_training_speed      # about a minute on 2 cores

"Before" is the original's `autoencoder.fit(data_n, data_n, epochs=1000, batch_size=2)` on the
5x4 toy matrix (NumPy input: Keras's per-epoch overhead dominates). "After" is
`train_with_snapshots`: full-batch steps from a tf.data dataset, many steps per call, with a
snapshot of loss, reconstruction and codes after each call.
"""

import time

from helpers import toy_ratings
from helpers.models.neural import build_autoencoder, keras, normalise_ratings, train_with_snapshots


def original_fit_seconds(x) -> float:
    """Time the original notebook's model and fit call, as it wrote them."""
    inputs = keras.Input(shape=(x.shape[1],))
    codes = keras.layers.Dense(3, activation="tanh")(inputs)
    outputs = keras.layers.Dense(x.shape[1], activation="sigmoid")(codes)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mse")
    start = time.perf_counter()
    model.fit(x, x, epochs=1000, batch_size=2, verbose=0)
    return time.perf_counter() - start


def snapshot_fit_seconds(x, epochs: int, every: int) -> float:
    """Time the course's training of the same architecture, snapshots included."""
    autoencoder, encoder = build_autoencoder(x.shape[1], 3, seed=0)
    start = time.perf_counter()
    train_with_snapshots(autoencoder, encoder, x, epochs=epochs, every=every)
    return time.perf_counter() - start


if __name__ == "__main__":
    x = normalise_ratings(toy_ratings(), 5)
    print(f"original: fit(epochs=1000, batch_size=2), 3000 steps:   {original_fit_seconds(x):6.2f} s")
    print(f"course:   1000 full-batch epochs, snapshot every 10:    {snapshot_fit_seconds(x, 1000, 10):6.2f} s")
    print(f"course:   3000 full-batch epochs, snapshot every 30:    {snapshot_fit_seconds(x, 3000, 30):6.2f} s")
