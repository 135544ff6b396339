"""Rating data: the toy matrices, splits into train and held-out ratings, MovieLens 100K."""
