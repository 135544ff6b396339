# Worked solution 03_svd_of_residuals, shown in notebook 03 by show_solution("03_svd_of_residuals", globals()).
def svd_of_residuals(R, train, mu, b_user, b_item, k):
    baseline = mu + b_user[:, None] + b_item[None, :]  # b_ui for every cell
    residuals = np.where(train, R - baseline, 0.0)  # a gap's guess is the baseline: residual 0
    return baseline + reconstruct(*truncated_svd(residuals, k))  # the rank-k residual, the baseline back


print(check_exercise("svd_of_residuals", svd_of_residuals))
by_hand = svd_of_residuals(ratings, train, biases.global_mean, biases.user_bias, biases.item_bias, 5)
print(
    "by hand == residual_svd(ratings, train, k=5, shrinkage=5.0):",
    np.allclose(by_hand, residual_svd(ratings, train, k=5, shrinkage=5.0).scores()),
)
print("The test ratings in `ratings` stay out: only the cells marked in train get a residual.")
