# Worked solution 04_exercise_2, shown in notebook 04 by show_solution("04_exercise_2", globals()).
for b in np.arange(0.0, 10.01, 0.5):
    top = np.argsort(-damped_item_means(wider, wider_observed, damping=b), kind="stable")[:3]
    if 10 not in top:
        print(f"item 11 leaves the damped top 3 at beta = {b:g}")
        break
undamped = damped_item_means(wider, wider_observed, damping=0.0)
print(f"with beta = 0 the damped mean is the raw mean: {np.allclose(undamped, raw_wide)}")
print("The top three are not fixed either: damping pulls every item towards mu, the rarely rated ones hardest.")
