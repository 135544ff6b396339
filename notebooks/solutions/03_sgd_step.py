# Worked solution 03_sgd_step, shown in notebook 03 by show_solution("03_sgd_step", globals()).
def sgd_step(r, mu, b_u, b_i, p_u, q_i, n_u, n_i, lr, lam, beta):
    e = r - (mu + b_u + b_i + p_u @ q_i)  # the error, from the values before the step
    new_b_u = b_u + lr * (e - beta / n_u * b_u)  # beta b_u^2 is shared by the user's n_u ratings
    new_b_i = b_i + lr * (e - beta / n_i * b_i)
    new_p_u = p_u + lr * (e * q_i - lam * p_u)  # lam n_u |p_u|^2 over n_u ratings: lam |p_u|^2 each
    new_q_i = q_i + lr * (e * p_u - lam * q_i)  # the old p_u, not new_p_u
    return new_b_u, new_b_i, new_p_u, new_q_i


print(check_exercise("sgd_step", sgd_step))
# One epoch by hand, user by user (fit_sgd's order with shuffle=False), from fit_sgd's start.
start = np.random.default_rng(0)
P, Q = start.normal(scale=0.1, size=(10, 3)), start.normal(scale=0.1, size=(10, 3))
Q[~train.any(axis=0)] = 0.0  # an item without training ratings keeps zero factors
b_user, b_item, mu = np.zeros(10), np.zeros(10), ratings[train].mean()
n_u, n_i = train.sum(axis=1), train.sum(axis=0)
for u, i in zip(*np.nonzero(train)):
    b_user[u], b_item[i], P[u], Q[i] = sgd_step(
        ratings[u, i], mu, b_user[u], b_item[i], P[u], Q[i], n_u[u], n_i[i], 0.03, 0.5, 5.0
    )
one_epoch = fit_sgd(ratings, train, k=3, reg=0.5, shrinkage=5.0, n_epochs=1, learning_rate=0.03, seed=0, shuffle=False)
print(
    "one epoch by hand == fit_sgd(shuffle=False):",
    np.allclose(P, one_epoch.user_factors)
    and np.allclose(Q, one_epoch.item_factors)
    and np.allclose(b_user, one_epoch.user_bias)
    and np.allclose(b_item, one_epoch.item_bias),
)
print("Each rating moves its four parameters a small step down the gradient of its own share of the objective.")
