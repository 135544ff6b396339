# Worked solution 07_wals_user_step, shown in notebook 07 by show_solution("07_wals_user_step", globals()).
# The user's part: sum over rated films (r_ui - p . q_i)^2 + w0 sum over the others (0 - p . q_i)^2
# + lam W_u |p|^2. Its gradient is zero where
#   (Q_u^T Q_u + w0 Q_{not u}^T Q_{not u} + lam W_u I) p = Q_u^T r_u,
# and Q_{not u}^T Q_{not u} = Q^T Q - Q_u^T Q_u: the Gram trick.
def wals_user_step(Q, r, w0, lam):
    rated = r > 0
    Q_u, n_u = Q[rated], rated.sum()
    W_u = n_u + w0 * (len(r) - n_u)  # the total weight of the user's cells
    left = w0 * Q.T @ Q + (1 - w0) * Q_u.T @ Q_u + lam * W_u * np.eye(Q.shape[1])
    return np.linalg.solve(left, Q_u.T @ r[rated])  # the unrated cells' targets are 0: only Q_u^T r_u is left


print(check_exercise("wals_user_step", wals_user_step))
user = 0
stars = R_train[[user]].toarray().ravel()
rated = np.flatnonzero(stars)
mine = chosen.item_factors @ wals_user_step(chosen.item_factors, stars, best_w0, REG)
course = fold_in_weighted(chosen, rated, stars[rated])  # the course's user step for these ratings
print(
    f"user {user} ({rated.size} ratings) as a new user: the scores Q p_u equal fold_in_weighted's:",
    np.allclose(mine, course),
)
print(
    "At w0 = 1 the correction (1 - w0) Q_u^T Q_u vanishes: every cell weighs 1, the zero-filled matrix of "
    "notebook 01, fitted with a penalty."
)
