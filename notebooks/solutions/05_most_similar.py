# Worked solution 05_most_similar, shown in notebook 05 by show_solution("05_most_similar", globals()).
def most_similar(vectors, film, n, among):
    lengths = np.linalg.norm(vectors, axis=1)
    # a vector of zeros has no direction: dividing by an infinite length counts its cosine as 0
    cosines = vectors @ vectors[film] / np.where(lengths > 0, lengths, np.inf) / lengths[film]
    cosines[~among] = -np.inf  # only the candidates may be returned...
    cosines[film] = -np.inf  # ...and never the film itself, its own nearest neighbour
    nearest = np.argsort(-cosines, kind="stable")[:n]
    return nearest, cosines[nearest]


print(check_exercise("most_similar", most_similar))
by_cosine, _ = most_similar(als.item_factors, star_wars, 5, well_known)
dot = als.item_factors @ als.item_factors[star_wars]
dot[~well_known] = -np.inf
dot[star_wars] = -np.inf
by_dot = np.argsort(-dot, kind="stable")[:5]
lengths = np.linalg.norm(als.item_factors, axis=1)
print("closest to Star Wars by the dot product of the ALS factors:")
for i in by_dot:
    print(f"   {titles[i]} (length of its factors {lengths[i]:.2f})")
shared = np.intersect1d(by_cosine, by_dot).size
print(
    f"mean length of the factors: {lengths[by_dot].mean():.2f} for the dot product's five, "
    f"{lengths[by_cosine].mean():.2f} for the cosine's, {lengths[well_known].mean():.2f} over the candidates"
)
longer = lengths[by_dot].mean() > lengths[by_cosine].mean()
print(
    f"The two lists share {shared} of 5 films. The dot product is |q_i| |q_j| cos, so a long vector scores high "
    "with a less similar direction: "
    + (
        "the dot product's neighbours have the longer factors on average."
        if longer
        else "here, though, its neighbours' factors are not longer on average than the cosine's."
    )
)
