# Worked solution 01_rank_k_approximation, shown in notebook 01 by show_solution("01_rank_k_approximation", globals()).
def rank_k_approximation(U, s, Vt, k):
    keep = np.argsort(s)[::-1][:k]  # sort: the positions of the k largest singular values, largest first
    return (U[:, keep] * s[keep]) @ Vt[keep]  # keep each factor's column of U, s and row of Vt together; rebuild


print(check_exercise("rank_k_approximation", rank_k_approximation))
print("rank 2 from svds' three factors, given in its ascending order:")
print(np.round(rank_k_approximation(U_raw, s_raw, Vt_raw, 2), 2))
kept, left_out = s_raw[:2], s_raw[2:]  # what rank_k_sorted's [:2] keeps of svds' ascending factors
print(
    f"rank_k_sorted on the same factors keeps s = {np.round(kept, 2)} and leaves out {np.round(left_out, 2)}, "
    f"{'the largest' if left_out.max() == s_raw.max() else 'not the largest'}"
)
print(
    "Sorting decides which factors are kept, and keeping each factor's column of U, singular value and row "
    "of Vt together decides whether the product is R_k at all."
)
