"""SGD matrix factorisation (helpers/models/sgd.py): the objective ALS minimises, one SGD step, and
fit_sgd checked against scikit-surprise's SVD where the two optimise the same thing."""

import numpy as np
import pytest

from helpers import (
    FactorModel,
    Recommender,
    factorization_objective,
    fit_als,
    fit_sgd,
    original_missing_ratings,
    sgd_step,
    split_observed,
)
from helpers.models.sgd import _step

RATINGS, OBSERVED = original_missing_ratings(seed=42, n_missing=50)
TRAIN, TEST = split_observed(OBSERVED, test_fraction=0.3, seed=0)


def _objective_by_hand(model, ratings, mask):
    errors = (ratings - model.scores())[mask]
    n_u, n_i = mask.sum(axis=1), mask.sum(axis=0)
    biases = model.shrinkage * (np.sum(model.user_bias**2) + np.sum(model.item_bias**2))
    if model.reg_scaling == "plain":
        n_u, n_i = np.ones_like(n_u), np.ones_like(n_i)
    factors = model.reg * (n_u @ np.sum(model.user_factors**2, 1) + n_i @ np.sum(model.item_factors**2, 1))
    return np.sum(errors**2) + biases + factors


@pytest.mark.parametrize("reg_scaling", ["weighted", "plain"])
def test_the_objective_is_the_masked_penalised_sum(reg_scaling):
    model = fit_als(RATINGS, TRAIN, k=3, reg=0.5, shrinkage=5.0, n_iters=3, seed=0, reg_scaling=reg_scaling)
    assert np.isclose(factorization_objective(model, RATINGS, TRAIN), _objective_by_hand(model, RATINGS, TRAIN))


def test_the_objective_ignores_unobserved_cells():
    model = fit_als(RATINGS, TRAIN, k=2, reg=0.1, n_iters=2, seed=0)
    garbage = np.where(TRAIN, RATINGS, 99.0)
    assert factorization_objective(model, garbage, TRAIN) == factorization_objective(model, RATINGS, TRAIN)


def test_als_never_raises_the_objective():
    values = [
        factorization_objective(fit_als(RATINGS, TRAIN, k=3, reg=0.5, n_iters=t, seed=0), RATINGS, TRAIN)
        for t in range(1, 12)
    ]
    assert np.all(np.diff(values) <= 1e-9)


def test_one_sgd_step_follows_the_gradient_of_its_share():
    rng = np.random.default_rng(1)
    p, q = rng.normal(size=3), rng.normal(size=3)
    args = dict(learning_rate=1e-6, user_reg=0.3, item_reg=0.2, user_shrinkage=0.5, item_shrinkage=0.7)

    def share(b_u, b_i, p_u, q_i):
        error = 4.0 - (3.5 + b_u + b_i + p_u @ q_i)
        return error**2 + 0.5 * b_u**2 + 0.7 * b_i**2 + 0.3 * p_u @ p_u + 0.2 * q_i @ q_i

    before = share(0.1, -0.2, p, q)
    after = share(*sgd_step(4.0, 3.5, 0.1, -0.2, p, q, **args))
    assert after < before  # a small step down the gradient lowers this rating's share
    b_u, b_i, p_u, q_i = sgd_step(4.0, 3.5, 0.1, -0.2, p, q, **args)
    error = 4.0 - (3.5 + 0.1 - 0.2 + p @ q)
    assert np.allclose(q_i, q + 1e-6 * (error * p - 0.2 * q))  # the old p_u, not the new one
    assert np.isclose(b_u, 0.1 + 1e-6 * (error - 0.5 * 0.1))


def test_fit_sgd_returns_a_factor_model_with_its_settings_and_history():
    model = fit_sgd(RATINGS, TRAIN, k=2, reg=0.3, n_epochs=5, learning_rate=0.02, seed=0)
    assert isinstance(model, FactorModel) and isinstance(model, Recommender)
    assert model.settings["learning_rate"] == 0.02 and model.n_iters == 5
    assert len(model.history["objective"]) == len(model.history["train_rmse"]) == 5
    assert np.isclose(model.history["objective"][-1], factorization_objective(model, RATINGS, TRAIN))
    again = fit_sgd(RATINGS, TRAIN, k=2, reg=0.3, n_epochs=5, learning_rate=0.02, seed=0)
    assert np.array_equal(model.user_factors, again.user_factors)  # seeded


def test_fit_sgd_gets_close_to_als_on_the_same_objective():
    als = fit_als(RATINGS, TRAIN, k=3, reg=0.5, shrinkage=5.0, n_iters=50, seed=0)
    sgd = fit_sgd(RATINGS, TRAIN, k=3, reg=0.5, shrinkage=5.0, n_epochs=300, learning_rate=0.01, seed=0)
    als_value, sgd_value = (factorization_objective(m, RATINGS, TRAIN) for m in (als, sgd))
    assert sgd_value < 1.01 * als_value


def test_fit_sgd_reports_divergence():
    with pytest.raises(ValueError, match="fit_sgd"):
        fit_sgd(RATINGS * 1e150, TRAIN, k=2, reg=0.1, n_epochs=20, learning_rate=1.0, seed=0)


# --- against scikit-surprise's SVD --------------------------------------------------------------------


class _GivenDraws(np.random.RandomState):
    """A RandomState whose `normal` returns given arrays, in turn: Surprise's SVD draws pu, then qi."""

    def __init__(self, *arrays):
        super().__init__(0)
        self.arrays = list(arrays)

    def normal(self, *args, **kwargs):
        return np.ascontiguousarray(self.arrays.pop(0), dtype=float)


def _surprise_fit(ratings, mask, *, k, n_epochs, lr, reg_pu, reg_bu, seed):
    """Surprise's SVD on the same ratings, visited in the same order, from fit_sgd's initial factors."""
    surprise = pytest.importorskip("surprise")
    import pandas as pd

    users, items = np.nonzero(mask)  # row-major: user by user, items in index order, as fit_sgd's shuffle=False
    frame = pd.DataFrame({"user": users, "item": items, "rating": ratings[users, items]})
    trainset = surprise.Dataset.load_from_df(frame, surprise.Reader(rating_scale=(1, 10))).build_full_trainset()
    rng = np.random.default_rng(seed)  # fit_sgd's draws: user factors, then item factors
    user_init, item_init = (
        rng.normal(scale=0.1, size=(mask.shape[0], k)),
        rng.normal(scale=0.1, size=(mask.shape[1], k)),
    )
    raw_users = [trainset.to_raw_uid(u) for u in range(trainset.n_users)]
    raw_items = [trainset.to_raw_iid(i) for i in range(trainset.n_items)]
    algo = surprise.SVD(
        n_factors=k,
        n_epochs=n_epochs,
        lr_all=lr,
        reg_bu=reg_bu,
        reg_bi=reg_bu,
        reg_pu=reg_pu,
        reg_qi=reg_pu,
        random_state=_GivenDraws(user_init[raw_users], item_init[raw_items]),
    )
    algo.fit(trainset)
    return algo, raw_users, raw_items


def test_fit_sgd_matches_surprise_svd_without_bias_shrinkage():
    """Surprise penalises each rating's b_u by a constant reg_bu, the course by beta / n_u: with
    beta = 0 and reg_bu = 0 the objectives coincide (its reg_pu per rating is the weighted lambda)."""
    algo, raw_users, raw_items = _surprise_fit(
        RATINGS, TRAIN, k=3, n_epochs=25, lr=0.01, reg_pu=0.3, reg_bu=0.0, seed=0
    )
    ours = fit_sgd(RATINGS, TRAIN, k=3, reg=0.3, shrinkage=0.0, n_epochs=25, learning_rate=0.01, seed=0, shuffle=False)
    rated_items = np.flatnonzero(TRAIN.any(axis=0))
    assert sorted(raw_items) == rated_items.tolist() and sorted(raw_users) == list(range(10))
    np.testing.assert_allclose(ours.user_bias[raw_users], algo.bu, atol=1e-9)
    np.testing.assert_allclose(ours.item_bias[raw_items], algo.bi, atol=1e-9)
    np.testing.assert_allclose(ours.user_factors[raw_users], algo.pu, atol=1e-9)
    np.testing.assert_allclose(ours.item_factors[raw_items], algo.qi, atol=1e-9)
    assert np.isclose(ours.global_mean, algo.trainset.global_mean)


def test_fit_sgd_matches_surprise_svd_with_shrinkage_when_every_count_is_equal():
    """When every user and item has c ratings, beta / n_u is one constant, Surprise's reg_bu = beta / c."""
    n, c = 8, 3
    mask = np.zeros((n, n), bool)
    for u in range(n):
        mask[u, [(u + j) % n for j in range(c)]] = True  # each user rates 3 items, each item is rated 3 times
    ratings = np.where(mask, np.random.default_rng(3).integers(1, 11, size=(n, n)), np.nan).astype(float)
    algo, raw_users, raw_items = _surprise_fit(
        ratings, mask, k=2, n_epochs=30, lr=0.02, reg_pu=0.1, reg_bu=5.0 / c, seed=4
    )
    ours = fit_sgd(ratings, mask, k=2, reg=0.1, shrinkage=5.0, n_epochs=30, learning_rate=0.02, seed=4, shuffle=False)
    np.testing.assert_allclose(ours.user_bias[raw_users], algo.bu, atol=1e-9)
    np.testing.assert_allclose(ours.item_bias[raw_items], algo.bi, atol=1e-9)
    np.testing.assert_allclose(ours.user_factors[raw_users], algo.pu, atol=1e-9)
    np.testing.assert_allclose(ours.item_factors[raw_items], algo.qi, atol=1e-9)


def test_the_public_step_is_the_loops_step():
    p, q = np.array([0.1, 0.2]), np.array([-0.3, 0.4])
    args = (4.0, 3.0, 0.1, 0.2, p, q)
    shares = dict(learning_rate=0.05, user_reg=0.1, item_reg=0.2, user_shrinkage=0.3, item_shrinkage=0.4)
    for ours, loops in zip(sgd_step(*args, **shares), _step(*args, 0.05, 0.1, 0.2, 0.3, 0.4)):
        assert np.allclose(ours, loops)
