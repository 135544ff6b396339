"""No helper changes what it is given: a learner's data and models look the same after any call."""

import copy

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import helpers
from helpers import (
    damped_item_means,
    fit_als,
    fit_baseline,
    fit_feature_ridge,
    fold_in_item,
    fold_in_user,
    frobenius_error,
    item_map_2d,
    item_popularity,
    masked_mae,
    masked_rmse,
    movielens_fold,
    nearest_items,
    normalise_ratings,
    original_missing_ratings,
    predict_als,
    predict_als_matrix,
    ratings_matrix,
    reconstruct,
    reveal_experiment,
    similarity_scores,
    split_observed,
    toy_ratings,
    truncated_svd,
    user_index,
    validation_split,
)
from tests.support.factories import low_rank_splits

RATINGS, OBSERVED = original_missing_ratings()
TRUTH = np.nan_to_num(RATINGS)
TRAIN_CELLS, HELD_OUT_CELLS = split_observed(OBSERVED, 0.3, seed=0)
MODEL = fit_als(RATINGS, OBSERVED, k=2, reg=0.1, n_iters=3, seed=0)
U, S, VT = truncated_svd(TRUTH, 3)
VECTORS = np.random.default_rng(0).normal(size=(6, 3))
ITEMS, GIVEN = np.array([0, 3]), np.array([5.0, 2.0])
RNG = np.random.default_rng(0)
FRAME = pd.DataFrame(
    {
        "user": RNG.integers(1, 944, 100_000),
        "item": RNG.integers(1, 1683, 100_000),
        "rating": RNG.integers(1, 6, 100_000),
        "timestamp": np.arange(100_000),
    }
)
TRAIN, VALID, _ = low_rank_splits()


def _autoencoder_training(x):
    from helpers import build_autoencoder, train_with_snapshots

    autoencoder, encoder = build_autoencoder(4, 3)
    return train_with_snapshots(autoencoder, encoder, x, epochs=10, every=10)


def _autorec(train, valid):
    from helpers import fit_autorec

    return fit_autorec(train, valid=valid, hidden=4, l2=1e-3, learning_rate=0.1, max_epochs=3, seed=0)


CALLS = [
    ("truncated_svd", lambda a: truncated_svd(a[0], 3, solver="sparse"), [TRUTH]),
    ("truncated_svd (sparse input)", lambda a: truncated_svd(a[0], 3, solver="sparse"), [sp.csr_matrix(TRUTH)]),
    ("reconstruct", lambda a: reconstruct(*a), [U, S, VT]),
    ("frobenius_error", lambda a: frobenius_error(*a), [TRUTH, TRUTH + 1]),
    ("split_observed", lambda a: split_observed(a[0], 0.3, seed=0), [OBSERVED]),
    ("masked_rmse", lambda a: masked_rmse(*a), [RATINGS, TRUTH + 1, OBSERVED]),
    ("masked_mae", lambda a: masked_mae(*a), [RATINGS, TRUTH + 1, OBSERVED]),
    (
        "fit_als",
        lambda a: fit_als(a[0], a[1], k=2, reg=0.1, n_iters=2, seed=0, eval_ratings=a[0], eval_mask=a[2]),
        [RATINGS, TRAIN_CELLS, HELD_OUT_CELLS],
    ),
    ("fit_baseline", lambda a: fit_baseline(a[0], a[1]), [RATINGS, OBSERVED]),
    ("fit_sgd", lambda a: helpers.fit_sgd(a[0], a[1], k=2, reg=0.1, n_epochs=2, seed=0), [RATINGS, OBSERVED]),
    (
        "sgd_step",
        lambda a: helpers.sgd_step(
            4.0,
            3.5,
            0.1,
            0.2,
            a[0],
            a[1],
            learning_rate=0.1,
            user_reg=0.1,
            item_reg=0.1,
            user_shrinkage=1.0,
            item_shrinkage=1.0,
        ),
        [np.array([0.1, 0.2]), np.array([0.3, -0.4])],
    ),
    ("factorization_objective", lambda a: helpers.factorization_objective(*a), [MODEL, RATINGS, OBSERVED]),
    ("bias_filled_svd", lambda a: helpers.bias_filled_svd(a[0], a[1], k=2), [RATINGS, OBSERVED]),
    ("residual_svd", lambda a: helpers.residual_svd(a[0], a[1], k=2), [RATINGS, OBSERVED]),
    ("fit_baseline (sparse input)", lambda a: fit_baseline(a[0]), [sp.csr_array(TRUTH)]),
    ("predict_als", lambda a: predict_als(a[0], a[1], a[2]), [MODEL, np.array([0, 1]), np.array([2, 3])]),
    ("predict_als_matrix", lambda a: predict_als_matrix(a[0]), [MODEL]),
    ("fold_in_user", lambda a: fold_in_user(*a), [MODEL, ITEMS, GIVEN]),
    ("fold_in_item", lambda a: fold_in_item(*a), [MODEL, np.array([3, 1]), np.array([4.0, 2.0])]),
    ("fit_feature_ridge", lambda a: fit_feature_ridge(a[0], a[1], alpha=1.0), [np.eye(4)[:, :3], np.ones((4, 2))]),
    ("item_popularity", lambda a: item_popularity(*a), [RATINGS, OBSERVED]),
    ("damped_item_means", lambda a: damped_item_means(*a, damping=2.0), [RATINGS, OBSERVED]),
    (
        "reveal_experiment",
        lambda a: reveal_experiment(a[0], a[1], [0, 1], [0, 1], {"m": lambda i, r: np.zeros(10)}),
        [RATINGS, OBSERVED],
    ),
    ("nearest_items", lambda a: nearest_items(a[0], 0, 2), [VECTORS]),
    ("similarity_scores", lambda a: similarity_scores(*a), [VECTORS, ITEMS, GIVEN]),
    ("item_map_2d", lambda a: item_map_2d(a[0]), [VECTORS]),
    ("movielens_fold", lambda a: movielens_fold(a[0], 2), [FRAME]),
    ("validation_split", lambda a: validation_split(a[0], 0.1, seed=0), [FRAME]),
    ("ratings_matrix", lambda a: ratings_matrix(a[0]), [FRAME.drop_duplicates(["user", "item"])]),
    ("user_index", lambda a: user_index(a[0]), [np.array([3, 4])]),
    ("normalise_ratings", lambda a: normalise_ratings(a[0], 5), [toy_ratings()]),
]
KERAS_CALLS = [
    ("train_with_snapshots", lambda a: _autoencoder_training(a[0]), [toy_ratings() / 5]),
    ("fit_autorec", lambda a: _autorec(*a), [TRAIN, VALID]),
]
ALL_CALLS = [pytest.param(*call, id=call[0]) for call in CALLS] + [
    pytest.param(*call, id=call[0], marks=pytest.mark.slow) for call in KERAS_CALLS
]


def _assert_same(before, after, name):
    if sp.issparse(before):
        assert type(before) is type(after) and (before != after).nnz == 0, f"{name} changed a sparse input"
    elif isinstance(before, pd.DataFrame):
        pd.testing.assert_frame_equal(before, after, obj=f"{name}'s input")
    elif isinstance(before, np.ndarray):
        np.testing.assert_array_equal(before, after, err_msg=f"{name} changed its input")
    else:  # a fitted model: every array in it
        for field, value in vars(before).items():
            if isinstance(value, np.ndarray):
                np.testing.assert_array_equal(value, getattr(after, field), err_msg=f"{name} changed model.{field}")


@pytest.mark.parametrize("name, call, arguments", ALL_CALLS)
def test_helper_leaves_its_inputs_unchanged(name, call, arguments):
    copies = [copy.deepcopy(a) for a in arguments]
    call(arguments)
    for before, after in zip(copies, arguments):
        _assert_same(before, after, name)
