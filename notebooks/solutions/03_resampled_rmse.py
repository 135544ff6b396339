# Worked solution 03_resampled_rmse, shown in notebook 03 by show_solution("03_resampled_rmse", globals()).
def resampled_rmse(users, y_true, y_pred, picks):
    # every drawn user brings all their test ratings, once per draw; then one RMSE over the gathered ratings
    errors = np.concatenate([(y_pred - y_true)[users == user] for user in picks])
    return np.sqrt(np.mean(errors**2))


print(check_exercise("resampled_rmse", resampled_rmse))
test_users, test_items = np.nonzero(test)
y_test, zero_fill_test = truth[test_users, test_items], svd_prediction[test_users, test_items]
draws = np.random.default_rng(0)
ids = np.unique(test_users)
by_hand = [resampled_rmse(test_users, y_test, zero_fill_test, draws.choice(ids, size=ids.size)) for _ in range(2000)]
low, high = np.percentile(by_hand, [2.5, 97.5])
course = rmse_interval(test_users, y_test, zero_fill_test)
print(f"the zero-fill SVD's 95% interval from 2000 resamples by hand: {low:.2f} to {high:.2f}")
print(f"rmse_interval's, from its own 2000 resamples:                 {course.low:.2f} to {course.high:.2f}")
distinct = [np.unique(draws.choice(ids, size=ids.size)).size for _ in range(2000)]
print(f"a resample of the {ids.size} test users holds {np.mean(distinct):.1f} different users on average")
