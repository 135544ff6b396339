"""One contract for every model the notebooks fit (the Recommender protocol, helpers/models/protocol.py).

Each model is fitted on the same small rank-2 ratings; every test here runs over all of them, as
implicit's RecommenderBaseTestMixin and LensKit's scorer tests do. The per-model test files keep
only what is specific to each model.
"""

from __future__ import annotations

import numpy as np
import pytest

import helpers
from helpers import Recommender
from tests.support.factories import low_rank_splits

TRAIN, VALID, _ = (helpers.core.validation.check_ratings(m) for m in low_rank_splits(shape=(30, 20)))
N_USERS, N_ITEMS = TRAIN.shape


def _autorec(seed):
    from helpers import fit_autorec

    return fit_autorec(TRAIN, hidden=4, l2=1e-3, learning_rate=0.05, max_epochs=3, seed=seed)


# name -> fit(seed): each fit is deterministic given its seed (models without randomness ignore it).
FITS = {
    "ALS": lambda seed: helpers.fit_als(TRAIN, k=2, reg=0.1, n_iters=4, seed=seed),
    "baseline": lambda seed: helpers.fit_baseline(TRAIN, shrinkage=2.0),
    "SGD": lambda seed: helpers.fit_sgd(TRAIN, k=2, reg=0.1, n_epochs=3, learning_rate=0.02, seed=seed),
    "zero-filled SVD": lambda seed: helpers.truncated_svd(TRAIN, 3, solver="sparse", seed=seed),
    "bias-filled SVD": lambda seed: helpers.bias_filled_svd(TRAIN, k=3, shrinkage=2.0),
    "residual SVD": lambda seed: helpers.residual_svd(TRAIN, k=3, shrinkage=2.0),
    "weighted ALS": lambda seed: helpers.fit_weighted_als(TRAIN, k=2, reg=0.05, w0=0.2, n_iters=3, seed=seed),
    "implicit ALS": lambda seed: helpers.fit_implicit_als(TRAIN, k=2, reg=0.1, alpha=1.0, n_iters=3, seed=seed),
    "EASE": lambda seed: helpers.fit_ease(TRAIN, reg=5.0),
    "popularity": lambda seed: helpers.fit_popularity(TRAIN),
    "damped means": lambda seed: helpers.fit_popularity(TRAIN, damping=5.0),
    "I-AutoRec": _autorec,
}
SLOW = {"I-AutoRec"}  # trains a Keras model
CAN_FOLD_IN = {name for name in FITS if name != "I-AutoRec"}  # I-AutoRec has no input for a new user
MODELS = {}


def _model(name, seed=0):
    """Each model fitted once per seed, when a test first needs it (collecting the tests fits nothing)."""
    if (name, seed) not in MODELS:
        MODELS[name, seed] = FITS[name](seed)
    return MODELS[name, seed]


every_model = pytest.mark.parametrize(
    "name", [pytest.param(name, marks=pytest.mark.slow) if name in SLOW else name for name in FITS]
)


@every_model
def test_implements_the_protocol_with_the_training_shape(name):
    model = _model(name)
    assert isinstance(model, Recommender)
    assert (model.n_users, model.n_items) == (N_USERS, N_ITEMS)
    assert isinstance(model.settings, dict)


@every_model
def test_predict_scores_agree_and_have_the_right_shapes(name):
    model = _model(name)
    everything = model.scores()
    assert everything.shape == (N_USERS, N_ITEMS) and np.isfinite(everything).all()
    users, items = np.array([0, 3, 3, N_USERS - 1]), np.array([1, 0, N_ITEMS - 1, 2])
    np.testing.assert_allclose(model.predict(users, items), everything[users, items], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(model.scores([3, 0]), everything[[3, 0]], rtol=1e-6, atol=1e-6)
    assert model.predict([], []).shape == (0,)


@every_model
def test_rating_range_clips_predictions(name):
    model = _model(name)
    users, items = np.repeat(np.arange(N_USERS), N_ITEMS), np.tile(np.arange(N_ITEMS), N_USERS)
    low, high = np.quantile(model.scores(), [0.25, 0.75])
    clipped = model.predict(users, items, rating_range=(low, high))
    assert clipped.min() >= low and clipped.max() <= high
    np.testing.assert_allclose(clipped, np.clip(model.predict(users, items), low, high))


@every_model
def test_bad_users_and_items_get_clear_errors(name):
    model = _model(name)
    with pytest.raises(ValueError, match="users"):
        model.predict([N_USERS], [0])
    with pytest.raises(ValueError, match="items"):
        model.predict([0], [N_ITEMS])
    with pytest.raises(ValueError, match="same length|length"):
        model.predict([0, 1], [0])
    with pytest.raises(TypeError, match="users"):
        model.scores([0.5])


@every_model
def test_the_same_seed_gives_the_same_model(name):
    first = _model(name, seed=0)
    again = FITS[name](0)
    np.testing.assert_array_equal(first.scores(), again.scores())


@every_model
def test_using_a_model_changes_neither_it_nor_its_arguments(name):
    model = _model(name)
    before = model.scores().copy()
    users, items = np.array([2, 1]), np.array([3, 4])
    model.predict(users, items, rating_range=(1, 5))
    if name in CAN_FOLD_IN:
        rated, given = np.array([4, 1]), np.array([5.0, 2.0])
        model.fold_in(rated, given)
        np.testing.assert_array_equal(rated, [4, 1])
        np.testing.assert_array_equal(given, [5.0, 2.0])
    np.testing.assert_array_equal(users, [2, 1])
    np.testing.assert_array_equal(model.scores(), before)


@pytest.mark.parametrize("name", sorted(CAN_FOLD_IN))
def test_fold_in_scores_every_item_even_for_a_user_who_rated_nothing(name):
    model = _model(name)
    nothing = model.fold_in([], [])
    assert nothing.shape == (N_ITEMS,) and np.isfinite(nothing).all()
    some = model.fold_in([0, 5, 7], [5.0, 1.0, 4.0])
    assert some.shape == (N_ITEMS,) and np.isfinite(some).all()
    with pytest.raises(ValueError, match="rating of 0"):
        model.fold_in([0], [0.0])
    with pytest.raises(ValueError, match="items"):
        model.fold_in([N_ITEMS], [4.0])


@pytest.mark.parametrize("name", ["ALS", "baseline"])
def test_folding_in_a_training_user_gives_back_about_their_row(name):
    model = _model(name)
    row = TRAIN[[6]]
    np.testing.assert_allclose(model.fold_in(row.indices, row.data), model.scores([6])[0], atol=0.25)


@pytest.mark.slow
def test_autorec_says_why_it_cannot_fold_in_a_new_user():
    with pytest.raises(NotImplementedError, match="cannot fold in a new user"):
        _model("I-AutoRec").fold_in([0], [4.0])
