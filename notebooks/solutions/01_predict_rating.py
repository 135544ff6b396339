# Worked solution 01_predict_rating, shown in notebook 01 by show_solution("01_predict_rating", globals()).
def predict_rating(U, s, Vt, user, item, k):
    return float((U[user, :k] * s[:k]) @ Vt[:k, item])


print(check_exercise("predict_rating", predict_rating))
print(
    f"user 4, item 1, rank 2: {predict_rating(U_full, s_full, Vt_full, 3, 0, 2):.2f}; "
    f"the same cell of R_2: {reconstruct(U_full, s_full, Vt_full, 2)[3, 0]:.2f}"
)
print("One rating is one dot product of k numbers: no need to build the whole matrix R_k.")
