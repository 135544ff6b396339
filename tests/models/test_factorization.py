import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.evaluation.metrics import masked_rmse
from helpers.models.als_steps import als_step
from helpers.models.factorization import (
    FactorModel,
    fit_als,
    fit_baseline,
    predict_als,
    predict_als_matrix,
)
from helpers.models.fold_in import fold_in_user
from helpers.models.popularity import damped_item_means, item_popularity
from tests.support.factories import low_rank, random_ratings

ALS = dict(k=3, reg=0.1, n_iters=10, seed=0)


# --- fitting ----------------------------------------------------------------------------------


def test_als_recovers_an_exactly_low_rank_matrix_on_held_out_cells():
    matrix, observed = low_rank()
    model = fit_als(matrix, observed, k=2, reg=1e-6, shrinkage=1e-6, n_iters=50, seed=0, reg_scaling="plain")
    assert model.history["train_rmse"][-1] < 1e-3
    assert masked_rmse(matrix, predict_als_matrix(model), ~observed) < 1e-3


def test_baseline_recovers_an_additive_matrix():
    rng = np.random.default_rng(0)
    matrix = 3.0 + rng.normal(size=(8, 1)) + rng.normal(size=(1, 6))
    observed = rng.random(matrix.shape) < 0.7
    observed[:, 0] = observed[0, :] = True  # keep the rows and columns linked
    model = fit_baseline(matrix, observed, shrinkage=0.0, n_iters=200)
    assert model.k == 0
    np.testing.assert_allclose(predict_als_matrix(model), matrix, atol=1e-6)


@pytest.mark.parametrize("reg_scaling", ["weighted", "plain"])
def test_item_step_solves_the_documented_ridge_regression(reg_scaling):
    ratings, mask = random_ratings()
    model = fit_als(ratings, mask, k=2, reg=0.3, shrinkage=2.0, n_iters=3, seed=0, reg_scaling=reg_scaling)
    item = 4
    users = np.flatnonzero(mask[:, item])
    design = np.column_stack([np.ones(users.size), model.user_factors[users]])
    targets = ratings[users, item] - model.global_mean - model.user_bias[users]
    penalty = 0.3 * users.size if reg_scaling == "weighted" else 0.3
    # beta on the bias (a pseudo-count, whatever the count), lambda (times n_i if weighted) on the factors
    expected = np.linalg.solve(design.T @ design + np.diag([2.0, penalty, penalty]), design.T @ targets)
    np.testing.assert_allclose([model.item_bias[item], *model.item_factors[item]], expected, atol=1e-10)


def test_history_records_train_and_held_out_error_per_iteration():
    ratings, mask = random_ratings(shape=(20, 15), fraction=0.7)
    held_out = mask & (np.random.default_rng(1).random(mask.shape) < 0.2)
    model = fit_als(ratings, mask & ~held_out, **{**ALS, "n_iters": 6}, eval_ratings=ratings, eval_mask=held_out)
    assert len(model.history["train_rmse"]) == len(model.history["eval_rmse"]) == 6
    assert model.history["train_rmse"][-1] < model.history["train_rmse"][0]
    assert model.history["eval_rmse"][-1] == pytest.approx(masked_rmse(ratings, predict_als_matrix(model), held_out))
    assert "eval_rmse" not in fit_als(ratings, mask, **ALS).history


def test_all_missing_row_and_column_get_zero_bias_and_factors():
    ratings, mask = random_ratings()
    mask[3, :] = False
    mask[:, 5] = False
    for model in (fit_als(ratings, mask, **ALS), fit_baseline(ratings, mask)):
        assert model.user_bias[3] == 0 and not model.user_factors[3].any()
        assert model.item_bias[5] == 0 and not model.item_factors[5].any()
        predictions = predict_als_matrix(model)
        assert np.isfinite(predictions).all()
        np.testing.assert_allclose(predictions[3], model.global_mean + model.item_bias)


def test_dense_with_mask_and_sparse_input_give_the_same_model():
    ratings, mask = random_ratings()
    stored = sp.coo_array((ratings[mask], np.nonzero(mask)), shape=mask.shape)
    dense, sparse = fit_als(ratings, mask, **ALS), fit_als(stored.tocsc(), **ALS)
    for name in ("user_bias", "item_bias", "user_factors", "item_factors"):
        np.testing.assert_allclose(getattr(dense, name), getattr(sparse, name), atol=1e-12)
    np.testing.assert_allclose(fit_baseline(ratings, mask).item_bias, fit_baseline(stored).item_bias)


def test_same_seed_same_model_and_another_seed_another_start():
    ratings, mask = random_ratings()
    first, again = fit_als(ratings, mask, **ALS), fit_als(ratings, mask, **ALS)
    np.testing.assert_array_equal(first.item_factors, again.item_factors)
    other = fit_als(ratings, mask, **{**ALS, "seed": 1})
    assert not np.allclose(first.item_factors, other.item_factors)


def test_reg_zero_stays_finite_when_users_have_fewer_ratings_than_factors():
    ratings, mask = random_ratings(shape=(10, 10), fraction=0.2)
    model = fit_als(ratings, mask, k=6, reg=0.0, n_iters=5, seed=0)
    assert np.isfinite(predict_als_matrix(model)).all()


DENSE, MASK = random_ratings(shape=(4, 3), fraction=1.0)
BAD_FIT_INPUT = [
    (dict(ratings=np.ones(3), mask=np.ones(3, bool)), ValueError, "2-D"),
    (dict(ratings=np.ones((2, 2, 2)), mask=np.ones((2, 2, 2), bool)), ValueError, "2-D"),
    (dict(ratings=np.ones((0, 3)), mask=np.ones((0, 3), bool)), ValueError, "empty"),
    (dict(ratings="ratings", mask=MASK), TypeError, "2-D array of numbers"),
    (dict(ratings=np.where(MASK, np.nan, 1.0), mask=MASK), ValueError, "NaN in 12 observed cell"),
    (dict(ratings=np.full((4, 3), np.inf), mask=MASK), ValueError, "inf"),
    (dict(ratings=DENSE, mask=MASK.astype(int)), TypeError, "mask must be a boolean array"),
    (dict(ratings=DENSE, mask=MASK[:, :2]), ValueError, r"mask must have shape \(4, 3\)"),
    (dict(ratings=DENSE, mask=None), TypeError, "needs mask="),
    (dict(ratings=DENSE, mask=np.zeros((4, 3), bool)), ValueError, "no observed rating"),
    (dict(ratings=sp.csr_array(DENSE), mask=MASK), ValueError, "mask must be None"),
    (dict(ratings=sp.csr_array((3, 0))), ValueError, "non-empty 2-D"),
    (dict(ratings=sp.csr_array(np.array([[1.0, np.nan]]))), ValueError, "stores NaN"),
    (dict(ratings=sp.coo_array(([4.0, 5.0], ([0, 0], [1, 1])), shape=(2, 2))), ValueError, "duplicated"),
    (dict(ratings=DENSE, mask=MASK, rating_range=(1, 4)), ValueError, r"outside rating_range \(1, 4\)"),
    (dict(ratings=DENSE, mask=MASK, rating_range=(5, 1)), ValueError, "low < high"),
    (dict(ratings=DENSE, mask=MASK, rating_range=5), TypeError, "rating_range must be a pair"),
    (dict(ratings=DENSE, mask=MASK, n_iters=0), ValueError, "n_iters must be between 1 and 10000"),
    (dict(ratings=DENSE, mask=MASK, eval_mask=MASK), ValueError, "eval_mask was given without eval_ratings"),
    (
        dict(ratings=DENSE, mask=MASK, eval_ratings=np.ones((2, 2)), eval_mask=np.ones((2, 2), bool)),
        ValueError,
        r"training shape \(4, 3\)",
    ),
    (dict(ratings=DENSE, mask=MASK, eval_ratings=DENSE), TypeError, "needs eval_mask="),
]
BAD_ALS_SETTINGS = [
    (dict(k=0), ValueError, "k must be between 1 and 3, got 0"),
    (dict(k=4), ValueError, "k must be between 1 and 3, got 4"),
    (dict(k=2.0), TypeError, "k must be an integer"),
    (dict(seed=1.5), TypeError, "seed must be an integer"),
    (dict(seed="0"), TypeError, "seed must be an integer"),
    (dict(seed=-1), ValueError, "seed must be between"),
    (dict(init_scale=-1.0), ValueError, "init_scale"),
    (dict(reg_scaling="lambda"), ValueError, "reg_scaling must be one of"),
    (dict(reg=-0.1), ValueError, "reg must be at least 0"),
]


@pytest.mark.parametrize("arguments, error, message", BAD_FIT_INPUT)
@pytest.mark.parametrize("fit", [fit_als, fit_baseline])
def test_fitting_rejects_bad_input_with_a_clear_message(fit, arguments, error, message):
    settings_ = {**ALS, "k": 2} if fit is fit_als else {}
    with pytest.raises(error, match=message):
        fit(**{**settings_, **arguments})


def test_fit_baseline_rejects_a_negative_shrinkage_and_a_reg():
    with pytest.raises(ValueError, match="shrinkage must be at least 0"):
        fit_baseline(DENSE, MASK, shrinkage=-1.0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'reg'"):
        fit_baseline(DENSE, MASK, reg=5.0)


def test_a_stored_zero_is_refused_not_read_as_a_zero_star_rating():
    stored = sp.csr_array(np.where(MASK, DENSE, 0.0))
    stored[0, 0] = 0.0  # the natural way to hide a rating leaves an explicit 0 behind
    with pytest.raises(ValueError, match=r"equal to 0 stored in it.*eliminate_zeros"):
        fit_als(stored, k=2, reg=0.1, n_iters=2, seed=0)
    with pytest.raises(ValueError, match="equal to 0 in cells where mask is True"):
        fit_baseline(np.where(MASK, 0.0, np.nan), MASK)
    stored.eliminate_zeros()
    assert item_popularity(stored)[0] == MASK[:, 0].sum() - 1


def test_evaluating_on_the_training_ratings_is_refused():
    with pytest.raises(ValueError, match="eval_ratings shares 12 .user, item. pair"):
        fit_als(DENSE, MASK, **{**ALS, "k": 2}, eval_ratings=DENSE, eval_mask=MASK)


@pytest.mark.parametrize("settings_, error, message", BAD_ALS_SETTINGS)
def test_fit_als_rejects_bad_settings(settings_, error, message):
    with pytest.raises(error, match=message):
        fit_als(DENSE, MASK, **{**ALS, "k": 2, **settings_})


# --- predictions ------------------------------------------------------------------------------


def test_predict_agrees_with_predict_matrix_and_clips_to_the_scale():
    ratings, mask = random_ratings()
    model = fit_als(ratings, mask, **ALS)
    users, items = np.nonzero(np.ones(mask.shape, bool))
    full = predict_als_matrix(model)
    np.testing.assert_allclose(predict_als(model, users, items), full[users, items])
    clipped = predict_als(model, users, items, rating_range=(2, 4))
    assert clipped.min() >= 2 and clipped.max() <= 4
    np.testing.assert_allclose(predict_als_matrix(model, rating_range=(2, 4)), np.clip(full, 2, 4))
    assert predict_als(model, [], []).shape == (0,)


@pytest.mark.parametrize(
    "users, items, error, message",
    [
        ([0, 12], [0, 0], ValueError, "users has index 12, outside 0..11"),
        ([0], [-1], ValueError, "items has index -1, outside"),
        ([0, 1], [0], ValueError, "same length, got 2 and 1"),
        ([0.0], [1], TypeError, "users must hold integer indices"),
        ([[0]], [[1]], ValueError, "users must be a 1-D array"),
    ],
)
def test_predict_rejects_bad_indices(users, items, error, message):
    model = fit_als(*random_ratings(), **ALS)
    with pytest.raises(error, match=message):
        predict_als(model, users, items)


def test_predictions_want_a_fitted_model():
    with pytest.raises(TypeError, match="model must be a FactorModel from fit_als or fit_baseline, got a dict"):
        predict_als_matrix({})


# --- fold-in ----------------------------------------------------------------------------------


@pytest.mark.parametrize("reg_scaling", ["weighted", "plain"])
def test_folding_in_a_training_user_gives_back_their_fitted_row(reg_scaling):
    ratings, mask = random_ratings(shape=(15, 10), fraction=0.6)
    model = fit_als(ratings, mask, k=2, reg=0.5, n_iters=200, seed=0, reg_scaling=reg_scaling)
    user = 2
    items = np.flatnonzero(mask[user])
    folded = fold_in_user(model, items, ratings[user, items])
    np.testing.assert_allclose(folded.user_factors, model.user_factors[user], atol=1e-6)
    assert folded.user_bias == pytest.approx(model.user_bias[user], abs=1e-6)
    np.testing.assert_allclose(folded.predictions, predict_als_matrix(model)[user], atol=1e-6)


def test_folding_into_a_baseline_shrinks_the_mean_residual():
    ratings, mask = random_ratings()
    model = fit_baseline(ratings, mask, shrinkage=2.0)
    folded = fold_in_user(model, [0, 3], [5.0, 4.0])
    residuals = np.array([5.0, 4.0]) - model.global_mean - model.item_bias[[0, 3]]
    assert folded.user_bias == pytest.approx(residuals.sum() / (2 + 2.0))


def test_more_ratings_move_the_new_user_towards_their_taste():
    ratings, mask = random_ratings(shape=(30, 20), fraction=0.5)
    model = fit_als(ratings, mask, **ALS)
    folded = fold_in_user(model, [0, 1, 2], [5.0, 5.0, 5.0], reg=0.1)
    assert folded.predictions.mean() > fold_in_user(model, [], []).predictions.mean()
    assert folded.user_bias > 0


@pytest.mark.parametrize(
    "items, ratings, extra, error, message",
    [
        ([0, 9], [4.0, 3.0], {}, ValueError, "items has index 9, outside 0..8"),
        ([0, 0], [4.0, 3.0], {}, ValueError, "items lists 0 more than once"),
        ([0, 1], [4.0], {}, ValueError, "items and ratings must have the same length"),
        ([0, 1], [4.0, np.nan], {}, ValueError, "ratings has 1 value.s. that are NaN"),
        ([0, 1], [4.0, 6.0], {"rating_range": (1, 5)}, ValueError, r"outside rating_range \(1, 5\)"),
        ([0.5], [4.0], {}, TypeError, "items must hold integer indices"),
        ([0], [4.0], {"reg": -1.0}, ValueError, "reg must be at least 0"),
    ],
)
def test_fold_in_rejects_bad_input(items, ratings, extra, error, message):
    model = fit_als(*random_ratings(), **ALS)
    with pytest.raises(error, match=message):
        fold_in_user(model, items, ratings, **extra)


# --- popularity baselines ---------------------------------------------------------------------


def test_popularity_counts_and_damped_means():
    ratings = np.array([[5.0, 3.0, 0.0], [0.0, 3.0, 0.0], [0.0, 4.0, 0.0]])
    mask = ratings > 0
    np.testing.assert_array_equal(item_popularity(ratings, mask), [1, 3, 0])
    mu = ratings[mask].mean()
    means = damped_item_means(ratings, mask, damping=2.0)
    np.testing.assert_allclose(means, [(5 + 2 * mu) / 3, (10 + 2 * mu) / 5, mu])
    np.testing.assert_allclose(damped_item_means(ratings, mask, damping=0.0), [5.0, 10 / 3, mu])


def test_damping_stops_a_single_five_star_rating_topping_the_list():
    ratings = np.column_stack([np.full(20, 5.0), np.full(20, 4.5), np.full(20, 2.0)])
    mask = np.ones_like(ratings, bool)
    mask[1:, 0] = False  # item 0: a single 5-star rating; items 1 and 2: twenty ratings each
    assert np.argmax(damped_item_means(ratings, mask, damping=0.0)) == 0
    assert np.argmax(damped_item_means(ratings, mask, damping=5.0)) == 1


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: damped_item_means(DENSE, MASK, damping=-1.0), ValueError, "damping must be at least 0"),
        (lambda: damped_item_means(DENSE, MASK, damping="2"), TypeError, "damping must be a number"),
        (lambda: damped_item_means(np.ones(3), np.ones(3, bool), damping=1.0), ValueError, "2-D"),
        (lambda: item_popularity(DENSE, MASK.astype(float)), TypeError, "boolean"),
        (lambda: item_popularity(np.ones((0, 2)), np.ones((0, 2), bool)), ValueError, "empty"),
        (lambda: item_popularity(np.where(MASK, np.nan, 1.0), MASK), ValueError, "NaN"),
    ],
)
def test_popularity_baselines_reject_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --- properties -------------------------------------------------------------------------------


ratings_and_masks = st.tuples(st.integers(1, 7), st.integers(1, 7)).flatmap(
    lambda shape: st.tuples(
        arrays(float, shape, elements=st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0])),
        arrays(bool, shape).filter(lambda mask: mask.any()),
    )
)


@settings(max_examples=40, deadline=None)
@given(case=ratings_and_masks, data=st.data())
def test_property_als_never_produces_non_finite_values(case, data):
    ratings, mask = case
    k = data.draw(st.integers(1, min(mask.shape)), label="k")
    reg = data.draw(st.sampled_from([0.0, 1e-3, 0.1, 1.0, 10.0]), label="reg")
    scaling = data.draw(st.sampled_from(["weighted", "plain"]), label="reg_scaling")
    model = fit_als(ratings, mask, k=k, reg=reg, n_iters=3, seed=0, reg_scaling=scaling)
    assert isinstance(model, FactorModel)
    assert model.user_factors.shape == (mask.shape[0], k) and model.item_factors.shape == (mask.shape[1], k)
    assert np.isfinite(predict_als_matrix(model)).all()
    assert np.isfinite(model.history["train_rmse"]).all()
    assert not model.user_factors[~mask.any(axis=1)].any()
    assert not model.item_factors[~mask.any(axis=0)].any()


@settings(max_examples=30, deadline=None)
@given(case=ratings_and_masks, seed=st.integers(0, 100))
def test_property_fold_in_of_an_empty_user_returns_the_baseline(case, seed):
    ratings, mask = case
    model = fit_als(ratings, mask, k=1, reg=0.1, n_iters=2, seed=seed)
    folded = fold_in_user(model, [], [])
    np.testing.assert_allclose(folded.predictions, model.global_mean + model.item_bias)
    assert folded.user_bias == 0 and not folded.user_factors.any()


@pytest.mark.parametrize(
    "reg_scaling, reg, shrinkage", [("weighted", 0.1, 5.0), ("plain", 2.0, 1.0), ("weighted", 0.0, 0.0)]
)
def test_one_sweep_of_fit_als_is_als_step_for_every_user_then_every_item(reg_scaling, reg, shrinkage):
    """The batched code fit_als runs agrees with the readable per-user step the notebooks show."""
    ratings, mask = random_ratings(shape=(9, 7), fraction=0.6, seed=3)
    model = fit_als(ratings, mask, k=2, reg=reg, shrinkage=shrinkage, n_iters=1, seed=0, reg_scaling=reg_scaling)
    start = np.random.default_rng(0).normal(scale=0.1, size=(7, 2))  # fit_als's seeded starting item factors
    mu = ratings[mask].mean()
    user_bias, user_factors = np.zeros(9), np.zeros((9, 2))
    for u in range(9):
        rated = np.flatnonzero(mask[u])
        user_bias[u], user_factors[u] = als_step(
            ratings[u, rated],
            np.zeros(rated.size),
            start[rated],
            global_mean=mu,
            reg=reg,
            shrinkage=shrinkage,
            reg_scaling=reg_scaling,
        )
    for i in range(7):
        raters = np.flatnonzero(mask[:, i])
        bias, factors = als_step(
            ratings[raters, i],
            user_bias[raters],
            user_factors[raters],
            global_mean=mu,
            reg=reg,
            shrinkage=shrinkage,
            reg_scaling=reg_scaling,
        )
        assert bias == pytest.approx(model.item_bias[i], abs=1e-9)
        np.testing.assert_allclose(factors, model.item_factors[i], atol=1e-9)
    np.testing.assert_allclose(user_factors, model.user_factors, atol=1e-9)


def test_als_step_with_no_rating_is_zero_and_checks_its_input():
    bias, factors = als_step([], [], np.zeros((0, 3)), global_mean=3.0, reg=0.1, shrinkage=5.0)
    assert bias == 0.0 and factors.tolist() == [0.0, 0.0, 0.0]
    with pytest.raises(ValueError, match="ratings and other_factors must have the same length"):
        als_step([4.0, 5.0], [0.0, 0.0], np.zeros((3, 2)), global_mean=3.0, reg=0.1, shrinkage=5.0)


def _hand_built(**changes):
    parts = dict(
        global_mean=3.0,
        user_bias=np.zeros(4),
        item_bias=np.zeros(3),
        user_factors=np.ones((4, 2)),
        item_factors=np.ones((3, 2)),
        reg=0.1,
        reg_scaling="weighted",
        n_iters=0,
    )
    return FactorModel(**{**parts, **changes})


@pytest.mark.parametrize(
    "changes, error, message",
    [
        (
            dict(user_bias=np.zeros(3)),
            ValueError,
            "user_bias must have one entry per row of user_factors \\(4\\), got 3",
        ),
        (dict(item_factors=np.ones((3, 5))), ValueError, "same number of factors"),
        (dict(reg=-1.0), ValueError, "reg must be at least 0.0"),
        (dict(reg_scaling="per-rating"), ValueError, "reg_scaling must be one of 'weighted', 'plain'"),
        (dict(global_mean="3"), TypeError, "global_mean must be a number"),
        (dict(user_factors=np.ma.masked_array(np.ones((4, 2)))), TypeError, "masked array"),
        (dict(item_bias=np.array([0.0, np.nan, 0.0])), ValueError, "item_bias has 1 value"),
    ],
)
def test_a_hand_built_model_is_checked_like_a_fitted_one(changes, error, message):
    with pytest.raises(error, match=message):
        _hand_built(**changes)
    assert _hand_built().predict([0], [1]).shape == (1,)
