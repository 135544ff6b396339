# Worked solution 03_exercise_2, shown in notebook 03 by show_solution("03_exercise_2", globals()).
mean_beats_biases = ties = als_beats_svd = 0
for seed in range(10):
    train_s, test_s = split_observed(observed, test_fraction=0.3, seed=seed)
    users_s, items_s = np.nonzero(test_s)
    y_s = truth[users_s, items_s]
    mean_s = np.full(y_s.size, ratings[train_s].mean())
    biases_s = predict_als_matrix(fit_baseline(ratings, train_s, shrinkage=5.0))[users_s, items_s]
    als_s = predict_als_matrix(fit_als(ratings, train_s, k=3, reg=0.5, shrinkage=5.0, n_iters=30, seed=0))
    svd_s = reconstruct(*truncated_svd(np.where(train_s, ratings, 0.0), k=5))
    split_rmse = {
        name: np.sqrt(np.mean((p - y_s) ** 2))
        for name, p in [
            ("mean", mean_s),
            ("biases", biases_s),
            ("ALS", als_s[users_s, items_s]),
            ("SVD", svd_s[users_s, items_s]),
        ]
    }
    difference = paired_rmse_difference(users_s, y_s, biases_s, mean_s)
    mean_beats_biases += split_rmse["mean"] < split_rmse["biases"]
    ties += not difference.excludes_zero()
    als_beats_svd += paired_rmse_difference(users_s, y_s, als_s[users_s, items_s], svd_s[users_s, items_s]).high < 0
    print(
        f"split {seed}: mean {split_rmse['mean']:.2f}   biases {split_rmse['biases']:.2f}   "
        f"masked ALS {split_rmse['ALS']:.2f}   "
        f"zero-fill SVD {split_rmse['SVD']:.2f}   biases - mean {difference.format(2)}"
    )
print(
    f"the mean has the lower RMSE on {mean_beats_biases} of 10 splits; the paired interval of biases - mean "
    f"includes 0 on {ties} of 10; masked ALS beats zero-fill SVD (interval below 0) on {als_beats_svd} of 10."
)
print(
    f"Who of the mean and the biases 'wins' a split is noise: the paired interval says tie on {ties} of 10 "
    "splits, as it must on i.i.d. ratings. "
    + (
        "Zero-fill's loss is settled on every split."
        if als_beats_svd == 10
        else f"Even zero-fill's loss of several stars is settled on only {als_beats_svd} of 10 splits: fifteen "
        "ratings from a handful of users give wide intervals."
    )
)
