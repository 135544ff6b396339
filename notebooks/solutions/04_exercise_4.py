# Worked solution 04_exercise_4, shown in notebook 04 by show_solution("04_exercise_4", globals()).
# The penalty (x - x0)^T Lambda (x - x0) has gradient 2 Lambda (x - x0), so setting the gradient of the
# whole objective to 0 gives (P^T P + Lambda) x = P^T y + Lambda x0. With no ratings beta pins b_i to the
# prior's bias; the factors' penalty lambda * n vanishes, so they are free, and the prior's are taken (as
# plain fold-in takes 0).
def fold_in_towards(users, ratings, user_bias, user_factors, mu, lam, beta, prior):
    if len(users) == 0:
        x = prior  # nothing to fit: the prior itself
    else:
        P = np.column_stack([np.ones(len(users)), user_factors[users]])
        y = ratings - mu - user_bias[users]
        penalty = np.diag([beta] + [lam * len(users)] * user_factors.shape[1])
        x = np.linalg.solve(P.T @ P + penalty, P.T @ y + penalty @ prior)
    return mu + user_bias + x[0] + user_factors @ x[1:]


print(check_exercise("fold_in_towards", fold_in_towards))
priors = ridges[ml_alpha].predict(features)  # every film's [b_i, q_i] from its genres and decade
film = validation_films[0]  # the validation film of section 7, its first 5 ratings
raters = np.flatnonzero(ml_observed[:, film])[:5]
mine = fold_in_towards(
    raters,
    ml[raters, film],
    ml_als.user_bias,
    ml_als.user_factors,
    ml_als.global_mean,
    ml_als.reg,
    ml_als.shrinkage,
    priors[film],
)
course = fold_in_item(ml_als, raters, ml[raters, film], prior=priors[film]).predictions
print(f"one validation film, 5 ratings: by hand == fold_in_item(..., prior=...): {np.allclose(mine, course)}")
both = {
    "fold-in": folds_in_film(ml_als),
    "towards the features": lambda film, users, given: (
        fold_in_item(ml_als, users, given, prior=priors[film]).predictions
    ),
}
towards = film_experiment(validation_films, both)  # the validation films: the test films were used once
print(f"{'validation RMSE':22s}" + "".join(f"{'n=' + str(n):>8s}" for n in film_revealed))
for name, curve in towards.curves.items():
    print(f"{name:22s}" + "".join(f"{e:8.3f}" for e in curve))
sentences = towards.verdicts("towards the features", "fold-in")
for n in (0, 2, 20):
    print(f"n_new = {n}: {sentences[film_revealed.index(n)]}")
gaps = towards.differences("towards the features", "fold-in")
wins = [n for n, g in zip(film_revealed, gaps) if g.high < 0]
largest = film_revealed[int(np.argmin([g.estimate for g in gaps]))]
print(
    "Shrinking towards the features beats plain fold-in by its paired interval at n_new = "
    + (", ".join(map(str, wins)) if wins else "no value tried")
    + f"; its estimated gain is largest at n_new = {largest}"
    + (" (at n_new = 0 it is simply the feature model)." if largest == 0 else ".")
)
