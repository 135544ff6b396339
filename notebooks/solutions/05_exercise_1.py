# Worked solution 05_exercise_1, shown in notebook 05 by show_solution("05_exercise_1", globals()).
valid_errors = {}
for k in (2, 5, 20, 50):
    U_k, s_k, Vt_k = truncated_svd(R_fit, k=k, solver="sparse")
    valid_errors[k] = rmse(y_valid, np.clip(predict_svd(U_k, s_k, Vt_k, valid_users, valid_items), 1, 5))
    print(f"k = {k:2d}: validation RMSE {valid_errors[k]:.3f}")
mean_error = rmse(y_valid, np.full_like(y_valid, R_fit.data.mean()))
print(f"global mean: validation RMSE {mean_error:.3f}")
best_k_svd = min(valid_errors, key=valid_errors.get)
spread = max(valid_errors.values()) - min(valid_errors.values())
ratio = min(valid_errors.values()) / mean_error
print(
    f"The rank barely matters (the errors span {spread:.2f}; the best is k = {best_k_svd}), and every rank stays "
    f"{np.floor(ratio * 100) / 100:.2f} times or more the global mean's error (the smallest ratio is {ratio:.4f}): "
    "the zeros, not the rank, are the problem."
)
