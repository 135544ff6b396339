# Worked solution 04_exercise_2, shown in notebook 04 by show_solution("04_exercise_2", globals()).
def damping_to_leave_top(sums, counts, mu, item, top):
    # (S_j + b mu)(n_x + b) > (S_x + b mu)(n_j + b): the b^2 mu terms cancel, leaving a_j b > c_j
    others = np.delete(np.arange(len(sums)), item)
    a = sums[others] - sums[item] + mu * (counts[item] - counts[others])
    c = sums[item] * counts[others] - sums[others] * counts[item]
    # the count of items above x changes only where some a_j b = c_j: the answer is 0 or one of those
    crossings = [cj / aj for aj, cj in zip(a, c) if aj != 0 and cj / aj > 0]
    for beta in sorted([0.0, *crossings]):
        just_beyond = beta + 1e-9 * (1 + beta)
        if np.sum(a * just_beyond > c) >= top:  # items above it already at 0 count, as long as they stay
            return float(beta)
    return np.inf


print(check_exercise("damping_to_leave_top", damping_to_leave_top))
sums, counts = np.nansum(wider, axis=0), wider_observed.sum(axis=0).astype(float)
b = damping_to_leave_top(sums, counts, np.nanmean(wider), 10, 3)
print(f"item 11 leaves the damped top 3 beyond beta = {b:.3f}")
for trial in (b - 0.01, b + 0.01):
    top = np.argsort(-damped_item_means(wider, wider_observed, damping=trial), kind="stable")[:3] + 1
    print(f"  damped top 3 at beta = {trial:.3f}: items {top}")
share = b / (counts + b)  # the share of its gap to mu each item's mean closes
print(f"at beta = {b:.3f}, the share of the gap to mu closed: {np.round(share, 2)}")
print(f"and how far each mean moves: {np.round(damped_item_means(wider, wider_observed, damping=b) - raw_wide, 2)}")
most = int(np.argmax(counts))
print(
    f"{'A handful of' if b < 20 else 'Many'} imaginary ratings are needed: at beta = {b:.3f} the film rated once "
    f"has closed {share[10]:.0%} of its gap to mu, the most rated item (item {most + 1}) only {share[most]:.0%}."
)
