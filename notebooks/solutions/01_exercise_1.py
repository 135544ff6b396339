# Worked solution 01_exercise_1, shown in notebook 01 by show_solution("01_exercise_1", globals()).
energy = np.cumsum(s_full**2) / np.sum(s_full**2)
for k, kept in enumerate(energy, start=1):
    print(f"rank {k}: {kept:.1%} of the energy")
smallest = int(np.argmax(energy >= 0.9)) + 1
print(
    f"Three factors are needed for 90%: the smallest rank keeping it is {smallest}, and each extra "
    "factor keeps less than the one before, because the singular values are sorted."
)
