# Worked solution 03_als_item_step, shown in notebook 03 by show_solution("03_als_item_step", globals()).
def als_item_step(ratings, user_bias, user_factors, mu, lam, beta):
    Q = np.column_stack([np.ones(len(ratings)), user_factors])  # Q_i: one row [1, p_u] per user who rated the item
    y = ratings - mu - user_bias
    Lambda = np.diag([beta] + [lam * len(ratings)] * user_factors.shape[1])
    x = np.linalg.solve(Q.T @ Q + Lambda, Q.T @ y)
    return x[0], x[1:]


print(check_exercise("als_item_step", als_item_step))
raters = np.flatnonzero(train[:, 0])
b_1, q_1 = als_item_step(
    ratings[raters, 0], two_sweeps.user_bias[raters], two_sweeps.user_factors[raters], mu, 0.5, 5.0
)
print(
    "item 1 after sweep 2, by hand == fit_als:",
    np.isclose(b_1, two_sweeps.item_bias[0]) and np.allclose(q_1, two_sweeps.item_factors[0]),
)
print("An item step is a user step with the roles of users and items swapped: one ridge regression per item.")
