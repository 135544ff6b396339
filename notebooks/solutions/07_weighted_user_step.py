# Worked solution 07_weighted_user_step, shown in notebook 07 by show_solution("07_weighted_user_step", globals()).
def weighted_user_step(Y, c, p, lam):
    rated = np.flatnonzero(p)  # C_u - I and p(u) are zero on every film the user did not rate
    gram = Y.T @ Y + Y[rated].T @ ((c[rated] - 1)[:, None] * Y[rated])  # Y^T C_u Y, by the Gram trick
    return np.linalg.solve(gram + lam * np.eye(Y.shape[1]), Y[rated].T @ (c[rated] * p[rated]))


print(check_exercise("weighted_user_step", weighted_user_step))
user = 0
stars = R_train[[user]].toarray().ravel()
c_u = 1 + IMPLICIT["alpha"] * stars  # confidence over every film: 1 where unrated
p_u = (stars > 0).astype(float)  # preference: 1 where rated
x_u = weighted_user_step(implicit_model.item_factors, c_u, p_u, IMPLICIT["reg"])
rated = np.flatnonzero(stars)
course = fold_in_weighted(implicit_model, rated, stars[rated])  # the course's user step for these ratings
print(
    f"user {user} ({rated.size} ratings) as a new user: the scores Y x_u equal fold_in_weighted's:",
    np.allclose(implicit_model.item_factors @ x_u, course),
)
Y = implicit_model.item_factors
dense = Y.T @ (c_u[:, None] * Y)  # Y^T C_u Y the dense way, over every film
print(
    "Y^T C_u Y by the Gram trick equals the dense sum over every film:",
    np.allclose(dense, Y.T @ Y + Y[rated].T @ ((c_u[rated] - 1)[:, None] * Y[rated])),
)
print(
    "One ridge solve per user, every film weighted by its confidence; the Gram trick changes how "
    "Y^T C_u Y is computed, not its value."
)
