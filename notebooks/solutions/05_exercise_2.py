# Worked solution 05_exercise_2, shown in notebook 05 by show_solution("05_exercise_2", globals()).
toy_story = item_index(items_by_title(items, ["Toy Story (1995)"])[0])
nearest, similarity = nearest_items(als.item_factors, toy_story, 5, among=well_known)
for i, sim in zip(nearest, similarity):
    print(f"{sim:.2f}  {titles[i]}")
unit = als.item_factors[well_known] / np.linalg.norm(als.item_factors[well_known], axis=1, keepdims=True)
cosines = unit @ unit.T
np.fill_diagonal(cosines, -np.inf)
closest = dict(zip(np.flatnonzero(well_known), cosines.max(axis=1)))  # each well-known film's closest cosine
share_below = {film: np.mean(cosines.max(axis=1) < closest[film]) for film in (toy_story, star_wars)}
print(
    f"closest cosine: Toy Story {closest[toy_story]:.2f} (above {share_below[toy_story]:.0%} of well-known films), "
    f"Star Wars {closest[star_wars]:.2f} (above {share_below[star_wars]:.0%})"
)
map_nearest = nearest_items(map_model.item_factors, toy_story, 5, among=well_known)[0]
print("closest to Toy Story by the rank-10 map model:", "; ".join(titles[i] for i in map_nearest))
shared = len(set(nearest) & set(map_nearest))
print(
    f"{shared} of the 5 films are on both lists. Star Wars's closest cosine is higher than "
    f"{share_below[star_wars]:.0%} of well-known films', Toy Story's than {share_below[toy_story]:.0%}: "
    + (
        "Toy Story has no clear neighbourhood, so its neighbours depend on the model."
        if shared < 5
        else "both lists agree."
    )
)
# Why: a film's neighbours are the films its audience also rated highly. Star Wars's sequels share its
# audience, so its closest cosine is high and the two models of section 7 agree on its closest
# neighbours. Toy Story's audience is broad, its closest cosine ordinary, and the films that are on one
# model's list only say more about the noise in one set of factors than about the film.
