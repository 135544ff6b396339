# Worked solution 01_exercise_1, shown in notebook 01 by show_solution("01_exercise_1", globals()).
shifted = R + 1  # one more star in every cell, the zeros included
s_shifted = truncated_svd(shifted, k=min(R.shape))[1]
shares = {}
for name, values in (("R", s_full), ("R + 1", s_shifted)):
    shares[name] = values[0] ** 2 / np.sum(values**2)
    print(f"{name:6s} singular values {np.round(values, 2)}; rank 1 keeps {shares[name]:.1%} of ||.||_F^2")
print("rank of R + 1:", np.linalg.matrix_rank(shifted))
grows = "grows" if s_shifted[0] > s_full[0] else "does not grow"
larger = "larger" if shares["R + 1"] > shares["R"] else "smaller"
print(
    "A constant added to every cell is a rank-1 matrix of one sign, so it mostly feeds the first, "
    f"one-signed factor: sigma_1 {grows}, and the rank-1 model keeps a {larger} share of a matrix "
    "whose extra part says nothing about taste."
)
