# Worked solution 04_exercise_1, shown in notebook 04 by show_solution("04_exercise_1", globals()).
fan = [5, 5, 5, 0, 0, 1, 1, 0, 0, 0]
figure, text = draw(*fan)
print(text)
unrated_romances = [7, 8, 9]
fan_fold = fold_in_user(film_als, np.flatnonzero(fan), np.array([r for r in fan if r], float), rating_range=(1, 5))
for i in unrated_romances:
    print(f"  {TASTE_ITEMS[i]:16s} predicted {fan_fold.predictions[i]:.1f}")
display(figure)
low = fan_fold.predictions[unrated_romances].max() < film_baseline.global_mean
factor_terms = film_als.item_factors @ fan_fold.user_factors  # p_u . q_i for every film
science_fiction, romance = factor_terms[:5], factor_terms[5:]
print(f"factor terms p_u . q_i: science fiction {np.round(science_fiction, 2)}, romance {np.round(romance, 2)}")
print(
    "The arrow points "
    + (
        "to the science fiction side: every science fiction film has a larger factor term than every romance"
        if science_fiction.min() > romance.max()
        else "so that the factor terms do not separate the two genres"
    )
    + f", so the romances the user has not rated are predicted "
    f"{'below' if low else 'not below'} the average rating too."
)
unrated = [i for i, r in enumerate(fan) if r == 0]
worth = [TASTE_ITEMS[i] for i in unrated if fan_fold.predictions[i] >= 3.5]
print(
    f"{len(worth)} of the {len(unrated)} unrated films are predicted 3.5 stars or more "
    f"({', '.join(worth) or 'none'}), so a top 3 drawn from them includes {max(0, 3 - len(worth))} the model "
    "expects this user to dislike. A real system shows only films above such a threshold, or fills the list "
    "from a larger catalogue."
)
