# Worked solution 07_exercise_2, shown in notebook 07 by show_solution("07_exercise_2", globals()).
shares = {name: np.mean(counts[top_lists[name][:, :10]] < 50) for name in (weighted_name, masked_name)}
for name, share in shares.items():
    print(f"{name}: {share:.1%} of the recommendations have fewer than 50 training ratings")
fewer = shares[weighted_name] < shares[masked_name]
print(
    f"The ranking model recommends {'fewer' if fewer else 'no fewer'} little-known films than the rating model"
    + (": it learned that users mostly choose well-known ones." if fewer else ".")
)
