# Worked solution 06_exercise_2, shown in notebook 06 by show_solution("06_exercise_2", globals()).
# A new variant is judged on validation: every model below is fitted on the 80% part (fit_part).
baseline = fit_baseline(fit_matrix, shrinkage=NUMPY_BETA)


def baseline_of(users, items):
    # mu + b_u + b_i for 1-based MovieLens ids
    return baseline.global_mean + baseline.user_bias[user_index(users)] + baseline.item_bias[item_index(items)]


def predictions_on_valid(model):
    # {(user, item): prediction} on the validation ratings Spark can score (coldStartStrategy="drop")
    rows = model.transform(ratings_to_spark(spark, valid)).select("user", "item", "prediction").collect()
    return {(int(u), int(i)): p for u, i, p in rows}


residuals = fit_part.assign(rating=fit_part.rating - baseline_of(fit_part.user.to_numpy(), fit_part.item.to_numpy()))
residual_model = spark_als(NUMPY_REG, SWEEPS).fit(ratings_to_spark(spark, residuals))
plain, residual = predictions_on_valid(spark_on_fit_part[SPARK_REG]), predictions_on_valid(residual_model)
scored = valid[[(u, i) in plain for u, i in zip(valid.user, valid.item)]]
v_users, v_items, v_truth = scored.user.to_numpy(), scored.item.to_numpy(), scored.rating.to_numpy()
plain_spark = np.array([plain[u, i] for u, i in zip(v_users, v_items)])
with_biases = np.array([residual[u, i] for u, i in zip(v_users, v_items)]) + baseline_of(v_users, v_items)
course = predict_als(numpy_on_fit_part[NUMPY_REG, NUMPY_BETA], user_index(v_users), item_index(v_items))
interval = rmse_interval(v_users, v_truth, with_biases)
print(f"on the {len(scored):,} validation ratings Spark scores: Spark ALS + the baseline, RMSE {interval}")
for other, other_pred in (("Spark's ALS", plain_spark), ("the course's ALS", course)):
    gap = paired_rmse_difference(v_users, v_truth, with_biases, other_pred)
    print(verdict(gap, "Spark + baseline", other, lower_is_better=True, metric="RMSE"))
# The baseline is fitted once, before the factors; the course's ALS refits the biases with the
# factors at every sweep, and shrinks them by beta while the factors get lambda * n.
