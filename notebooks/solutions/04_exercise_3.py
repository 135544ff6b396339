# Worked solution 04_exercise_3, shown in notebook 04 by show_solution("04_exercise_3", globals()).
generous = np.array([TASTE_ITEMS.index(f) for f in ("Star Pilots", "Paris Letters", "Love in Rome")])
stars = np.array([5.0, 4.0, 5.0])
mu_als, b_i = film_als.global_mean, film_als.item_bias
size = {}
regs = [film_als.reg / 10, film_als.reg, film_als.reg * 10, 1e6]
for reg in regs:
    fold = fold_in_user(film_als, generous, stars, reg=reg)  # unclipped
    size[reg] = np.linalg.norm(fold.user_factors)
    print(
        f"reg {reg:8g}: |p_u| {size[reg]:.2f}, b_u {fold.user_bias:+.3f}, predictions {np.round(fold.predictions, 1)}"
    )
order = "shrinks" if all(size[a] > size[b] for a, b in zip(regs, regs[1:])) else "does not shrink"
print(f"|p_u| {order} as reg grows: a weak penalty lets p_u grow to fit the ratings, a strong one pulls it to 0.")
for beta_try in (film_als.shrinkage, 2.0):
    # lambda -> infinity: p_u -> 0, and b_u tends to the bias-only fold-in with pseudo-count beta
    strongest = fold_in_user(film_als, generous, stars, reg=1e6, shrinkage=beta_try).predictions
    bias_only = np.sum(stars - mu_als - b_i[generous]) / (len(stars) + beta_try)
    to_limit = np.abs(strongest - (mu_als + bias_only + b_i)).max()
    to_baseline = np.abs(strongest - (mu_als + b_i)).max()
    print(
        f"beta {beta_try:g}: bias-only b_u = {bias_only:+.3f}; at reg 1e6 the predictions are within {to_limit:.4f} of "
        f"mu + b_u + b_i and {to_baseline:.3f} from mu + b_i"
    )
print(
    "The bias has its own pseudo-count beta, untouched by reg, so as reg grows the predictions tend to "
    "mu + b_u + b_i with the bias-only b_u (the bias fold-in of section 4), not to mu + b_i. With the model's large "
    "beta that b_u is small for a user with three ratings; with a small beta it is not."
)
