# Worked solution 04_exercise_4, shown in notebook 04 by show_solution("04_exercise_4", globals()).
# The penalty (x - x0)^T Lambda (x - x0) pulls [b_i, q_i] towards the feature model's x0 instead of 0:
# setting the gradient to 0 gives (P^T P + Lambda) x = P^T y + Lambda x0.
def fold_in_towards(model, users, ratings, prior):
    """A new film's predictions by every user, its [b_i, q_i] shrunk towards `prior` rather than towards 0."""
    P = np.column_stack([np.ones(len(users)), model.user_factors[users]])
    y = ratings - model.global_mean - model.user_bias[users]
    penalty = np.diag([model.shrinkage] + [model.reg * len(users)] * model.k)
    x = np.linalg.solve(P.T @ P + penalty, P.T @ y + penalty @ prior) if len(users) else prior
    return model.global_mean + model.user_bias + x[0] + model.user_factors @ x[1:]


priors = ridges[ml_alpha].predict(features)  # every film's [b_i, q_i] from its genres and decade
both = {
    "fold-in": folds_in_film(ml_als),
    "towards the features": lambda film, users, given: fold_in_towards(ml_als, users, given, priors[film]),
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
