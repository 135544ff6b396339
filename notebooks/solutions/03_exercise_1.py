# Worked solution 03_exercise_1, shown in notebook 03 by show_solution("03_exercise_1", globals()).
strong = fit_als(ratings, train, k=3, reg=5.0, shrinkage=5.0, n_iters=30, seed=0)
largest_factor = max(np.abs(strong.user_factors).max(), np.abs(strong.item_factors).max())
largest_bias = max(np.abs(strong.user_bias).max(), np.abs(strong.item_bias).max())
baseline_bias = max(np.abs(biases.user_bias).max(), np.abs(biases.item_bias).max())
print(f"largest |factor|: {largest_factor:.4f}")
print(f"largest |bias|: {largest_bias:.2f} with reg=5; {baseline_bias:.2f} in the baseline with shrinkage 5")
strong_rmse = masked_rmse(truth, predict_als_matrix(strong), test)
print(
    f"test RMSE {strong_rmse:.2f}; biases alone {results['user + item biases']['RMSE']:.2f}, "
    f"global mean {results['global mean']['RMSE']:.2f}"
)
same = np.isclose(strong_rmse, results["user + item biases"]["RMSE"], atol=0.005)
print(
    "lambda n_u falls on the factors only: they shrink to zero, while the biases keep their own penalty beta, so "
    + (
        "the model becomes the bias baseline with shrinkage 5 and its error is the biases'."
        if same
        else "the model approaches the bias baseline with shrinkage 5."
    )
)
