"""The cases, answer and typical-mistake code of notebook 05's exercise on "people who liked this also
liked" (`most_similar`): the films whose vectors point most nearly the same way as one film's, by
cosine similarity, among the candidate films, the film itself left out (the helper `nearest_items`).

`cases.EXERCISES` takes them in with their hints. Introduced in notebook 05.
"""

from __future__ import annotations

import numpy as np

from helpers.models.recommend import _cosines_to, nearest_items
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


def _vectors_case(rng):
    """Film vectors of very different lengths (so the dot product and the cosine disagree), a film and candidates."""
    n_films, k = int(rng.integers(8, 16)), int(rng.integers(2, 5))
    vectors = rng.normal(size=(n_films, k)) * rng.uniform(0.2, 3.0, size=(n_films, 1))
    film = int(rng.integers(n_films))
    among = rng.random(n_films) < 0.7
    among[rng.choice(np.delete(np.arange(n_films), film), size=3, replace=False)] = True  # 3 others at least
    among[film] = True  # the film itself is a candidate: leaving it out is the answer's job
    n = int(rng.integers(1, 4))
    return dict(vectors=vectors, film=film, n=n, among=among)


def _zero_vector_case(rng):
    """A candidate with an all-zero vector (no ratings) that belongs in the answer: the others point away."""
    k = int(rng.integers(2, 4))
    direction = rng.normal(size=k)
    vectors = np.vstack(
        [
            direction,  # the film
            2.5 * direction + 0.3 * rng.normal(size=k),  # its nearest neighbour
            np.zeros(k),  # a film nobody rated: cosine 0
            -direction + 0.2 * rng.normal(size=k),  # films pointing away: negative cosines
            -0.5 * direction + 0.2 * rng.normal(size=k),
        ]
    )
    return dict(vectors=vectors, film=0, n=2, among=np.ones(5, dtype=bool))


def _most_similar(vectors, film, n, among):
    return nearest_items(vectors, film, n, among=among)


def _ranked(scores, film, n, among, *, exclude_film=True, use_among=True, descending=True):
    scores = np.asarray(scores, dtype=float).copy()
    if use_among:
        scores[~among] = -np.inf if descending else np.inf
    if exclude_film:
        scores[film] = -np.inf if descending else np.inf
    order = np.argsort(-scores if descending else scores, kind="stable")[:n]
    return order, scores[order]


def _nan_for_zero_vectors(vectors, film, n, among):
    with np.errstate(invalid="ignore", divide="ignore"):
        cosines = vectors @ vectors[film] / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(vectors[film]))
    return _ranked(cosines, film, n, among)


def _without_own_norm(vectors, film, n, among):
    norms = np.linalg.norm(vectors, axis=1)
    return _ranked(vectors @ vectors[film] / np.where(norms > 0, norms, np.inf), film, n, among)


_EXERCISES_SIMILARITY = {
    "most_similar": _Exercise(
        signature="most_similar(vectors, film, n, among) -> (the n nearest films, their cosine similarities)",
        cases=_vectors_case,
        edge_cases=(_zero_vector_case,),
        reference=_most_similar,
        course_answers=("nearest_items",),
        mistakes=(
            _Mistake(
                lambda vectors, film, n, among: _ranked(vectors @ vectors[film], film, n, among),
                "that ranks by the dot product, which favours long vectors (films whose factors are large), "
                "not by direction: divide by both vectors' lengths to get the cosine.",
            ),
            _Mistake(
                lambda vectors, film, n, among: _ranked(_cosines_to(vectors, film), film, n, among, exclude_film=False),
                "the film is its own nearest neighbour (cosine 1): leave it out of the candidates.",
            ),
            _Mistake(
                lambda vectors, film, n, among: _ranked(_cosines_to(vectors, film), film, n, among, use_among=False),
                "films outside `among` are in the answer: only the candidates it marks True may be returned.",
            ),
            _Mistake(
                lambda vectors, film, n, among: _ranked(_cosines_to(vectors, film), film, n, among, descending=False),
                "those are the least similar films: sort by cosine, largest first.",
            ),
            _Mistake(
                _without_own_norm,
                "the right films, but the similarities are not cosines: divide by the film's own length too, "
                "so that they lie between -1 and 1.",
            ),
            _Mistake(
                _nan_for_zero_vectors,
                "a film with an all-zero vector (nobody rated it) gets 0 / 0 = NaN, which sorts last: it has no "
                "direction, so count its cosine as 0 (divide by its length only where that is not 0).",
            ),
        ),
        hint="cos(q_i, q_j) = q_i . q_j / (|q_i| |q_j|) for every candidate j; leave out the film itself and every "
        "film `among` does not mark; return the n largest, largest first, with their cosines.",
    ),
}
