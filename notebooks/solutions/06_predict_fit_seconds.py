# Worked solution 06_predict_fit_seconds, shown in notebook 06 by show_solution("06_predict_fit_seconds", globals()).
def predict_fit_seconds(n_ratings, n_users, n_items, rank, sweeps, fixed, per_sweep, flops_per_second):
    gram_updates = 2 * n_ratings * rank**2  # each rating adds q q^T to a user's Gram matrix, p p^T to a film's
    solves = (n_users + n_items) * rank**3 / 3  # one k x k Cholesky solve per user and per film
    return fixed + sweeps * (per_sweep + (gram_updates + solves) / flops_per_second)  # fixed once, the rest per sweep


print(check_exercise("predict_fit_seconds", predict_fit_seconds))
# the rank where the solves cost as much as the Gram updates: 2 n k^2 = (U + I) k^3 / 3, so k = 6 n / (U + I)
crossover = {name: 6 * n / (users + items) for name, (n, users, items) in DATASETS.items()}
machine = 2 * 1e9  # two cores at 1e9 flops each, section 5's assumption (no fixed or per-sweep cost: arithmetic only)
for name, (n, users, items) in DATASETS.items():
    at_20, at_200 = (predict_fit_seconds(n, users, items, k, SWEEPS, 0.0, 0.0, machine) for k in (20, 200))
    print(
        f"{name:15s} the solves overtake the Gram updates above rank {crossover[name]:,.0f}; the arithmetic of "
        f"{SWEEPS} sweeps: {format_seconds(at_20)} at rank 20, {format_seconds(at_200)} at rank 200 "
        f"({at_200 / at_20:.0f}x)"
    )
print(
    "Ten times the rank costs at least a hundred times the arithmetic (k^2 per rating), more where the k^3 "
    "solves weigh in; they overtake the ratings only above six times the ratings per user or film."
)
