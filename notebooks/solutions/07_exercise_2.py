# Worked solution 07_exercise_2, shown in notebook 07 by show_solution("07_exercise_2", globals()).
def tail_share_per_user(lists, counts, k, threshold):
    shown = counts[lists[:, :k]]  # each recommended film's number of training ratings, users x k
    return np.mean(shown < threshold, axis=1)  # "fewer than": a film with exactly threshold ratings is not in the tail


print(check_exercise("tail_share_per_user", tail_share_per_user))
tail = {name: tail_share_per_user(top_lists[name], counts, 10, 50) for name in (weighted_name, masked_name)}
for name, shares in tail.items():
    print(f"{name}: {shares.mean():.1%} of the top-10 recommendations have fewer than 50 training ratings")
difference = paired_mean_difference(tail[weighted_name], tail[masked_name], seed=SEED)
print(f"share of little-known films, {weighted_name} - {masked_name}: {difference}")
if not difference.excludes_zero():
    print("The interval includes 0: these users do not tell the two models apart on this share.")
else:
    fewer = difference.estimate < 0
    print(
        f"The interval excludes 0: the ranking model shows {'fewer' if fewer else 'more'} little-known films than "
        + ("the rating model; it learned that users mostly choose well-known ones." if fewer else "the rating model.")
    )
