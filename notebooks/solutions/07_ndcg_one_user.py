# Worked solution 07_ndcg_one_user, shown in notebook 07 by show_solution("07_ndcg_one_user", globals()).
def ndcg_one_user(recommended, relevant, k):
    if len(relevant) == 0:
        return np.nan  # no relevant film: nothing to find, no NDCG (the protocol skips the user)
    discounts = 1 / np.log2(np.arange(2, k + 2))  # position j = 1..k
    hits = np.isin(recommended[:k], relevant)  # only the first k count; a shorter list has fewer positions
    return hits @ discounts[: hits.size] / discounts[: min(k, len(relevant))].sum()  # ideal: min(k, |R|) hits


print(check_exercise("ndcg_one_user", ndcg_one_user))
print(f"the example above: {ndcg_one_user(recommended, liked, 3):.3f}")
reordered = np.array([1, 4, 3])  # the same three films, the two hits first
print(f"the same films with the hits first: {ndcg_one_user(reordered, liked, 3):.3f}")
same_films = [
    f(lists[None], liked_mask)[0] for lists in (recommended, reordered) for f in (precision_at_k, recall_at_k)
]
print("precision@3 and recall@3, as listed and reordered: " + ", ".join(f"{value:.3f}" for value in same_films))
two_hits = np.array([1, 4])  # a list of two films, both liked
for cutoff in (3, 2):
    print(
        f"[1, 4] at k = {cutoff}: {ndcg_one_user(two_hits, liked, cutoff):.3f} "
        f"(ndcg_at_k: {ndcg_at_k(two_hits[None], liked_mask, k=cutoff)[0]:.3f})"
    )
print(f"no relevant film: {ndcg_one_user(recommended, np.array([], dtype=int), 3)}")
print(
    "Putting the hits first raises NDCG while precision and recall stay the same: only NDCG sees the order. "
    "A list of two hits is perfect at k = 2 but not at k = 3, where a third liked film was there to be found."
)
