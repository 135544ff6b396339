# Worked solution 04_exercise_2, shown in notebook 04 by show_solution("04_exercise_2", globals()).
for b in np.arange(0.0, 30.01, 0.5):
    top = np.argsort(-damped_item_means(wider, wider_observed, damping=b), kind="stable")[:3]
    if 10 not in top:
        print(f"item 11 leaves the damped top 3 at beta = {b:g}")
        break
else:
    print(f"item 11 is still in the damped top 3 at beta = {b:g}")
undamped = damped_item_means(wider, wider_observed, damping=0.0)
print(f"with beta = 0 the damped mean is the raw mean: {np.allclose(undamped, raw_wide)}")
share = b / (wider_observed.sum(axis=0) + b)  # the share of its gap to mu each item's mean closes
print(f"at beta = {b:g}, the share of the gap to mu closed: {np.round(share, 2)}")
print(f"and how far each mean moves: {np.round(damped_item_means(wider, wider_observed, damping=b) - raw_wide, 2)}")
print(
    "The top three are not fixed either: damping closes the largest share of the gap to mu for the rarely "
    "rated items, but how far a mean moves is that share times its gap, so a well-rated item far from mu "
    "can move further than a rarely rated one close to it."
)
