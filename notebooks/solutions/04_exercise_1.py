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
print(
    "The arrow points along the science fiction films and away from the romances, so the romances the user "
    f"has not rated are predicted {'below' if low else 'not below'} the average rating too."
)
unrated = [i for i, r in enumerate(fan) if r == 0]
worth = [TASTE_ITEMS[i] for i in unrated if fan_fold.predictions[i] >= 3.5]
print(
    f"Only {len(unrated)} films are left unrated, so a top 3 must include films the model expects this user to "
    f"dislike; {len(worth)} are predicted 3.5 stars or more ({', '.join(worth) or 'none'}). A real system "
    "shows only films above such a threshold, or fills the list from a larger catalogue."
)
