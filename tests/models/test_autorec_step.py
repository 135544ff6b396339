import numpy as np
import pytest

from helpers.models.autorec import build_autorec, fit_autorec
from helpers.models.autorec_objective import autorec_objective
from helpers.models.autorec_step import autorec_train_step
from helpers.models.neural import keras
from tests.support.factories import low_rank_splits

pytestmark = pytest.mark.slow  # builds Keras models: TensorFlow takes seconds to start

TRAIN = low_rank_splits()[0]
ITEMS = TRAIN.T.toarray().astype(np.float32)  # one row per item, 0 = not rated
L2 = 1e-2


def _kernels(model):
    weights = model.get_weights()
    return weights[0], weights[2]


def test_the_loss_is_autorec_objective_before_the_step():
    model = build_autorec(TRAIN.shape[0], 5, l2=L2, seed=0)
    before = np.asarray(model(ITEMS, training=False))
    expected = autorec_objective(ITEMS, before, *_kernels(model), l2=L2)
    loss = autorec_train_step(model, keras.optimizers.SGD(0.1), ITEMS, l2=L2)
    assert loss == pytest.approx(expected, rel=1e-5)
    assert autorec_objective(ITEMS, np.asarray(model(ITEMS)), *_kernels(model), l2=L2) < expected


def test_without_penalty_the_loss_is_the_mean_over_the_observed_cells_only():
    model = build_autorec(TRAIN.shape[0], 5, l2=L2, seed=0)
    output = np.asarray(model(ITEMS, training=False))
    observed = ITEMS != 0
    loss = autorec_train_step(model, keras.optimizers.SGD(0.1), ITEMS, l2=0.0)
    assert loss == pytest.approx(np.mean((ITEMS[observed] - output[observed]) ** 2), rel=1e-5)
    assert loss != pytest.approx(np.mean((ITEMS - output) ** 2), rel=1e-2)  # not the zeros as targets


def test_fit_autorec_takes_this_step():
    model = build_autorec(TRAIN.shape[0], 6, l2=L2, seed=3)
    optimizer = keras.optimizers.Adam(0.05)
    for _ in range(3):
        autorec_train_step(model, optimizer, ITEMS, l2=L2)
    fitted = fit_autorec(TRAIN, hidden=6, l2=L2, learning_rate=0.05, max_epochs=3, seed=3)
    assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(model.get_weights(), fitted.model.get_weights()))


def test_bad_arguments_name_what_to_pass():
    model = build_autorec(TRAIN.shape[0], 3, l2=L2, seed=0)
    with pytest.raises(TypeError, match="optimizer"):
        autorec_train_step(model, "adam", ITEMS, l2=L2)
    with pytest.raises(TypeError, match="build_autorec"):
        autorec_train_step(keras.Sequential([keras.layers.Dense(2)]), keras.optimizers.SGD(0.1), ITEMS, l2=L2)
    with pytest.raises(ValueError, match="one column per user"):
        autorec_train_step(model, keras.optimizers.SGD(0.1), ITEMS[:, :-1], l2=L2)
    with pytest.raises(ValueError, match="no rating"):
        autorec_train_step(model, keras.optimizers.SGD(0.1), np.zeros_like(ITEMS), l2=L2)
    with pytest.raises(ValueError, match="l2"):
        autorec_train_step(model, keras.optimizers.SGD(0.1), ITEMS, l2=-1.0)
