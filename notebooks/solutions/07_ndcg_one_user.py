# Worked solution 07_ndcg_one_user, shown in notebook 07 by show_solution("07_ndcg_one_user", globals()).
def ndcg_one_user(recommended, relevant, k):
    if len(relevant) == 0:
        return np.nan  # no relevant film: nothing to find, no NDCG
    discounts = 1 / np.log2(np.arange(2, k + 2))  # position j = 1..k
    hits = np.isin(recommended[:k], relevant)  # may be shorter than k: the missing positions are misses
    return hits @ discounts[: hits.size] / discounts[: min(k, len(relevant))].sum()


print(check_exercise("ndcg_one_user", ndcg_one_user))
print(f"the example above: {ndcg_one_user(recommended, liked, 3):.3f}")
reordered = np.array([1, 4, 3])  # the same three films, the two hits first
print(f"the same films with the hits first: {ndcg_one_user(reordered, liked, 3):.3f}")
same_films = [
    f(lists[None], liked_mask)[0] for lists in (recommended, reordered) for f in (precision_at_k, recall_at_k)
]
print("precision@3 and recall@3, as listed and reordered: " + ", ".join(f"{value:.3f}" for value in same_films))
print("Putting the hits first raises NDCG while precision and recall stay the same: only NDCG sees the order.")
print(
    f"edge cases: a list of 2 for k = 3: {ndcg_one_user(np.array([1, 4]), liked, 3):.3f}; "
    f"no relevant film: {ndcg_one_user(recommended, np.array([], dtype=int), 3)}"
)
