# Worked solution 01_exercise_3, shown in notebook 01 by show_solution("01_exercise_3", globals()).
try:
    truncated_svd(R, k=4, solver="sparse")
except ValueError as err:
    print("ValueError:", err)
print("ARPACK, behind svds, finds k < min(m, n) factors of an m x n matrix; for all of them, use the dense solver.")
