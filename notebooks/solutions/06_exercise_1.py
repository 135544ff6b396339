# Worked solution 06_exercise_1, shown in notebook 06 by show_solution("06_exercise_1", globals()).
nan_predictions = spark_model.copy().setColdStartStrategy("nan").transform(test_sdf)
print("RMSE with NaN predictions:", evaluator.evaluate(nan_predictions))
mean_rating = float(train.rating.mean())
filled = nan_predictions.fillna({"prediction": mean_rating})
print(
    f"RMSE on all {filled.count():,} test ratings, unseen films given the mean {mean_rating:.2f}: "
    f"{evaluator.evaluate(filled):.3f}"
)
n_missing = nan_predictions.filter("isnan(prediction)").count()
print(f"{n_missing} predictions are NaN: one NaN makes the mean squared error, and so the RMSE, NaN.")
