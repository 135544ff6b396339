# Worked solution 03_exercise_3, shown in notebook 03 by show_solution("03_exercise_3", globals()).
weak = fit_als(tastes, taste_train, k=best_rank, reg=0.001, shrinkage=best_shrinkage, n_iters=20, seed=0)
weak_prediction = predict_als_matrix(weak)
weak_train = masked_rmse(taste_truth, weak_prediction, taste_train)
weak_val = masked_rmse(taste_truth, weak_prediction, taste_val)
print(f"reg=0.001: train {weak_train:.2f}, validation {weak_val:.2f}")
print(f"reg={best_reg}:   train {rank_train[best_rank - 1]:.2f}, validation {rank_val[best_rank - 1]:.2f}")
vu, vi = np.nonzero(taste_val)
penalty_buys = paired_rmse_difference(
    vu, taste_truth[vu, vi], rank_predictions[best_rank - 1][vu, vi], weak_prediction[vu, vi]
)
print(verdict(penalty_buys, f"reg={best_reg}", "reg=0.001", lower_is_better=True, metric="validation RMSE"))
if weak_train < rank_train[best_rank - 1] and weak_val > rank_val[best_rank - 1]:
    print(
        "With almost no penalty the training error drops and the validation error rises: the penalty trades a "
        "closer fit to the training ratings for better predictions of the others"
        + (
            "."
            if penalty_buys.excludes_zero()
            else ", though at this rank the gain is within the noise of these validation ratings (a tie)."
        )
    )
else:
    print(
        "Here the weak penalty does not over-fit at this rank: the rank alone limits how much noise the "
        "model can fit; try a larger rank to see the penalty matter."
    )
