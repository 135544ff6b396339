import numpy as np
import pandas as pd
import pytest

from helpers import (
    item_map_2d,
    items_by_title,
    nearest_items,
    primary_genre,
    recommendation_view,
    similarity_scores,
    top_k_items,
)


def test_one_users_top_k_is_a_one_row_call_best_first_skipping_excluded():
    scores = np.array([[0.1, 0.9, 0.5, 0.9]])
    assert list(top_k_items(scores, 3)[0]) == [1, 3, 2]
    assert list(top_k_items(scores, 2, exclude=np.array([[False, True, False, False]]))[0]) == [3, 2]


@pytest.mark.parametrize(
    "scores, k, message",
    [
        (np.zeros((1, 0)), 1, "must not be empty"),
        ([1.0], 1, "2-D"),
        ([[1.0, np.nan]], 1, "NaN"),
        ([[1.0, 2.0]], 3, "between 1 and 2"),
    ],
)
def test_top_k_items_rejects_bad_input(scores, k, message):
    with pytest.raises(ValueError, match=message):
        top_k_items(scores, k)


def test_nearest_items_by_cosine_and_among():
    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [-1.0, 0.0], [0.0, 0.0]])
    nearest, similarity = nearest_items(vectors, 0, 2)
    assert list(nearest) == [1, 2] and similarity[0] == pytest.approx(0.9 / np.hypot(0.9, 0.1))
    among = np.array([True, False, True, True, True])
    assert list(nearest_items(vectors, 0, 1, among=among)[0]) == [2]
    with pytest.raises(ValueError, match="all-zero vector"):
        nearest_items(vectors, 4, 1)
    with pytest.raises(TypeError, match="among must be a boolean array"):
        nearest_items(vectors, 0, 1, among=[1, 0])
    with pytest.raises(ValueError, match=r"among must have shape \(5,\)"):
        nearest_items(vectors, 0, 1, among=[True, False])


def test_similarity_scores_favour_items_like_the_liked_ones():
    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    scores = similarity_scores(vectors, [0, 2], [5.0, 1.0])
    assert scores[1] > scores[3]
    np.testing.assert_array_equal(similarity_scores(vectors, [], []), np.zeros(4))
    with pytest.raises(ValueError, match="same length"):
        similarity_scores(vectors, [0], [5.0, 1.0])
    with pytest.raises(ValueError, match="index 7, outside 0..3"):
        similarity_scores(vectors, [7], [5.0])


def test_item_map_2d_is_a_centred_projection_with_stable_signs():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(30, 5))
    coordinates = item_map_2d(vectors)
    assert coordinates.shape == (30, 2)
    np.testing.assert_allclose(coordinates.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_array_equal(coordinates, item_map_2d(vectors.copy()))
    with pytest.raises(ValueError, match="at least 2 items .rows. of at least 2 numbers"):
        item_map_2d(vectors[:, :1])


def test_recommendation_view_excludes_rated_and_non_candidates_and_falls_back():
    titles = [f"film {i}" for i in range(6)]
    draw = recommendation_view(
        titles,
        [0, 1],
        {"scores": lambda items, given: np.arange(6.0)},
        np.array([9.0, 8, 7, 6, 5, 4]),
        among=np.array([1, 1, 1, 1, 0, 1], bool),
        n=2,
    )
    text = draw(5, 0)
    assert "1. film 5" in text and "2. film 3" in text and "film 4" not in text
    fallback = draw(0, 0)
    assert "rated nothing" in fallback and "1. film 2" in fallback
    with pytest.raises(ValueError, match="each of the 2 films"):
        draw(1, 2, 3)


def test_recommendation_view_can_recommend_unrated_panel_films():
    titles = [f"film {i}" for i in range(6)]
    scores = {"scores": lambda items, given: np.array([0.0, 9, 1, 2, 8, 3])}
    among = np.array([1, 1, 1, 1, 0, 1], bool)
    kept_out = recommendation_view(titles, [0, 1], scores, np.zeros(6), among=among, n=2)
    let_in = recommendation_view(titles, [0, 1], scores, np.zeros(6), among=among, n=2, exclude_panel=False)
    assert "1. film 5" in kept_out(5, 0) and "film 1" not in kept_out(5, 0)
    assert "1. film 1" in let_in(5, 0) and "film 4" not in let_in(5, 0)  # unrated panel film in, non-candidate out
    assert "film 1" not in let_in(0, 5)  # a rated one stays out


def test_items_by_title_and_primary_genre():
    items = pd.DataFrame({"item": [1, 2], "title": ["A (1990)", "B (1991)"], "genres": ["Comedy|Drama", ""]})
    assert list(items_by_title(items, ["B (1991)", "A (1990)"])) == [2, 1]
    with pytest.raises(ValueError, match="no item titled 'C'"):
        items_by_title(items, ["C"])
    assert list(primary_genre(items, ["Drama", "Comedy"])) == ["Drama", "other"]
