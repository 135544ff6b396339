# Worked solution 01_exercise_3, shown in notebook 01 by show_solution("01_exercise_3", globals()).
try:
    truncated_svd(R, k=4, solver="sparse")
    print("the sparse solver returned all four factors")
except ValueError as err:
    print("ValueError:", err)
print("the dense solver, asked the same:", truncated_svd(R, k=4, solver="dense")[1].size, "singular values")
print(
    "ARPACK, behind svds, is built to find a few factors of a huge matrix without computing the others: it "
    "builds a basis of Lanczos vectors, more of them than the factors it returns and at most min(m, n), and "
    "reads the factors off that basis. So it returns at most min(m, n) - 1 factors of an m x n matrix; for "
    "every factor, use the dense solver, which computes the whole SVD at once."
)
