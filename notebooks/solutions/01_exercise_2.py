# Worked solution 01_exercise_2, shown in notebook 01 by show_solution("01_exercise_2", globals()).
row_errors = np.linalg.norm(R - reconstruct(U_full, s_full, Vt_full, 1), axis=1)
for name, error in zip(TOY_USERS, row_errors):
    print(f"{name}: {error:.2f}")
worst = int(np.argmax(row_errors))
coordinates = U_full[worst] * s_full
print(f"{TOY_USERS[worst]}'s user factors p_u (row of U Sigma): {np.round(coordinates, 2)}")
dropped = np.linalg.norm(coordinates[1:])
print(
    f"{TOY_USERS[worst]}'s error {row_errors[worst]:.2f} is the length of their coordinates on the factors "
    f"rank 1 drops, {dropped:.2f} (the rows of V^T are orthonormal), against {abs(coordinates[0]):.2f} on factor 1."
)
rated = ", ".join(TOY_ITEMS[i] for i in np.flatnonzero(R[worst]))
print(
    f"{TOY_USERS[worst]} is described worst because their ratings ({rated}) lie mostly off factor 1, "
    "the 'overall level' direction that rank 1 keeps."
)
