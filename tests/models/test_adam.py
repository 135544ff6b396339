"""adam_update: Adam's step in NumPy, the one notebook 02 takes by hand, checked against Keras's optimizer."""

import numpy as np
import pytest

from helpers import adam_update


def test_the_first_step_from_zero_moments_is_eta_times_the_sign_shrunk_by_epsilon_hat():
    g = np.array([-2.0, 1e-6, 0.5])
    step = adam_update(np.zeros(3), g, np.zeros(3), np.zeros(3), 1, learning_rate=0.01, epsilon=1e-7)
    epsilon_hat = 1e-7 / np.sqrt(1 - 0.999)
    np.testing.assert_allclose(step.parameter, -0.01 * g / (np.abs(g) + epsilon_hat))
    np.testing.assert_allclose(step.first_moment, 0.1 * g)
    np.testing.assert_allclose(step.second_moment, 0.001 * g**2)


def test_it_is_the_bias_corrected_formula_with_epsilon_where_keras_puts_it():
    rng = np.random.default_rng(0)
    theta, g, v, s = rng.normal(size=(4, 3, 2))
    s = s**2
    t, eta, rho_1, rho_2, epsilon = 7, 0.05, 0.8, 0.99, 0.01
    step = adam_update(theta, g, v, s, t, learning_rate=eta, rho_1=rho_1, rho_2=rho_2, epsilon=epsilon)
    v_t, s_t = rho_1 * v + (1 - rho_1) * g, rho_2 * s + (1 - rho_2) * g**2
    v_hat, s_hat = v_t / (1 - rho_1**t), s_t / (1 - rho_2**t)
    expected = theta - eta * v_hat / (np.sqrt(s_hat) + epsilon / np.sqrt(1 - rho_2**t))
    np.testing.assert_allclose(step.parameter, expected)
    paper = theta - eta * v_hat / (np.sqrt(s_hat) + epsilon)
    assert not np.allclose(step.parameter, paper)  # the placement of epsilon matters at this size


def test_it_returns_a_named_tuple_that_unpacks():
    parameter, v, s = adam_update(1.0, 0.5, 0.0, 0.0, 1)
    assert np.shape(parameter) == np.shape(v) == np.shape(s) == ()


@pytest.mark.parametrize(
    "change, words",
    [
        (dict(gradient=np.ones(2)), "gradient must have the parameter's shape"),
        (dict(second_moment=-np.ones(3)), "second_moment must be >= 0"),
        (dict(step=0), "step"),
        (dict(rho_2=1.0), "rho_2"),
    ],
)
def test_bad_arguments_name_themselves(change, words):
    call = dict(parameter=np.ones(3), gradient=np.ones(3), first_moment=np.zeros(3), second_moment=np.zeros(3), step=1)
    with pytest.raises(ValueError, match=words):
        adam_update(**{**call, **change})


@pytest.mark.slow
def test_several_steps_land_on_keras_adams_weights():
    from helpers.models.neural import keras

    rng = np.random.default_rng(1)
    start = rng.normal(size=(3, 2)).astype("float32")
    variable = keras.Variable(start)
    optimizer = keras.optimizers.Adam(learning_rate=0.01)
    theta, v, s = start.astype(float), np.zeros((3, 2)), np.zeros((3, 2))
    for t in range(1, 6):
        g = rng.normal(scale=10.0 ** -rng.integers(0, 6), size=(3, 2)).astype("float32")  # some tiny gradients
        optimizer.apply_gradients([(keras.ops.convert_to_tensor(g), variable)])
        theta, v, s = adam_update(theta, g, v, s, t, learning_rate=0.01, epsilon=optimizer.epsilon)
    np.testing.assert_allclose(theta, np.asarray(variable), rtol=1e-5, atol=1e-6)
