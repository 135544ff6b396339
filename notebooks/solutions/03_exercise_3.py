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
closer_fit = weak_train < rank_train[best_rank - 1] and weak_val > rank_val[best_rank - 1]
if not penalty_buys.excludes_zero():
    print(
        "A tie on these validation ratings, so this rank gives no evidence that the penalty helps"
        + (
            ": the weak penalty fits the training ratings more closely and its validation error is higher, "
            "but by less than the noise of these validation ratings."
            if closer_fit
            else "."
        )
    )
elif penalty_buys.estimate < 0:
    print(
        "The chosen penalty predicts the validation ratings better"
        + (
            ": with almost no penalty the training error drops and the validation error rises, so the penalty "
            "trades a closer fit to the training ratings for better predictions of the others."
            if closer_fit
            else "."
        )
    )
else:
    print(
        "The weak penalty predicts the validation ratings better at this rank: the rank alone limits "
        "how much noise the model can fit; try a larger rank to see the penalty matter."
    )
