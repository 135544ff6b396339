# Worked solution 07_gini_of_exposure, shown in notebook 07 by show_solution("07_gini_of_exposure", globals()).
def gini_of_exposure(lists, n_films):
    # every film of the catalogue counts, a film no list shows with exposure 0 (minlength=n_films)
    exposure = np.sort(np.bincount(lists.ravel(), minlength=n_films)).astype(float)
    # sorted ascending, e_(j) is above j - 1 films and below n - j of them: its weight is 2j - n - 1
    weights = 2 * np.arange(1, n_films + 1) - n_films - 1
    return weights @ exposure / (n_films * exposure.sum())


print(check_exercise("gini_of_exposure", gini_of_exposure))
popular_lists = top_lists["most rated films"][:, :10]
shown_films = np.unique(popular_lists)
by_hand = gini_of_exposure(popular_lists, n_items)
among_shown = gini_of_exposure(np.searchsorted(shown_films, popular_lists), shown_films.size)
print(
    f"most rated films: Gini {by_hand:.3f} by hand, {exposure_gini(popular_lists, n_items):.3f} by exposure_gini; "
    f"the lists show {shown_films.size} of the {n_items} films, whose Gini among themselves is {among_shown:.3f}"
)
ceiling = 1 - popular_lists.shape[1] / n_items  # every user the same 10 films: the most unequal top-10 lists
print(
    f"{'Near 1' if by_hand > 0.9 else 'Well below 1'} ({by_hand:.3f}, against {ceiling:.3f} for everyone getting the "
    f"same 10 films), because every user sees almost the same films: lists that are equal across users are unequal "
    f"across films. {n_items - shown_films.size} of the {n_items} films get no slot and count with exposure 0; among "
    f"the {shown_films.size} films shown the Gini is {among_shown:.3f}."
)
