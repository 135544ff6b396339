"""Item fold-in: the mirror of fold_in_user, the item half-step of ALS for one new film."""

import dataclasses

import numpy as np
import pytest

from helpers import fit_als, fold_in_item, fold_in_user, taste_ratings
from helpers.models.als_steps import als_step


@pytest.fixture(scope="module")
def model():
    ratings, observed = taste_ratings(n_users=80, observed_fraction=0.8, seed=2)
    return fit_als(ratings, observed, k=2, reg=0.1, shrinkage=5.0, n_iters=15, seed=0), ratings, observed


def test_a_film_with_no_ratings_gets_mu_plus_the_users_biases(model):
    als, _, _ = model
    folded = fold_in_item(als, [], [])
    np.testing.assert_allclose(folded.predictions, als.global_mean + als.user_bias)
    assert folded.item_bias == 0.0 and not folded.item_factors.any()


def test_it_is_the_item_half_step_of_als_for_one_film(model):
    als, ratings, observed = model
    users = np.flatnonzero(observed[:, 3])[:6]
    folded = fold_in_item(als, users, ratings[users, 3])
    bias, factors = als_step(
        ratings[users, 3],
        als.user_bias[users],
        als.user_factors[users],
        global_mean=als.global_mean,
        reg=als.reg,
        shrinkage=als.shrinkage,
    )
    assert folded.item_bias == pytest.approx(bias)
    np.testing.assert_allclose(folded.item_factors, factors)
    expected = als.global_mean + als.user_bias + bias + als.user_factors @ factors
    np.testing.assert_allclose(folded.predictions, expected)


def test_folding_in_a_training_film_gives_back_about_its_fitted_column(model):
    als, ratings, observed = model
    users = np.flatnonzero(observed[:, 0])
    folded = fold_in_item(als, users, ratings[users, 0])
    assert folded.item_bias == pytest.approx(als.item_bias[0], abs=0.05)
    np.testing.assert_allclose(folded.item_factors, als.item_factors[0], atol=0.05)


def test_item_fold_in_is_user_fold_in_on_the_transposed_model(model):
    als, ratings, observed = model
    transposed = type(als)(
        global_mean=als.global_mean,
        user_bias=als.item_bias,
        item_bias=als.user_bias,
        user_factors=als.item_factors,
        item_factors=als.user_factors,
        reg=als.reg,
        reg_scaling=als.reg_scaling,
        n_iters=als.n_iters,
        shrinkage=als.shrinkage,
    )
    users = np.flatnonzero(observed[:, 5])[:4]
    np.testing.assert_allclose(
        fold_in_item(als, users, ratings[users, 5]).predictions,
        fold_in_user(transposed, users, ratings[users, 5]).predictions,
    )


def test_penalties_and_clipping(model):
    als, _, _ = model
    huge = fold_in_item(als, [0, 1], [5.0, 5.0], reg=1e9, shrinkage=1e9)
    np.testing.assert_allclose(huge.predictions, als.global_mean + als.user_bias, atol=1e-6)
    clipped = fold_in_item(als, [0, 1], [5.0, 5.0], rating_range=(1, 5))
    assert clipped.predictions.min() >= 1 and clipped.predictions.max() <= 5
    with pytest.raises(ValueError, match="users"):
        fold_in_item(als, [0, 0], [5.0, 4.0])


@pytest.mark.parametrize(
    "reg, scaling, shrinkage", [(0.1, "weighted", 5.0), (0.3, "plain", 0.0), (0.0, "weighted", 0.0)]
)
def test_the_one_owner_step_gives_the_batched_half_steps_numbers_exactly(model, reg, scaling, shrinkage):
    import scipy.sparse as sp

    from helpers.models.als_steps import _half_step
    from helpers.models.fold_in import _one_owner_step

    als, ratings, observed = model
    fixed = np.column_stack([als.user_bias, als.user_factors])
    for film in range(4):
        users = np.random.default_rng(film).permutation(np.flatnonzero(observed[:, film]))[: film + 1]
        given = ratings[users, film]
        order = np.argsort(users)
        row = sp.csr_array((given[order], users[order], [0, users.size]), shape=(1, als.n_users))
        batched = _half_step(row, fixed, als.global_mean, reg, scaling, shrinkage)[0]
        one = dataclasses.replace(als, reg_scaling=scaling)
        np.testing.assert_array_equal(
            _one_owner_step(one, users, given, als.user_bias, als.user_factors, reg, shrinkage), batched
        )


def test_a_prior_is_what_a_film_with_no_ratings_gets_and_what_the_fit_is_shrunk_towards(model):
    als, ratings, observed = model
    prior = np.array([0.4, 0.3, -0.2])
    empty = fold_in_item(als, [], [], prior=prior)
    assert empty.item_bias == pytest.approx(0.4)
    np.testing.assert_allclose(empty.item_factors, prior[1:])
    users = np.flatnonzero(observed[:, 3])[:6]
    P = np.column_stack([np.ones(users.size), als.user_factors[users]])
    y = ratings[users, 3] - als.global_mean - als.user_bias[users]
    penalty = np.diag([als.shrinkage] + [als.reg * users.size] * als.k)  # the model's weighted lambda
    expected = np.linalg.solve(P.T @ P + penalty, P.T @ y + penalty @ prior)
    folded = fold_in_item(als, users, ratings[users, 3], prior=prior)
    np.testing.assert_allclose(np.r_[folded.item_bias, folded.item_factors], expected)
    plain = fold_in_item(als, users, ratings[users, 3], prior=np.zeros(als.k + 1))
    np.testing.assert_allclose(plain.predictions, fold_in_item(als, users, ratings[users, 3]).predictions)


def test_a_huge_penalty_keeps_the_prior(model):
    als, ratings, observed = model
    prior = np.array([0.4, 0.3, -0.2])
    users = np.flatnonzero(observed[:, 3])[:6]
    folded = fold_in_item(als, users, ratings[users, 3], reg=1e9, shrinkage=1e9, prior=prior)
    np.testing.assert_allclose(np.r_[folded.item_bias, folded.item_factors], prior, atol=1e-6)


def test_a_prior_of_the_wrong_length_is_refused(model):
    als, _, _ = model
    with pytest.raises(ValueError, match="prior must hold one bias and the model's 2 factors"):
        fold_in_item(als, [0], [4.0], prior=[0.1, 0.2])
