# Worked solution 04_fold_in_bias, shown in notebook 04 by show_solution("04_fold_in_bias", globals()).
def fold_in_bias(ratings, item_bias, mu, shrinkage):
    return np.sum(ratings - mu - item_bias) / (len(ratings) + shrinkage)


print(check_exercise("fold_in_bias", fold_in_bias))
b_new = fold_in_bias(given, film_baseline.item_bias[rated], film_baseline.global_mean, film_baseline.shrinkage)
course = fold_in_user(film_baseline, rated, given).user_bias
print(f"the two-rating user's bias: {b_new:+.3f} (fold_in_user: {course:+.3f})")
nobody = fold_in_bias(np.array([]), np.array([]), film_baseline.global_mean, film_baseline.shrinkage)
print(f"a new user with no ratings: {nobody:+.3f}, the baseline mu + b_i unchanged (a sum over no ratings is 0)")
print("A bias alone can only say how generous the user is; it cannot tell science fiction from romance.")
