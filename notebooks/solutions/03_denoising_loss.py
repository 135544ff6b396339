# Worked solution 03_denoising_loss, shown in notebook 03 by show_solution("03_denoising_loss", globals()).
def denoising_loss(X, keep, rate, W_e, b_e, W_d, b_d):
    inputs = np.where(keep, X / (1 - rate), 0.0)  # hidden cells read 0; kept ones scaled up, as Dropout does
    outputs = 1 / (1 + np.exp(-(np.tanh(inputs @ W_e + b_e) @ W_d + b_d)))
    observed = X != 0  # every observed rating is a target, hidden or not: the hidden ones teach prediction
    return np.mean((X - outputs)[observed] ** 2)  # compared with the clean X, not the corrupted input


print(check_exercise("denoising_loss", denoising_loss))
dropped = np.asarray(denoising_ae.get_layer("input_dropout")(X, training=True), dtype=float)  # one Keras draw
keras_outputs = denoising_ae.get_layer("decoder")(denoising_ae.get_layer("encoder")(dropped))
by_hand = denoising_loss(X, dropped != 0, 0.25, *denoising_ae.get_weights())
from_keras = float(masked_mse(X, keras_outputs))
print(
    f"one step of the trained denoising network: by hand {by_hand:.5f}, Keras (its Dropout draw, then "
    f"masked_mse) {from_keras:.5f}; equal to float32 rounding: {np.isclose(by_hand, from_keras, rtol=1e-5)}"
)
