# Worked solution 07_exercise_1, shown in notebook 07 by show_solution("07_exercise_1", globals()).
def mean_ndcg_at(lists, relevant, k):
    per_user = ndcg_at_k(lists, relevant, k=k)  # only the first k positions count; NaN for a user with no liked film
    return float(np.nanmean(per_user))  # the protocol's mean: over the users it can score


print(check_exercise("mean_ndcg_at", mean_ndcg_at))
top_three = rankers[:3]
liked_test = (R_test >= 4).toarray()  # users x films: rated 4 or 5 in u1.test
scored = liked_test.any(axis=1)
print(
    f"at k = 10 it gives the table's NDCG@10 for {top_three[0]}:",
    np.isclose(mean_ndcg_at(top_lists[top_three[0]], liked_test, 10), results[top_three[0]]["NDCG@10"]),
)
orders, told_apart = {}, {}
for cutoff in (5, 10, 20):
    ndcg = {name: mean_ndcg_at(top_lists[name], liked_test, cutoff) for name in top_three}
    orders[cutoff] = sorted(ndcg, key=ndcg.get, reverse=True)
    print(f"k = {cutoff:2d}: " + ", ".join(f"{name} {value:.3f}" for name, value in ndcg.items()))
    per_user = {name: ndcg_at_k(top_lists[name][scored], liked_test[scored], k=cutoff) for name in orders[cutoff]}
    told_apart[cutoff] = 0
    for first, second in zip(orders[cutoff][:2], orders[cutoff][1:]):
        difference = paired_mean_difference(per_user[first], per_user[second], seed=SEED)
        told_apart[cutoff] += difference.excludes_zero()
        print("   " + verdict(difference, first, second, lower_is_better=False, metric=f"NDCG@{cutoff}"))
same = orders[5] == orders[10] == orders[20]
print(
    "Neighbours in the order told apart by their paired intervals: "
    + ", ".join(f"{told_apart[cutoff]} of 2 at k = {cutoff}" for cutoff in told_apart)
    + ". "
    + (
        "The point estimates keep one order at every cutoff, but only the verdicts say which gaps are real: "
        "where they are ties, the order at that cutoff is not established."
        if same
        else "The order of the point estimates changes with k; the verdicts say which gaps the data support."
    )
)
