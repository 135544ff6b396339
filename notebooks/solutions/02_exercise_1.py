# Worked solution 02_exercise_1, shown in notebook 02 by show_solution("02_exercise_1", globals()).
ae2, encoder2 = build_autoencoder(4, 2, seed=0)
snapshots2 = train_with_snapshots(ae2, encoder2, X, epochs=3000, every=30)
error2 = frobenius_error(R, denormalise_ratings(snapshots2.reconstructions[-1], SCALE))
svd2 = frobenius_error(R, reconstruct(*truncated_svd(R, 2)))
print(f"autoencoder, 2 codes: {error2:.3f}")
print(f"rank-2 SVD:           {svd2:.3f}")
better = "fits the training cells better than" if error2 < svd2 else "does not fit the training cells better than"
print(f"With 2 codes the non-linear model {better} the best linear rank-2 map, zeros included.")
