# Worked solution 04_fold_in_film, shown in notebook 04 by show_solution("04_fold_in_film", globals()).
def fold_in_film(users, ratings, user_bias, user_factors, mu, lam, beta):
    if len(users) == 0:  # nothing to solve: b_i = 0, q_i = 0
        return mu + user_bias
    P = np.column_stack([np.ones(len(users)), user_factors[users]])  # the raters' [1, p_u]: held fixed
    y = ratings - mu - user_bias[users]  # what the raters' own biases do not explain
    penalty = np.diag([beta] + [lam * len(users)] * user_factors.shape[1])  # beta on b_i, lambda * n_i on q_i
    b_i, *q_i = np.linalg.solve(P.T @ P + penalty, P.T @ y)
    return mu + user_bias + b_i + user_factors @ np.array(q_i)


print(check_exercise("fold_in_film", fold_in_film))
film = validation_films[0]  # a validation film: the test films stay unused until section 7 reports
raters = np.flatnonzero(ml_observed[:, film])[:5]
mine = fold_in_film(
    raters, ml[raters, film], ml_als.user_bias, ml_als.user_factors, ml_als.global_mean, ml_als.reg, ml_als.shrinkage
)
print(
    "the same as fold_in_item on a validation film's first 5 ratings:",
    np.allclose(mine, fold_in_item(ml_als, raters, ml[raters, film]).predictions),
)
one = fold_in_item(ml_als, raters[:1], ml[raters[:1], film])
residual = ml[raters[0], film] - ml_als.global_mean - ml_als.user_bias[raters[0]]
print(f"after one rating: r - mu - b_u = {residual:+.2f}, but b_i = {one.item_bias:+.2f} (beta = {ml_als.shrinkage:g})")
print("The item fold-in is the user fold-in with the roles swapped: the users' side stays fixed.")
