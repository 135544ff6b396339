# Worked solution 07_exercise_1, shown in notebook 07 by show_solution("07_exercise_1", globals()).
top_three = rankers[:3]
liked_test = (R_test >= 4).toarray()  # users x films: rated 4 or 5 in u1.test
scored = liked_test.any(axis=1)
orders = {}
for cutoff in (5, 10, 20):
    ndcg = {name: ndcg_at_k(top_lists[name][scored, :cutoff], liked_test[scored]).mean() for name in top_three}
    orders[cutoff] = sorted(ndcg, key=ndcg.get, reverse=True)
    print(f"k = {cutoff:2d}: " + ", ".join(f"{name} {value:.3f}" for name, value in ndcg.items()))
same = orders[5] == orders[10] == orders[20]
if same:
    print(
        "The order of the best three is the same at k = 5, 10 and 20: here the cutoff does not decide which "
        "model ranks best (though the paired intervals above say how far apart they are)."
    )
else:
    print("The order changes with k: NDCG at one cutoff is one view of a list, and close models swap places.")
