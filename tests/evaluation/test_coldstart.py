import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import TASTE_ITEMS, fit_als, fit_baseline, fold_in_user, fold_in_view, reveal_experiment, taste_ratings
from helpers.views.sliders import explain_prediction


@pytest.fixture(scope="module")
def films():
    ratings, observed = taste_ratings(n_users=120, observed_fraction=0.8, seed=1)
    known = observed.copy()
    known[100:] = False
    return ratings, observed, known


def test_taste_ratings_shape_range_and_mask(films):
    ratings, observed, _ = films
    assert ratings.shape == (120, len(TASTE_ITEMS)) == observed.shape
    assert np.isnan(ratings[~observed]).all()
    values = ratings[observed]
    assert values.min() >= 1 and values.max() <= 5 and np.all(values == np.rint(values))
    assert observed.sum(axis=1).min() >= 1


def test_taste_ratings_is_reproducible_and_validates():
    a, b = taste_ratings(n_users=5, seed=3), taste_ratings(n_users=5, seed=3)
    np.testing.assert_array_equal(a[1], b[1])
    with pytest.raises(ValueError, match="observed_fraction"):
        taste_ratings(observed_fraction=0.0)
    with pytest.raises(TypeError, match="n_users"):
        taste_ratings(n_users=2.5)


def test_reveal_experiment_personalisation_pays_off_on_data_with_taste(films):
    ratings, observed, known = films
    model = fit_als(ratings, known, k=2, reg=0.1, n_iters=15, seed=0)
    mean = np.nanmean(ratings[known])
    predictors = {
        "mean": lambda items, given: np.full(10, mean),
        "fold-in": lambda items, given: fold_in_user(model, items, given).predictions,
    }
    result = reveal_experiment(ratings, observed, np.arange(100, 120), [0, 3, 6], predictors, seed=0)
    curves = result.curves
    assert result.n_users == int((observed[100:].sum(axis=1) > 6).sum())
    assert np.allclose(curves["mean"][0], curves["mean"])  # the same cells at every n: a flat line
    assert curves["fold-in"][2] < curves["fold-in"][0] and curves["fold-in"][2] < curves["mean"][2]
    rest = reveal_experiment(ratings, observed, np.arange(100, 120), [0, 3, 6], predictors, cells="rest", seed=0)
    assert rest.n_scored[0] > rest.n_scored[1] > rest.n_scored[2] == result.n_scored[0]  # other cells at each n
    assert result.n_scored == [result.n_scored[0]] * 3


def test_reveal_curves_intervals_are_the_uncertainty_helpers_over_the_scored_ratings(films):
    from helpers import paired_rmse_difference, rmse_interval

    ratings, observed, known = films
    model = fit_als(ratings, known, k=2, reg=0.1, n_iters=10, seed=0)
    mean = np.nanmean(ratings[known])
    predictors = {
        "mean": lambda items, given: np.full(10, mean),
        "fold-in": lambda items, given: fold_in_user(model, items, given).predictions,
    }
    result = reveal_experiment(ratings, observed, np.arange(100, 120), [0, 4], predictors, rating_range=(1, 5))
    users, truth, pred = result.scored_users[1], result.truth[1], result.predictions["fold-in"][1]
    assert pred.min() >= 1 and pred.max() <= 5  # clipped alike
    assert np.isclose(result.curves["fold-in"][1], np.sqrt(np.mean((pred - truth) ** 2)))
    assert result.intervals("fold-in")[1] == rmse_interval(users, truth, pred)
    mean_pred = result.predictions["mean"][1]
    assert result.differences("fold-in", "mean")[1] == paired_rmse_difference(users, truth, pred, mean_pred)
    sentences = result.verdicts("fold-in", "mean")
    assert len(sentences) == 2 and all("fold-in" in s for s in sentences)
    assert set(users) <= set(result.users) and result.n_users == len(set(result.scored_users[0]))
    with pytest.raises(ValueError, match="method must be one of"):
        result.intervals("median")


def test_revealed_rows_keep_up_to_max_revealed_of_each_users_ratings(films):
    from helpers import revealed_rows

    ratings, observed, _ = films
    inputs, targets = revealed_rows(ratings, observed, np.arange(10), max_revealed=3, copies=5, seed=0)
    assert inputs.shape == targets.shape == (50, 10)
    full = np.where(observed, ratings, 0.0)[np.tile(np.arange(10), 5)]
    np.testing.assert_array_equal(targets, full)
    kept = (inputs > 0).sum(axis=1)
    assert kept.max() <= 3 and kept.min() == 0 and set(kept) == {0, 1, 2, 3}
    assert np.all((inputs == 0) | (inputs == targets))  # an input cell is the rating or 0
    again, _ = revealed_rows(ratings, observed, np.arange(10), max_revealed=3, copies=5, seed=0)
    np.testing.assert_array_equal(inputs, again)


def test_plot_reveal_draws_bands_and_validates(films):
    from helpers import plot_reveal

    ratings, observed, _ = films
    predictors = {"a": lambda i, r: np.full(10, 3.0), "b": lambda i, r: np.full(10, 3.5)}
    result = reveal_experiment(ratings, observed, np.arange(20), [0, 1, 2], predictors)
    figure = plot_reveal(result, against="a")
    assert isinstance(figure, Figure) and len(figure.axes) == 2
    with pytest.raises(ValueError, match="against names 'c', not one of"):
        plot_reveal(result, against="c")


def test_reveal_experiment_gives_every_method_the_same_revealed_ratings(films):
    ratings, observed, _ = films
    seen = {"a": [], "b": []}

    def spy(name):
        def predict(items, given):
            seen[name].append((tuple(items), tuple(given)))
            return np.zeros(10)

        return predict

    reveal_experiment(ratings, observed, np.arange(5), [1, 2], {"a": spy("a"), "b": spy("b")}, seed=4)
    assert seen["a"] == seen["b"] and len(seen["a"]) > 0


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(new_users=[]), ValueError, "new_users"),
        (dict(new_users=[500]), ValueError, "new_users has index 500, outside 0..119"),
        (dict(n_revealed=[11]), ValueError, "between 0 and 10"),
        (dict(n_revealed=[10]), ValueError, "no user in new_users has more than 10"),
        (dict(predictors={}), ValueError, "at least one"),
        (dict(seed=-1), ValueError, "seed"),
        (dict(cells="all"), ValueError, "cells"),
    ],
)
def test_reveal_experiment_rejects_bad_input(films, kwargs, error, message):
    ratings, observed, _ = films
    arguments = dict(new_users=[0, 1], n_revealed=[0, 1], predictors={"zero": lambda i, r: np.zeros(10)}, seed=0)
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        reveal_experiment(ratings, observed, **arguments)


def test_reveal_experiment_rejects_a_mask_of_the_wrong_shape(films):
    ratings, observed, _ = films
    with pytest.raises(ValueError, match="observed must have shape"):
        reveal_experiment(ratings, observed[:, :5], [0], [0], {"z": lambda i, r: np.zeros(10)})


def test_explain_prediction_adds_up_to_the_fold_in_prediction(films):
    ratings, _, known = films
    model = fit_als(ratings, known, k=2, reg=0.1, n_iters=10, seed=0)
    fold = fold_in_user(model, np.array([0, 5]), np.array([5.0, 1.0]))
    text = explain_prediction(model, fold.user_bias, fold.user_factors, 2)
    assert text.endswith(f"= {fold.predictions[2]:.2f}")


def test_fold_in_view_updates_and_validates(films):
    ratings, _, known = films
    model = fit_als(ratings, known, k=2, reg=0.1, n_iters=10, seed=0)
    draw = fold_in_view(model, TASTE_ITEMS)
    figure, text = draw(*([0] * 10))
    assert isinstance(figure, Figure) and "you rated 0 item(s)" in text
    _, text = draw(5, 0, 0, 0, 0, 1, 0, 0, 0, 0)
    assert "you rated 2 item(s)" in text and "Star Pilots" not in text.split("recommendations:")[1]
    with pytest.raises(ValueError, match="one rating per item"):
        draw(1, 2)
    with pytest.raises(ValueError, match="name all 10 items"):
        fold_in_view(model, TASTE_ITEMS[:3])
    with pytest.raises(ValueError, match="first two factors"):
        fold_in_view(fit_baseline(ratings, known), TASTE_ITEMS)


def test_low_rank_ratings_have_the_stated_scale_shape_and_structure():
    from helpers import low_rank_ratings

    ratings, observed = low_rank_ratings(n_users=200, n_items=30, rank=2, noise=0.0, observed_fraction=1.0, seed=1)
    assert ratings.shape == (200, 30) and observed.all()
    assert ratings.min() >= 1 and ratings.max() <= 10 and np.array_equal(ratings, np.rint(ratings))
    singular = np.linalg.svd(ratings - ratings.mean(), compute_uv=False)
    assert singular[2] < 0.35 * singular[1]  # two taste directions carry the pattern (rounding adds a little)
    _, partial = low_rank_ratings(observed_fraction=0.5, seed=1)
    assert 0.4 < partial.mean() < 0.6


def test_reveal_experiment_tells_a_predictor_its_row_when_asked(films):
    ratings, observed, _ = films
    seen = []

    def predict(row, items, given):
        seen.append(row)
        return np.full(10, float(row % 5 + 1))

    result = reveal_experiment(ratings, observed, [100, 101], [0, 1], {"row": predict}, with_row=True)
    assert set(seen) == set(result.users.tolist())
    with pytest.raises(TypeError, match="with_row"):
        reveal_experiment(ratings, observed, [100], [0], {"row": predict}, with_row="yes")
