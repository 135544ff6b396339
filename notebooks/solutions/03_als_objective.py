# Worked solution 03_als_objective, shown in notebook 03 by show_solution("03_als_objective", globals()).
def als_objective(R, mask, mu, b_user, b_item, P, Q, lam, beta):
    prediction = mu + b_user[:, None] + b_item[None, :] + P @ Q.T
    errors = (R - prediction)[mask]  # only the observed cells have an error
    n_u, n_i = mask.sum(axis=1), mask.sum(axis=0)  # each user's and item's number of observed ratings
    biases = beta * (np.sum(b_user**2) + np.sum(b_item**2))  # the pseudo-count: the same for everyone
    factors = lam * (n_u @ np.sum(P**2, axis=1) + n_i @ np.sum(Q**2, axis=1))  # weighted by the counts
    return np.sum(errors**2) + biases + factors


print(check_exercise("als_objective", als_objective))
by_hand = als_objective(
    truth,
    train,
    two_sweeps.global_mean,
    two_sweeps.user_bias,
    two_sweeps.item_bias,
    two_sweeps.user_factors,
    two_sweeps.item_factors,
    0.5,
    5.0,
)
print(
    "the fit after 2 sweeps, by hand == factorization_objective:",
    np.isclose(by_hand, factorization_objective(two_sweeps, ratings, train)),
)
print("Squared errors on the observed cells, a pseudo-count on the biases, and lambda n_u on the factors.")
