# Worked solution 05_exercise_3, shown in notebook 05 by show_solution("05_exercise_3", globals()).
def rmse_by_activity(users, y_true, y_pred, n_train, edges):
    count = n_train[users]  # each test rating gets its user's number of training ratings
    groups = []
    for low, high in zip(edges[:-1], edges[1:]):
        chosen = (count >= low) & (count < high)  # the lower edge in, the upper edge out
        groups.append(rmse(y_true[chosen], y_pred[chosen]) if chosen.any() else np.nan)  # pooled over the ratings
    return np.array(groups)


def between_groups(a, b):
    """a - b for two figures measured on different users: independent, so their bootstrap errors add in squares."""
    half = 1.96 * np.hypot(a.standard_error, b.standard_error)
    return a.estimate - b.estimate, half


print(check_exercise("rmse_by_activity", rmse_by_activity))
n_train = np.diff(R_train.indptr)
edges = np.array([0, 50, 150, n_train.max() + 1])
biases_name = "biases (mu + b_u + b_i)"
als_by_group = rmse_by_activity(test_users, y_test, test_predictions[als_name], n_train, edges)
errors, gains, labels = [], [], []
for g, (low, high) in enumerate(zip(edges[:-1], edges[1:])):
    chosen = (n_train[test_users] >= low) & (n_train[test_users] < high)
    users_g, y_g = test_users[chosen], y_test[chosen]
    als_g, biases_g = test_predictions[als_name][chosen], test_predictions[biases_name][chosen]
    errors.append(rmse_interval(users_g, y_g, als_g, seed=SEED))
    gains.append(paired_rmse_difference(users_g, y_g, als_g, biases_g, seed=SEED))
    labels.append(f"{low}-{high - 1}")
    print(
        f"{labels[g]:>7} training ratings: {np.unique(users_g).size:3d} users, {chosen.sum():5d} test ratings; "
        f"ALS {errors[g].format(3)}; ALS - biases {gains[g].format(3)}"
    )
print("by hand == rmse_interval's estimates:", np.allclose(als_by_group, [e.estimate for e in errors]))
for g in range(1, len(errors)):
    step, half = between_groups(errors[g], errors[g - 1])
    direction = "tie" if abs(step) <= half else ("falls" if step < 0 else "rises")
    print(f"ALS's error from {labels[g - 1]} to {labels[g]} ratings: {step:+.3f} ± {half:.3f}, {direction}")
most, least = int(np.argmin([d.estimate for d in gains])), int(np.argmax([d.estimate for d in gains]))
step, half = between_groups(gains[most], gains[least])
print(
    f"ALS beats the biases in {sum(d.high < 0 for d in gains)} of {len(gains)} groups. Its gain for {labels[most]} "
    f"ratings minus its gain for {labels[least]}: {step:+.3f} ± {half:.3f}, "
    + (
        "so these users do not show which group ALS helps most."
        if abs(step) <= half
        else f"so ALS helps users with {labels[most]} ratings more than those with {labels[least]}."
    )
)
