# Worked solution 01_user_errors, shown in notebook 01 by show_solution("01_user_errors", globals()).
def user_errors(U, s, Vt, k):
    p = U * s  # every user's factors p_u, the rows of U Sigma, all of them
    # R - R_k = sum over the dropped factors j >= k of p[:, j] Vt[j]; the rows of Vt are orthonormal,
    # so user u's error is the length of the entries of p_u that R_k drops.
    return np.linalg.norm(p[:, k:], axis=1)


print(check_exercise("user_errors", user_errors))
row_errors = user_errors(U_full, s_full, Vt_full, 1)
for name, error in zip(TOY_USERS, row_errors):
    print(f"{name}: {error:.2f}")
worst = int(np.argmax(row_errors))
coordinates = U_full[worst] * s_full
print(f"{TOY_USERS[worst]}'s user factors p_u (row of U Sigma): {np.round(coordinates, 2)}")
print(
    f"{TOY_USERS[worst]}'s error {row_errors[worst]:.2f} is the length of their coordinates on the factors rank 1 "
    f"drops, against {abs(coordinates[0]):.2f} on factor 1."
)
rated = ", ".join(TOY_ITEMS[i] for i in np.flatnonzero(R[worst]))
print(
    f"{TOY_USERS[worst]} is described worst because their ratings ({rated}) lie mostly off factor 1, "
    "the 'overall level' direction that rank 1 keeps."
)
