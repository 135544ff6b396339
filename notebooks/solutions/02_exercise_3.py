# Worked solution 02_exercise_3, shown in notebook 02 by show_solution("02_exercise_3", globals()).
error_600 = errors[snapshots.at(600)]
print(f"autoencoder at epoch 600: {error_600:.3f}")
svd_errors = {k: frobenius_error(R, reconstruct(*truncated_svd(R, k))) for k in (1, 2, 3)}
for k, error in svd_errors.items():
    print(f"rank-{k} SVD: {error:.3f}")
below = [f"rank {k}" for k, error in svd_errors.items() if error_600 < error]
print(
    f"At epoch 600 the autoencoder already beats the SVD at {' and '.join(below) or 'no rank'}, "
    "and snapshots answer this without retraining."
)
