import subprocess
import sys

import numpy as np
import pytest

from helpers import toy_ratings
from helpers.models.neural import (
    build_autoencoder,
    denormalise_ratings,
    keras,
    masked_mse,
    normalise_ratings,
    train_with_snapshots,
)

pytestmark = pytest.mark.slow  # trains Keras models: TensorFlow takes seconds to start

X = normalise_ratings(toy_ratings(), 5)


def test_importing_helpers_does_not_start_tensorflow():
    code = "import sys, helpers; helpers.truncated_svd; print('keras' in sys.modules or 'tensorflow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_lazy_names_resolve_to_the_neural_module():
    import helpers

    assert helpers.build_autoencoder is build_autoencoder
    with pytest.raises(AttributeError, match="nonsense"):
        _ = helpers.nonsense


def test_normalise_and_denormalise_round_trip():
    np.testing.assert_allclose(denormalise_ratings(normalise_ratings(toy_ratings(), 5), 5), toy_ratings())
    with pytest.raises(ValueError, match="scale"):
        normalise_ratings(toy_ratings(), 0)


def test_build_autoencoder_shapes_and_linear_variant():
    autoencoder, encoder = build_autoencoder(4, 3, activation=None, output_activation=None, use_bias=False)
    assert autoencoder.output_shape == (None, 4) and encoder.output_shape == (None, 3)
    assert len(autoencoder.get_weights()) == 2  # two kernels, no biases


@pytest.mark.parametrize(
    "args, error, message",
    [
        ((4, 5), ValueError, "n_codes must be between 1 and 4"),
        ((0, 1), ValueError, "n_inputs"),
        ((4.0, 2), TypeError, "n_inputs must be an integer"),
    ],
)
def test_build_autoencoder_rejects_bad_sizes(args, error, message):
    with pytest.raises(error, match=message):
        build_autoencoder(*args)


def test_build_autoencoder_is_reproducible_with_a_seed():
    first = build_autoencoder(4, 3, seed=5)[0].get_weights()
    second = build_autoencoder(4, 3, seed=5)[0].get_weights()
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)


def test_snapshot_for_epoch_e_is_the_model_after_e_epochs():
    autoencoder, encoder = build_autoencoder(4, 3, seed=0)
    snapshots = train_with_snapshots(autoencoder, encoder, X, epochs=40, every=10)
    np.testing.assert_array_equal(snapshots.epochs, [0, 10, 20, 30, 40])
    assert snapshots.reconstructions.shape == (5, 5, 4) and snapshots.codes.shape == (5, 5, 3)
    short, short_encoder = build_autoencoder(4, 3, seed=0)
    short_snapshots = train_with_snapshots(short, short_encoder, X, epochs=20, every=20)
    np.testing.assert_allclose(
        short_snapshots.reconstructions[-1], snapshots.reconstructions[snapshots.at(20)], atol=1e-6
    )
    np.testing.assert_allclose(short_snapshots.reconstructions[0], snapshots.reconstructions[0])
    np.testing.assert_allclose(snapshots.reconstructions[-1], autoencoder.predict(X, verbose=0), atol=1e-6)


def test_snapshot_loss_is_the_loss_of_that_snapshot():
    autoencoder, encoder = build_autoencoder(4, 3, seed=0)
    snapshots = train_with_snapshots(autoencoder, encoder, X, epochs=20, every=10)
    for index in range(3):
        mse = np.mean((snapshots.reconstructions[index] - X) ** 2)
        assert snapshots.loss[index] == pytest.approx(mse, rel=1e-4)
    with pytest.raises(ValueError, match="no snapshot after 15 epochs"):
        snapshots.at(15)


def test_training_reduces_the_loss_and_is_reproducible():
    runs = []
    for _ in range(2):
        autoencoder, encoder = build_autoencoder(4, 3, seed=0)
        runs.append(train_with_snapshots(autoencoder, encoder, X, epochs=300, every=30))
    assert np.all(np.diff(runs[0].loss) < 0)
    np.testing.assert_array_equal(runs[0].reconstructions, runs[1].reconstructions)


@pytest.mark.parametrize(
    "x, kwargs, error, message",
    [
        (X, dict(epochs=0, every=1), ValueError, "epochs must be between 1 and 1000000"),
        (X, dict(epochs=25, every=10), ValueError, "multiple of every"),
        (X, dict(epochs=10, every=0), ValueError, "every must be between 1 and 10"),
        (np.ones((5, 3)), dict(epochs=10), ValueError, "expects 4"),
        (np.ones(4), dict(epochs=10), ValueError, "2-D"),
        (np.where(X > 0.5, np.nan, X), dict(epochs=10), ValueError, "NaN"),
        (X, dict(epochs=10, target=np.ones((4, 4))), ValueError, "target must have the shape"),
        (X, dict(epochs=10, learning_rate=-1.0), ValueError, "learning_rate"),
    ],
)
def test_train_with_snapshots_rejects_bad_input(x, kwargs, error, message):
    autoencoder, encoder = build_autoencoder(4, 3)
    with pytest.raises(error, match=message):
        train_with_snapshots(autoencoder, encoder, x, **kwargs)


def test_masked_mse_ignores_unrated_targets():
    y_true = np.array([[0.8, 0.0], [0.0, 0.4]], dtype="float32")
    y_pred = np.array([[0.6, 0.9], [0.3, 0.4]], dtype="float32")
    value = float(keras.ops.convert_to_numpy(masked_mse(y_true, y_pred)))
    assert value == pytest.approx(((0.8 - 0.6) ** 2 + 0.0) / 2)


def test_snapshot_weights_restore_the_model_of_that_snapshot():
    autoencoder, encoder = build_autoencoder(4, 3, seed=0)
    snapshots = train_with_snapshots(autoencoder, encoder, X, epochs=30, every=10)
    autoencoder.set_weights(snapshots.weights[snapshots.at(10)])
    np.testing.assert_allclose(autoencoder.predict(X, verbose=0), snapshots.reconstructions[1], atol=1e-6)


def test_input_dropout_is_active_in_training_only():
    autoencoder, _ = build_autoencoder(4, 3, input_dropout=0.5, seed=0)
    assert autoencoder.get_layer("input_dropout").rate == 0.5
    inference = [autoencoder(X, training=False).numpy() for _ in range(2)]
    np.testing.assert_array_equal(*inference)
    with pytest.raises(ValueError, match="input_dropout"):
        build_autoencoder(4, 3, input_dropout=1.0)


@pytest.mark.parametrize("rate", [0.25, 0.5])
def test_input_dropout_zeroes_cells_and_divides_the_rest_by_one_minus_the_rate(rate):
    # the corruption notebook 03's denoising_loss exercise writes by hand (helpers/teaching/denoising_cases.py)
    autoencoder, _ = build_autoencoder(4, 3, input_dropout=rate, seed=0)
    rows = np.tile(np.linspace(0.1, 1.0, 4), (500, 1))  # no zeros, so a 0 out means a dropped cell
    dropped = np.asarray(autoencoder.get_layer("input_dropout")(rows, training=True), dtype=float)
    kept = dropped != 0
    np.testing.assert_allclose(dropped[kept], rows[kept] / (1 - rate), rtol=1e-6)
    assert abs((~kept).mean() - rate) < 0.05
