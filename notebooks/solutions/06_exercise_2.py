# Worked solution 06_exercise_2, shown in notebook 06 by show_solution("06_exercise_2", globals()).
baseline = fit_baseline(ratings_matrix(train, n_users, n_items), shrinkage=NUMPY_BETA)


def baseline_of(users, items):
    # mu + b_u + b_i for 1-based MovieLens ids
    return baseline.global_mean + baseline.user_bias[user_index(users)] + baseline.item_bias[item_index(items)]


residuals = train.assign(rating=train.rating - baseline_of(train.user.to_numpy(), train.item.to_numpy()))
residual_model = spark_als(NUMPY_REG, SWEEPS).fit(ratings_to_spark(spark, residuals))
residual_rows = np.array(residual_model.transform(test_sdf).select("user", "item", "prediction").collect())
by_pair = {(int(u), int(i)): p for u, i, p in residual_rows}
with_biases = np.array([by_pair[u, i] for u, i in zip(kept_users, kept_items)]) + baseline_of(kept_users, kept_items)
print(f"Spark ALS + the baseline: RMSE {rmse_interval(kept_users, kept_truth, with_biases)}")
for other, other_pred in (("Spark's ALS", spark_pred), ("the course's ALS", numpy_same)):
    gap = paired_rmse_difference(kept_users, kept_truth, with_biases, other_pred)
    print(verdict(gap, "Spark + baseline", other, lower_is_better=True, metric="RMSE"))
# The baseline is fitted once, before the factors; the course's ALS refits the biases with the
# factors at every sweep, and shrinks them by beta while the factors get lambda * n.
