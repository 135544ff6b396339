# Worked solution 02_adam_step, shown in notebook 02 by show_solution("02_adam_step", globals()).
def adam_step(theta, g, v, s, t, eta, rho_1, rho_2, epsilon):
    v = rho_1 * v + (1 - rho_1) * g  # the first moment v_t: a running mean of the gradient
    s = rho_2 * s + (1 - rho_2) * g**2  # the second moment s_t: a running mean of its square
    v_hat, s_hat = v / (1 - rho_1**t), s / (1 - rho_2**t)  # correct their start at v_0 = s_0 = 0
    epsilon_hat = epsilon / np.sqrt(1 - rho_2**t)  # Keras adds epsilon to sqrt(s_t), before the correction
    return theta - eta * v_hat / (np.sqrt(s_hat) + epsilon_hat), v, s


print(check_exercise("adam_step", adam_step))
kernel, kernel_gradient = before[0], np.asarray(gradients[0])  # W_e and its gradient, from the cell above
zeros = np.zeros_like(kernel_gradient)
settings = dict(eta=1e-3, rho_1=optimizer.beta_1, rho_2=optimizer.beta_2, epsilon=optimizer.epsilon)  # Keras's
stepped, _, _ = adam_step(kernel, kernel_gradient, zeros, zeros, 1, **settings)
print(
    "on W_e it lands on the weights Keras's optimizer wrote:", np.allclose(stepped, by_hand.get_weights()[0], atol=1e-6)
)
print(
    "Two running means, their corrections for starting at zero and one division make Adam's step; where "
    "epsilon goes only matters for the smallest gradients."
)
