import numpy as np
import pytest
import scipy.sparse as sp

from helpers.models.autorec import AutoRecFit, autorec_item_codes, fit_autorec, predict_autorec
from helpers.models.blend import apply_blend, fit_blend
from helpers.views.widgets import progress_bar
from tests.support.factories import low_rank_splits, pairs

pytestmark = pytest.mark.slow  # trains Keras models: TensorFlow takes seconds to start

FAST = dict(hidden=8, l2=1e-3, learning_rate=0.1, max_epochs=300, seed=0)
TRAIN, VALID, TEST = low_rank_splits()
N_USERS, N_ITEMS = TRAIN.shape


@pytest.fixture(scope="module")
def fitted():
    return fit_autorec(TRAIN, valid=VALID, patience=30, **FAST)


def test_autorec_beats_the_global_mean_on_held_out_ratings(fitted):
    users, items, truth = pairs(TEST)
    predictions = predict_autorec(fitted, TRAIN, users, items)
    autorec_rmse = np.sqrt(np.mean((predictions - truth) ** 2))
    mean_rmse = np.sqrt(np.mean((TRAIN.data.mean() - truth) ** 2))
    assert isinstance(fitted, AutoRecFit)
    assert autorec_rmse < 0.6 * mean_rmse


def test_early_stopping_restores_the_best_epoch():
    result = fit_autorec(TRAIN, valid=VALID, hidden=40, l2=0.0, learning_rate=0.05, max_epochs=500, patience=10, seed=0)
    valid_rmse = result.history["valid_rmse"]
    assert result.best_epoch == int(np.argmin(valid_rmse))
    assert result.epochs_run == result.best_epoch + 10 < 500
    assert valid_rmse.size == result.history["train_rmse"].size == result.epochs_run + 1
    users, items, truth = pairs(VALID)
    restored = predict_autorec(result, TRAIN, users, items, rating_range=None)
    assert np.sqrt(np.mean((restored - truth) ** 2)) == pytest.approx(valid_rmse[result.best_epoch], rel=1e-4)


def test_without_valid_every_epoch_runs_and_the_last_model_is_kept():
    result = fit_autorec(TRAIN, **{**FAST, "max_epochs": 30})
    assert result.best_epoch == result.epochs_run == 30 and set(result.history) == {"train_rmse"}
    users, items, truth = pairs(TRAIN)
    fitted = predict_autorec(result, TRAIN, users, items, rating_range=None)
    assert np.sqrt(np.mean((fitted - truth) ** 2)) == pytest.approx(result.history["train_rmse"][-1], rel=1e-4)


def test_decay_epochs_shrinks_adams_step_as_inverse_time():
    from helpers.models.autorec import build_autorec
    from helpers.models.neural import keras, tf

    decayed = fit_autorec(TRAIN, **{**FAST, "max_epochs": 5, "decay_epochs": 2.0})
    assert decayed.settings["decay_epochs"] == 2.0
    # the same five full-batch steps by hand, with Adam's step learning_rate / (1 + step / 2)
    model = build_autorec(N_USERS, FAST["hidden"], l2=FAST["l2"], seed=FAST["seed"])  # fit_autorec's start
    optimizer = keras.optimizers.Adam(keras.optimizers.schedules.InverseTimeDecay(FAST["learning_rate"], 2.0, 1.0))
    items = TRAIN.T.toarray().astype(np.float32)
    observed = (items != 0).astype(np.float32)
    for _ in range(5):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(observed * (model(items) - items) ** 2) / observed.sum() + tf.add_n(model.losses)
        optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    for a, b in zip(model.get_weights(), decayed.model.get_weights()):
        np.testing.assert_allclose(a, b, atol=1e-5)
    constant = fit_autorec(TRAIN, **{**FAST, "max_epochs": 5})
    assert not all(np.allclose(a, b) for a, b in zip(constant.model.get_weights(), decayed.model.get_weights()))


def test_same_seed_gives_the_same_model(fitted):
    again = fit_autorec(TRAIN, valid=VALID, patience=30, **FAST)
    np.testing.assert_array_equal(again.history["valid_rmse"], fitted.history["valid_rmse"])
    for a, b in zip(again.model.get_weights(), fitted.model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_minibatches_and_progress_callback():
    seen = []
    result = fit_autorec(
        TRAIN, valid=VALID, batch_size=16, progress=lambda *args: seen.append(args), **{**FAST, "max_epochs": 5}
    )
    assert [args[0] for args in seen] == list(range(6))
    assert seen[-1][1] == pytest.approx(result.history["train_rmse"][-1])
    assert result.history["train_rmse"][-1] < result.history["train_rmse"][0]


def test_predictions_are_clipped_and_unknown_users_or_items_fall_back():
    train = TRAIN.tolil()
    train[:, 0] = 0  # item 0 and user 0 lose all their training ratings
    train[0, :] = 0
    train = sp.csr_matrix(train)
    train.eliminate_zeros()
    result = fit_autorec(train, **{**FAST, "max_epochs": 20, "learning_rate": 0.5})
    users, items = np.repeat(np.arange(N_USERS), N_ITEMS), np.tile(np.arange(N_ITEMS), N_USERS)
    predictions = predict_autorec(result, train, users, items, rating_range=(2, 4))
    assert predictions.min() >= 2 and predictions.max() <= 4
    unknown = (users == 0) | (items == 0)
    np.testing.assert_allclose(predictions[unknown], np.clip(train.data.mean(), 2, 4))
    fallback = np.full(users.size, 3.5)
    np.testing.assert_allclose(predict_autorec(result.model, train, users, items, fallback=fallback)[unknown], 3.5)


def test_blend_recovers_a_known_linear_combination_and_is_clipped():
    rng = np.random.default_rng(1)
    first, second = rng.uniform(1, 5, 200), rng.uniform(1, 5, 200)
    truth = 0.3 + 0.6 * first + 0.3 * second
    weights = fit_blend([first, second], truth)
    np.testing.assert_allclose(weights, [0.3, 0.6, 0.3], atol=1e-10)
    np.testing.assert_allclose(apply_blend(weights, [first, second], rating_range=None), truth)
    blended = apply_blend([10.0, 1.0], [first])
    assert blended.max() == 5 and apply_blend([-10.0, 1.0], [first]).min() == 1
    inputs = [first.copy(), second.copy()]
    fit_blend(inputs, truth)
    np.testing.assert_array_equal(inputs[0], first)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(train=TRAIN.toarray()), TypeError, "train must be a SciPy sparse"),
        (dict(hidden=0), ValueError, "hidden must be between 1 and 100000"),
        (dict(hidden=2.5), TypeError, "hidden must be an integer"),
        (dict(l2=-1.0), ValueError, "l2 must be at least 0"),
        (dict(learning_rate=0.0), ValueError, "learning_rate"),
        (dict(max_epochs=0), ValueError, "max_epochs must be between 1 and 1000000"),
        (dict(patience=0), ValueError, "patience must be at least 1"),
        (dict(batch_size=0), ValueError, "batch_size must be at least 1"),
        (dict(seed=-1), ValueError, "seed must be between 0"),
        (dict(seed=1.5), TypeError, "seed must be an integer"),
        (dict(progress="yes"), TypeError, "progress must be None or a function"),
        (dict(valid=sp.csr_matrix((N_USERS, N_ITEMS + 1))), ValueError, "valid"),
        (dict(valid=VALID[:, :-1]), ValueError, "valid must have the training shape"),
        (dict(valid=TRAIN), ValueError, "valid shares"),
        (dict(train=sp.csr_matrix((N_USERS, N_ITEMS))), ValueError, "train has no observed rating"),
    ],
)
def test_fit_autorec_rejects_bad_input(kwargs, error, message):
    arguments = {"train": TRAIN, **FAST, **kwargs}
    with pytest.raises(error, match=message):
        fit_autorec(arguments.pop("train"), **arguments)


def test_predict_and_blend_reject_bad_input(fitted):
    users, items, _ = pairs(TEST)
    with pytest.raises(TypeError, match="result_or_model must be what fit_autorec returns"):
        predict_autorec("model", TRAIN, users, items)
    with pytest.raises(ValueError, match="train has 59 users"):
        predict_autorec(fitted, TRAIN[1:], users, items)
    with pytest.raises(ValueError, match="items has index 40, outside 0..39"):
        predict_autorec(fitted, TRAIN, users[:1], np.array([40]))
    with pytest.raises(ValueError, match="same length"):
        predict_autorec(fitted, TRAIN, users, items[:-1])
    with pytest.raises(ValueError, match="fallback must be a number or one prediction per"):
        predict_autorec(fitted, TRAIN, users, items, fallback=np.ones(3))
    with pytest.raises(TypeError, match="predictions_list must be a non-empty list"):
        fit_blend(np.ones(5), np.ones(5))
    with pytest.raises(ValueError, match="one prediction per rating"):
        fit_blend([np.ones(5), np.ones(4)], np.ones(5))
    with pytest.raises(ValueError, match="weights must be \\[intercept, one weight per model\\]"):
        apply_blend([0.0, 1.0], [np.ones(5), np.ones(5)])


def test_progress_bar_is_one_widget_that_follows_the_epochs(capsys):
    bar = progress_bar(3)
    fit_autorec(TRAIN, progress=bar, **{**FAST, "max_epochs": 3})
    printed = capsys.readouterr().out
    assert "ProgressBar" in printed and "ms/step" not in printed and printed.count("\n") == 1
    assert bar.bar.value == 3


def test_autorec_item_codes_one_code_per_item():
    rng = np.random.default_rng(0)
    dense = np.where(rng.random((12, 8)) < 0.5, rng.integers(1, 6, (12, 8)), 0).astype(float)
    train = sp.csr_array(dense)
    result = fit_autorec(train, hidden=3, l2=0.0, learning_rate=0.01, max_epochs=2, seed=0)
    codes = autorec_item_codes(result, train)
    assert codes.shape == (8, 3) and np.all((codes > 0) & (codes < 1))
    with pytest.raises(TypeError, match="fit_autorec"):
        autorec_item_codes("model", train)


def test_autorec_objective_is_the_loss_fit_autorec_minimises(fitted):
    from helpers.models.autorec import _item_matrix
    from helpers.models.autorec_objective import autorec_objective

    model = fitted.model
    items = _item_matrix(TRAIN)
    output = model(items, training=False)
    observed = items != 0
    keras_loss = float(np.mean((items[observed] - output.numpy()[observed]) ** 2) + sum(float(x) for x in model.losses))
    encoder, decoder = model.get_layer("encoder").get_weights()[0], model.get_layer("decoder").get_weights()[0]
    ours = autorec_objective(items, output.numpy(), encoder, decoder, l2=fitted.settings["l2"])
    assert ours == pytest.approx(keras_loss, rel=1e-5)
    with pytest.raises(ValueError, match="reconstruction must have the shape"):
        autorec_objective(items, output.numpy()[:, :3], encoder, decoder, l2=0.1)
