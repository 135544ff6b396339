"""Every public helper, thrown every bad input its declared constraints know, and a few more.

Each helper declares its arguments' constraints next to its signature (helpers/core/constraints.py);
every declared argument gets every invalid example of its constraint, with the rest of the
helper's good call. The hand-written cases (`extra`) cover what a declaration cannot say: rules
between arguments and helper-specific values (tests/support/bad_inputs.py has the kinds of the
helpers that declare nothing). Each call must either succeed (only where the case says the value
is fine) or raise the expected TypeError/ValueError with a message that names the argument. A raw error from deep
inside NumPy, SciPy or Matplotlib, a silently accepted bad value, or the other exception class
fails. A public name of `helpers` that is in neither HELPERS nor NOT_CALLED fails too, so a new
helper cannot skip its checks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from _pytest.mark.expression import Expression

import helpers
from helpers import (
    fit_als,
    new_figure,
    original_missing_ratings,
    split_observed,
    taste_ratings,
    toy_ratings,
    truncated_svd,
)
from helpers.core.constraints import OK, constraints_of
from tests.support import bad_inputs as bad
from tests.support.factories import low_rank_frame, low_rank_splits

NAN = bad.NAN
RATINGS, OBSERVED = original_missing_ratings()
TRUTH = np.nan_to_num(RATINGS)
TRAIN, HELD_OUT = split_observed(OBSERVED, 0.3, seed=0)
U, S, VT = truncated_svd(TRUTH, 3)
VECTORS = np.random.default_rng(0).normal(size=(6, 3))
SPARSE = sp.csr_array(np.where(OBSERVED, TRUTH, 0.0))
SPARSE_TRAIN, SPARSE_TEST = (sp.csr_array(np.where(part, TRUTH, 0.0)) for part in (TRAIN, HELD_OUT))
FRAME = pd.DataFrame(
    {"user": np.repeat(np.arange(1, 11), 3), "item": np.tile([1, 2, 3], 10), "rating": 4.0, "timestamp": 0}
)
ITEMS_FRAME = pd.DataFrame(
    {"item": [1, 2, 3], "title": ["A (1990)", "B (1991)", "C (1992)"], "genres": ["Drama", "Comedy|Drama", ""]}
)
MOVIELENS_FRAME = pd.DataFrame(
    {"user": np.arange(100_000) % 943 + 1, "item": np.arange(100_000) % 1682 + 1, "rating": 3, "timestamp": 0}
)
RECOMMENDED = np.array([[0, 1], [2, 3]])
RELEVANT = np.array([[True, False, False, True], [False, False, True, False]])
LISTS = [
    ("booleans", np.ones((2, 2), bool), TypeError),
    ("1-D", np.array([0, 1]), TypeError),
    ("past the end", np.array([[0, 9], [1, 2]]), ValueError),
]
RELEVANT_BAD = [("integers", np.ones((2, 4), int), TypeError), ("other users", np.ones((3, 4), bool), ValueError)]
FILMS, FILMS_OBSERVED = taste_ratings(n_users=40, observed_fraction=0.8, seed=0)
REVEAL = helpers.reveal_experiment(
    FILMS, FILMS_OBSERVED, [0, 1, 2], [0, 1], {"a": lambda i, r: np.full(10, 3.0), "b": lambda i, r: np.full(10, 3.5)}
)
AUTOREC_TRAIN, AUTOREC_VALID, _ = low_rank_splits()


def _axes():
    return new_figure()[1][0]


class Lazy:
    """A value built on first use (fitted models, figures), so collecting the tests fits nothing."""

    def __init__(self, make):
        self.make = functools.cache(make)

    def __call__(self):
        return self.make()


def _resolve(value):
    return value() if isinstance(value, Lazy) else value


MODEL = Lazy(lambda: fit_als(RATINGS, OBSERVED, k=2, reg=0.1, n_iters=3, seed=0))
WEIGHTED = Lazy(lambda: helpers.fit_weighted_als(SPARSE, k=2, reg=0.1, w0=0.1, n_iters=2, seed=0))
EASE = Lazy(lambda: helpers.fit_ease(SPARSE, reg=10.0))
LINE = Lazy(lambda: _axes().plot([0, 1], [1, 0])[0])


@dataclass
class Helper:
    """How to call one helper well, and which kind of argument each of its parameters is."""

    call: object  # function(**kwargs)
    good: dict  # values may be Lazy
    extra: dict = field(default_factory=dict)  # argument -> hand-written [(label, value, expected)]
    marks: list = field(default_factory=list)
    good_call: bool = True  # False where the good call needs a live Spark session (tests/spark/test_spark.py)
    declared: object = None  # the function whose constraints generate cases (default: call); may be Lazy
    sizes: dict = field(default_factory=dict)  # argument -> the size (or shape) its indices or mask refer to
    only: tuple | None = None  # generate cases for these declared arguments only (None: all)

    def generated(self):
        """(argument, label, value, expected) for every declared argument and invalid example."""
        for argument, constraint in constraints_of(_resolve(self.declared) or self.call).items():
            if self.only is None or argument in self.only:
                good = _resolve(self.good.get(argument))
                for label, value, expected in constraint.invalid_examples(good, self.sizes.get(argument)):
                    yield argument, label, value, expected

    def hand_written(self):
        for argument, values in self.extra.items():
            for label, value, expected in values:
                yield argument, label, value, expected


def _keras(name):
    return lambda **kw: getattr(helpers, name)(**kw)


def _sgd():
    from helpers.models.neural import keras

    return keras.optimizers.SGD(0.1)


def _snapshots():
    from helpers import build_autoencoder, train_with_snapshots

    autoencoder, encoder = build_autoencoder(4, 3, seed=0)
    return train_with_snapshots(autoencoder, encoder, toy_ratings() / 5, epochs=20, every=10)


def _train_with_snapshots(**kw):
    from helpers import build_autoencoder, train_with_snapshots

    autoencoder, encoder = build_autoencoder(4, 3, seed=0)
    return train_with_snapshots(**{"autoencoder": autoencoder, "encoder": encoder, **kw})


def _autorec():
    from helpers import fit_autorec

    return fit_autorec(AUTOREC_TRAIN, hidden=4, l2=1e-3, learning_rate=0.05, max_epochs=3, seed=0)


SLOW = [pytest.mark.slow]
M = dict(ratings=RATINGS, mask=OBSERVED)  # the dense form every fitting helper takes

HELPERS = {
    # svd
    "truncated_svd": Helper(helpers.truncated_svd, dict(matrix=TRUTH, k=3, solver="sparse", seed=0)),
    "predict_svd": Helper(
        helpers.predict_svd, dict(U=U, s=S, Vt=VT, users=[0, 1], items=[2, 3]), sizes=dict(users=10, items=10)
    ),
    "singular_values": Helper(helpers.singular_values, dict(matrix=TRUTH)),
    "reconstruct": Helper(helpers.reconstruct, dict(U=U, s=S, Vt=VT, k=2)),
    "frobenius_error": Helper(helpers.frobenius_error, dict(matrix=TRUTH, approximation=TRUTH + 1)),
    # adam (notebook 02): NumPy only, so no Keras mark
    "adam_update": Helper(
        helpers.adam_update,
        dict(
            parameter=np.ones((2, 3)),
            gradient=np.full((2, 3), 0.1),
            first_moment=np.zeros((2, 3)),
            second_moment=np.zeros((2, 3)),
            step=1,
            learning_rate=1e-3,
            rho_1=0.9,
            rho_2=0.999,
            epsilon=1e-7,
        ),
        dict(
            gradient=[("another shape", np.ones(3), ValueError)],
            first_moment=[("one number for a matrix", 0.0, ValueError)],
            second_moment=[("negative", -np.ones((2, 3)), ValueError)],
        ),
    ),
    "eckart_young_error": Helper(
        helpers.eckart_young_error, dict(s=S, k=1), dict(s=[("ascending", S[::-1], ValueError)])
    ),
    "principal_angles": Helper(helpers.principal_angles, dict(a=VT.T, b=VT.T[:, :2])),
    # metrics and splits
    "rmse": Helper(
        helpers.rmse, dict(y_true=[1.0, 2.0], y_pred=[1.5, 2.5]), dict(y_pred=[("too short", [1.0], ValueError)])
    ),
    "mae": Helper(
        helpers.mae, dict(y_true=[1.0, 2.0], y_pred=[1.5, 2.5]), dict(y_pred=[("too short", [1.0], ValueError)])
    ),
    "masked_rmse": Helper(
        helpers.masked_rmse,
        dict(truth=RATINGS, prediction=TRUTH, mask=HELD_OUT),
        dict(
            prediction=[
                ("another shape", TRUTH[:5], ValueError),
                ("NaN where observed", np.full((10, 10), NAN), ValueError),
            ],
            mask=[("no True cell", np.zeros((10, 10), bool), ValueError)],
        ),
    ),
    "masked_mae": Helper(
        helpers.masked_mae,
        dict(truth=RATINGS, prediction=TRUTH, mask=HELD_OUT),
        dict(
            prediction=[
                ("another shape", TRUTH[:5], ValueError),
                ("NaN where observed", np.full((10, 10), NAN), ValueError),
            ],
            mask=[("no True cell", np.zeros((10, 10), bool), ValueError)],
        ),
    ),
    "split_observed": Helper(helpers.split_observed, dict(mask=OBSERVED, test_fraction=0.3, seed=0)),
    # factorisation, baselines, fold-in
    "fit_als": Helper(
        helpers.fit_als, dict(**M, k=2, reg=0.1, n_iters=2, seed=0), dict(k=[("above min(shape)", 11, ValueError)])
    ),
    "fit_als (sparse)": Helper(
        helpers.fit_als,
        dict(ratings=SPARSE, k=2, reg=0.1, n_iters=2, seed=0),
        dict(mask=[("a mask beside sparse ratings", OBSERVED, ValueError)]),
        only=("ratings",),
    ),
    "fit_baseline": Helper(helpers.fit_baseline, dict(**M)),
    "fit_sgd": Helper(
        helpers.fit_sgd,
        dict(**M, k=2, reg=0.1, n_epochs=2, learning_rate=0.02, seed=0),
        dict(k=[("above min(shape)", 11, ValueError)]),
    ),
    "fit_sgd (sparse)": Helper(
        helpers.fit_sgd,
        dict(ratings=SPARSE, k=2, reg=0.1, n_epochs=2, seed=0),
        dict(mask=[("a mask beside sparse ratings", OBSERVED, ValueError)]),
        only=("ratings",),
    ),
    "bias_filled_svd": Helper(
        helpers.bias_filled_svd, dict(**M, k=2, shrinkage=5.0), dict(k=[("above min(shape)", 11, ValueError)])
    ),
    "residual_svd": Helper(
        helpers.residual_svd, dict(**M, k=2, shrinkage=5.0), dict(k=[("above min(shape)", 11, ValueError)])
    ),
    "sgd_step": Helper(
        helpers.sgd_step,
        dict(
            rating=4.0,
            global_mean=3.5,
            user_bias=0.1,
            item_bias=-0.2,
            user_factors=[0.1, 0.2],
            item_factors=[0.3, -0.1],
            learning_rate=0.01,
            user_reg=0.1,
            item_reg=0.1,
            user_shrinkage=0.5,
            item_shrinkage=0.5,
        ),
        dict(item_factors=[("another length", [0.3, -0.1, 0.2], ValueError)]),
    ),
    "factorization_objective": Helper(
        helpers.factorization_objective,
        dict(model=MODEL, **M),
        dict(ratings=[("another shape", RATINGS[:5], ValueError)], model=[("an SVD", (U, S, VT), TypeError)]),
        only=("model", "ratings", "mask"),
    ),
    "fit_baseline (sparse)": Helper(helpers.fit_baseline, dict(ratings=SPARSE), only=("ratings",)),
    "als_step": Helper(
        helpers.als_step,
        dict(
            ratings=[4.0, 5.0],
            other_bias=[0.1, -0.2],
            other_factors=np.ones((2, 3)),
            global_mean=3.5,
            reg=0.1,
            shrinkage=5.0,
        ),
        dict(
            other_bias=[("the wrong length", [0.1], ValueError)],
            other_factors=[("the wrong length", np.ones((3, 3)), ValueError)],
        ),
    ),
    "predict_als": Helper(
        helpers.predict_als,
        dict(model=MODEL, users=[0, 1], items=[2, 3]),
        dict(items=[("one item for two users", [2], ValueError)]),
        sizes=dict(users=10, items=10),
    ),
    "predict_als_matrix": Helper(helpers.predict_als_matrix, dict(model=MODEL)),
    "fold_in_user": Helper(
        helpers.fold_in_user,
        dict(model=MODEL, items=[0, 3], ratings=[5.0, 2.0]),
        dict(
            items=[("a repeated item", [3, 3], ValueError)],
            ratings=[("a zero", [0.0, 2.0], ValueError), ("one rating for two items", [4.0], ValueError)],
        ),
        sizes=dict(items=10),
    ),
    "fold_in_item": Helper(
        helpers.fold_in_item,
        dict(model=MODEL, users=[0, 3], ratings=[5.0, 2.0]),
        dict(
            users=[("a repeated user", [3, 3], ValueError)],
            ratings=[("a zero", [0.0, 2.0], ValueError), ("one rating for two users", [4.0], ValueError)],
            prior=[("not k + 1 numbers", [0.5], ValueError)],
        ),
        sizes=dict(users=10),
    ),
    "fit_feature_ridge": Helper(
        helpers.fit_feature_ridge,
        dict(features=np.eye(4)[:, :3], targets=np.ones((4, 2)), alpha=1.0),
        dict(
            targets=[("other films", np.ones((3, 2)), ValueError)],
            features=[("one film", np.ones((1, 3)), ValueError)],
        ),
    ),
    "item_popularity": Helper(helpers.item_popularity, dict(**M)),
    "damped_item_means": Helper(helpers.damped_item_means, dict(**M, damping=2.0)),
    "fit_popularity": Helper(helpers.fit_popularity, dict(**M, damping=2.0)),
    "fit_blend": Helper(
        helpers.fit_blend,
        dict(predictions_list=[[1.0, 2.0, 3.0, 4.0]], y_valid=[1.0, 2.0, 3.0, 5.0]),
        dict(
            predictions_list=[
                ("an array", np.ones(4), TypeError),
                ("empty", [], TypeError),
                ("NaN inside", [[1.0, NAN, 3.0, 4.0]], ValueError),
            ],
        ),
    ),
    "apply_blend": Helper(
        helpers.apply_blend,
        dict(weights=[0.1, 0.9], predictions_list=[[1.0, 2.0]]),
        dict(
            weights=[("too long", [0.1, 0.2, 0.3], ValueError)],
            predictions_list=[("an array", np.ones(2), TypeError)],
        ),
    ),
    # cold start
    "taste_ratings": Helper(helpers.taste_ratings, dict(n_users=20, seed=0)),
    "reveal_experiment": Helper(
        helpers.reveal_experiment,
        dict(
            ratings=FILMS,
            observed=FILMS_OBSERVED,
            new_users=[0, 1, 2],
            n_revealed=[0, 1],
            predictors={"mean": lambda items, given: np.full(10, 3.0)},
            seed=0,
        ),
        dict(
            n_revealed=[("more than the items", [11], ValueError)],
            predictors=[
                ("a scalar answer", {"m": lambda items, given: 3.0}, ValueError),
                ("a short answer", {"m": lambda items, given: np.ones(3)}, ValueError),
                ("a NaN answer", {"m": lambda items, given: np.full(10, NAN)}, ValueError),
            ],
        ),
        sizes=dict(new_users=40),
    ),
    "revealed_rows": Helper(
        helpers.revealed_rows,
        dict(ratings=FILMS, observed=FILMS_OBSERVED, users=[0, 1, 2], max_revealed=3, copies=2, seed=0),
        dict(max_revealed=[("more than the items", 11, ValueError)]),
        sizes=dict(users=40),
    ),
    "plot_reveal": Helper(
        helpers.plot_reveal,
        dict(result=REVEAL, against="a", methods=["b"], seed=0),
        dict(against=[("not a method", "c", ValueError)], methods=[("not a method", ["c"], ValueError)]),
    ),
    # data
    "toy_ratings": Helper(helpers.toy_ratings, {}, {}),
    "low_rank_ratings": Helper(
        helpers.low_rank_ratings, dict(n_users=8, n_items=6, seed=0), dict(rank=[("above the size", 7, ValueError)])
    ),
    "original_missing_ratings": Helper(helpers.original_missing_ratings, dict(seed=42)),
    "load_movielens_100k": Helper(helpers.load_movielens_100k, dict()),
    "movielens_fold": Helper(
        helpers.movielens_fold,
        dict(ratings=MOVIELENS_FRAME, fold=2),
        dict(ratings=[("a part of the ratings", MOVIELENS_FRAME[:10], ValueError)]),
    ),
    "validation_split": Helper(
        helpers.validation_split,
        dict(train=FRAME, fraction=0.2, seed=0),
        dict(fraction=[("an empty part", 0.01, ValueError)]),
    ),
    "block_validation_split": Helper(
        helpers.block_validation_split,
        dict(train=FRAME, fraction=0.2),
        dict(
            fraction=[("an empty part", 0.01, ValueError)],
            train=[("a reset index of labels", FRAME.set_index(FRAME.index.astype(str)), ValueError)],
        ),
    ),
    "ratings_matrix": Helper(
        helpers.ratings_matrix,
        dict(ratings=FRAME),
        dict(
            ratings=[("a rating of 0", FRAME.assign(rating=0.0), ValueError)],
            n_users=[("fewer than the users", 3, ValueError)],
        ),
    ),
    "user_index": Helper(helpers.user_index, dict(user_ids=[1, 2])),
    "item_index": Helper(helpers.item_index, dict(item_ids=[1, 2])),
    "user_of_row": Helper(helpers.user_of_row, dict(rows=[0, 1])),
    "item_of_column": Helper(helpers.item_of_column, dict(columns=[0, 1])),
    "items_by_title": Helper(
        helpers.items_by_title,
        dict(items=ITEMS_FRAME, titles=["B (1991)"]),
        dict(titles=[("an unknown title", ["Z (2000)"], ValueError)]),
    ),
    "film_features": Helper(
        helpers.film_features,
        dict(items=ITEMS_FRAME.assign(year=pd.array([1990, 1991, None], dtype="Int64"))),
    ),
    "primary_genre": Helper(
        helpers.primary_genre,
        dict(items=ITEMS_FRAME, priority=["Comedy"]),
        dict(priority=[("an unknown genre", ["Western"], ValueError)]),
    ),
    # recommendations
    "nearest_items": Helper(
        helpers.nearest_items,
        dict(vectors=VECTORS, item=0, n=2),
        dict(n=[("more than the candidates", 6, ValueError)]),
        sizes=dict(item=6, among=6),
    ),
    "item_map_2d": Helper(
        helpers.item_map_2d, dict(vectors=VECTORS), dict(vectors=[("one item", np.ones((1, 3)), ValueError)])
    ),
    "similarity_scores": Helper(
        helpers.similarity_scores,
        dict(vectors=VECTORS, items=[0, 3], ratings=[5.0, 2.0]),
        dict(ratings=[("one rating for two items", [4.0], ValueError)]),
        sizes=dict(items=6),
    ),
    # exercises
    "check_exercise": Helper(
        helpers.check_exercise,
        dict(name="fold_in_bias", function=lambda ratings, item_bias, mu, shrinkage: 0.0),
    ),
    # ranking
    "top_k_items": Helper(
        helpers.top_k_items,
        dict(scores=VECTORS, k=2),
        dict(k=[("more than the items", 4, ValueError)]),
        sizes=dict(exclude=(6, 3)),
    ),
    "precision_at_k": Helper(
        helpers.precision_at_k,
        dict(recommended=RECOMMENDED, relevant=RELEVANT),
        dict(recommended=LISTS, relevant=RELEVANT_BAD),
    ),
    "recall_at_k": Helper(
        helpers.recall_at_k,
        dict(recommended=RECOMMENDED, relevant=RELEVANT),
        dict(recommended=LISTS, relevant=RELEVANT_BAD),
    ),
    "ndcg_at_k": Helper(
        helpers.ndcg_at_k,
        dict(recommended=RECOMMENDED, relevant=RELEVANT, k=3),
        dict(recommended=LISTS, relevant=RELEVANT_BAD),
    ),
    "normalised_recall_at_k": Helper(
        helpers.normalised_recall_at_k,
        dict(recommended=RECOMMENDED, relevant=RELEVANT),
        dict(recommended=LISTS, relevant=RELEVANT_BAD),
    ),
    "catalogue_coverage": Helper(
        helpers.catalogue_coverage,
        dict(recommended=RECOMMENDED, n_items=4),
        dict(recommended=LISTS, n_items=[("fewer than the items listed", 2, ValueError)]),
    ),
    "exposure_gini": Helper(
        helpers.exposure_gini,
        dict(recommended=RECOMMENDED, n_items=4),
        dict(
            recommended=LISTS + [("no recommendation", np.zeros((2, 0), dtype=int), ValueError)],
            n_items=[("fewer than the items listed", 2, ValueError)],
        ),
    ),
    "popular_share": Helper(
        helpers.popular_share,
        dict(recommended=RECOMMENDED, popularity=[4.0, 3.0, 2.0, 1.0]),
        dict(recommended=LISTS, popularity=[("too few items", [4.0, 3.0], ValueError)]),
    ),
    "evaluate_ranking": Helper(
        helpers.evaluate_ranking,
        dict(scores=np.zeros((10, 10)), train=SPARSE_TRAIN, test=SPARSE_TEST, k=2),
        dict(
            scores=[("another shape", np.zeros((10, 5)), ValueError)],
            test=[("another shape", SPARSE[:, :5], ValueError), ("the training ratings", SPARSE_TRAIN, ValueError)],
            k=[("more than the items", 11, ValueError)],
            threshold=[("above every rating", 100.0, ValueError)],
        ),
    ),
    "rmse_interval": Helper(
        helpers.rmse_interval,
        dict(users=[0, 0, 1, 2], y_true=[4.0, 3.0, 5.0, 2.0], y_pred=[3.5, 3.0, 4.0, 2.5], n_resamples=200),
        dict(
            y_pred=[("the wrong length", [3.5, 3.0], ValueError)],
            users=[("one user", [0, 0, 0, 0], ValueError), ("the wrong length", [0, 1], ValueError)],
        ),
    ),
    "mae_interval": Helper(
        helpers.mae_interval,
        dict(users=[0, 0, 1, 2], y_true=[4.0, 3.0, 5.0, 2.0], y_pred=[3.5, 3.0, 4.0, 2.5], n_resamples=200),
        dict(y_true=[("the wrong length", [4.0], ValueError)]),
    ),
    "paired_rmse_difference": Helper(
        helpers.paired_rmse_difference,
        dict(users=[0, 1, 2], y_true=[4.0, 3.0, 5.0], pred_a=[3.5, 3.0, 4.0], pred_b=[4.0, 2.0, 4.5], n_resamples=200),
        dict(pred_b=[("the wrong length", [4.0, 2.0], ValueError)]),
    ),
    "mean_interval": Helper(
        helpers.mean_interval,
        dict(values=[0.1, 0.5, 0.3], n_resamples=200),
        dict(values=[("one user", [0.3], ValueError)], confidence=[("a percentage", 95.0, ValueError)]),
    ),
    "paired_mean_difference": Helper(
        helpers.paired_mean_difference,
        dict(values_a=[0.1, 0.5, 0.3], values_b=[0.2, 0.4, 0.3], n_resamples=200),
        dict(values_b=[("the wrong length", [0.2, 0.4], ValueError)]),
    ),
    "verdict": Helper(
        helpers.verdict,
        dict(
            difference=helpers.Interval(-0.02, -0.03, -0.01, 0.005, 100, 0.95),
            first="A",
            second="B",
            lower_is_better=True,
        ),
        dict(difference=[("a tuple", (-0.02, -0.03, -0.01), TypeError)]),
    ),
    "grid_position": Helper(
        helpers.grid_position,
        dict(value=20, grid=[10, 20, 50], name="k"),
        dict(
            value=[("not in the grid", 30, ValueError)],
            grid=[("empty", [], ValueError), ("a number", 20, TypeError)],
        ),
    ),
    "tune_on_validation": Helper(
        helpers.tune_on_validation,
        dict(
            evaluate=lambda settings: {"score": -((settings["k"] - 2) ** 2)},
            ladders={"k": [1, 2, 3]},
            start={"k": 1},
            metric="score",
            higher_is_better=True,
        ),
        dict(
            start=[("off the ladder", {"k": 5}, ValueError), ("a setting missing", {}, ValueError)],
            ladders=[("an empty ladder", {"k": []}, ValueError)],
            metric=[("a measure evaluate does not return", "rmse", ValueError)],
        ),
    ),
    "ranking_protocols": Helper(
        helpers.ranking_protocols,
        dict(scores=np.zeros((10, 10)), train=SPARSE_TRAIN, test=SPARSE_TEST, min_ratings=1, k=2),
        dict(scores=[("another shape", np.zeros((10, 5)), ValueError)]),
    ),
    "edge_report": Helper(
        helpers.edge_report,
        dict(chosen={"k": 20}, grid={"k": [10, 20, 50]}),
        dict(chosen=[("a setting missing", {"reg": 0.1}, ValueError)]),
    ),
    "fit_weighted_als": Helper(
        helpers.fit_weighted_als,
        dict(ratings=SPARSE, k=2, reg=0.1, w0=0.1, n_iters=2, seed=0),
        dict(k=[("above min(shape)", 11, ValueError)]),
    ),
    "fit_implicit_als": Helper(
        helpers.fit_implicit_als, dict(ratings=SPARSE, k=2, reg=0.1, alpha=2.0, n_iters=2, seed=0)
    ),
    "weighted_scores": Helper(helpers.weighted_scores, dict(model=WEIGHTED)),
    "fold_in_weighted": Helper(
        helpers.fold_in_weighted,
        dict(model=WEIGHTED, items=[0, 1], ratings=[4.0, 5.0]),
        dict(
            items=[("a repeated item", [1, 1], ValueError)],
            ratings=[("a rating of 0", [0.0, 5.0], ValueError), ("one rating for two items", [4.0], ValueError)],
        ),
        sizes=dict(items=10),
    ),
    "fit_ease": Helper(helpers.fit_ease, dict(ratings=SPARSE, reg=10.0)),
    "ease_scores": Helper(
        helpers.ease_scores,
        dict(model=EASE, ratings=SPARSE),
        dict(
            model=[("its weights alone", np.zeros((10, 10)), TypeError)],
            ratings=[("other items", sp.csr_array(np.ones((10, 3))), ValueError)],
        ),
    ),
    # results, timing, seeding
    "ResultsTable": Helper(helpers.ResultsTable, dict(sort_by="RMSE")),
    "ResultsTable add": Helper(
        lambda **kw: helpers.ResultsTable("RMSE").add(**kw),
        dict(method="m", RMSE=0.9),
        dict(RMSE=[("a string", "0.9", TypeError), ("a bool", True, TypeError)]),
        declared=helpers.ResultsTable.add,
    ),
    "format_seconds": Helper(helpers.format_seconds, dict(seconds=1.5)),
    "stopwatch": Helper(helpers.stopwatch, {}, {}),
    "set_seed": Helper(helpers.set_seed, dict(seed=0)),
    # figures
    "new_figure": Helper(helpers.new_figure, dict(ncols=2)),
    "plot_matrix": Helper(
        lambda **kw: helpers.plot_matrix(kw.pop("ax", _axes()), **kw),
        dict(matrix=TRUTH, title="t"),
        dict(
            row_labels=[("too few", ["a"], ValueError)],
            cmap=[("an unknown name", "viridis-not", ValueError)],
            annotate=[("a string", "yes", TypeError)],
        ),
        declared=helpers.plot_matrix,
    ),
    "plot_spectrum": Helper(
        lambda **kw: helpers.plot_spectrum(kw.pop("ax", _axes()), **kw),
        dict(s=S, k=2),
        dict(k=[("more than the values", 4, ValueError)]),
        declared=helpers.plot_spectrum,
    ),
    "figure_png": Helper(helpers.figure_png, dict(figure=Lazy(lambda: new_figure()[0]))),
    "set_moving_artists": Helper(
        helpers.set_moving_artists,
        dict(figure=Lazy(lambda: LINE().figure), artists=Lazy(lambda: [LINE()])),
        dict(
            artists=[
                ("one artist, not a list", LINE, TypeError),
                ("a string", "line", TypeError),
                ("empty", [], ValueError),
                ("not an artist", [1], TypeError),
                ("another figure's artist", Lazy(lambda: [_axes().title]), ValueError),
            ],
        ),
    ),
    "plot_loss_curve": Helper(
        lambda **kw: helpers.plot_loss_curve(kw.pop("ax", _axes()), **kw),
        dict(epochs=[0, 1, 2], loss=[1.0, 0.5, 0.2]),
        dict(loss=[("one loss short", [1.0, 0.5], ValueError)]),
        declared=helpers.plot_loss_curve,
    ),
    "plot_rating_histogram": Helper(
        lambda **kw: helpers.plot_rating_histogram(kw.pop("ax", _axes()), **kw),
        dict(ratings=[1, 2, 2, 5]),
        declared=helpers.plot_rating_histogram,
    ),
    "plot_long_tail": Helper(
        lambda **kw: helpers.plot_long_tail(kw.pop("ax", _axes()), **kw),
        dict(counts=[3, 1, 2]),
        dict(counts=[("negative", [-1], ValueError)]),
        declared=helpers.plot_long_tail,
    ),
    "annotate_points": Helper(
        lambda **kw: helpers.annotate_points(kw.pop("ax", _axes()), **kw),
        dict(points=np.zeros((3, 2)), labels={1: "film"}),
        dict(
            points=[("3 columns", np.zeros((3, 3)), ValueError)],
            labels=[("a list", ["film"], TypeError), ("an unknown row", {7: "x"}, ValueError)],
        ),
        declared=helpers.annotate_points,
    ),
    "plot_item_map": Helper(
        lambda **kw: helpers.plot_item_map(kw.pop("ax", _axes()), **kw),
        dict(coordinates=np.zeros((3, 2)), groups=["a", "b", "a"], labels={1: "film"}),
        dict(
            groups=[("one group short", ["a", "b"], ValueError)],
            labels=[("a list", ["film"], TypeError), ("an unknown item", {7: "x"}, ValueError)],
            order=[("a group missing", ["a"], ValueError), ("a group twice", ["a", "b", "a"], ValueError)],
        ),
        declared=helpers.plot_item_map,
    ),
    # views (the view, then what its draw function does with a slider's value)
    "rank_k_view": Helper(
        helpers.rank_k_view, dict(matrix=toy_ratings()), dict(row_labels=[("too few", ["a"], ValueError)])
    ),
    "rank_k_view draw": Helper(
        lambda k: helpers.rank_k_view(toy_ratings())(k),
        dict(k=2),
        dict(k=bad.count() + [("above the rank", 5, ValueError)]),
    ),
    "train_vs_heldout_view": Helper(
        helpers.train_vs_heldout_view,
        dict(
            steps=[1, 2],
            train_error=[0.5, 0.2],
            heldout_error=[0.9, 1.0],
            predictions=np.zeros((2, 3, 3)),
            step_name="rank",
            rating_range=(1, 5),
        ),
        dict(
            predictions=[("2-D", np.zeros((2, 3)), ValueError), ("a string", "p", TypeError)],
            rating_range=[("None", None, TypeError)],
            train_error=[("one error short", [0.5], ValueError)],
        ),
    ),
    "explain_prediction": Helper(
        helpers.explain_prediction,
        dict(model=MODEL, user_bias=0.1, user_factors=[0.5, -0.2], item=3),
        dict(user_factors=[("one factor too many", [0.5, -0.2, 0.1], ValueError)]),
        sizes=dict(item=10),
    ),
    "fold_in_view": Helper(
        helpers.fold_in_view,
        dict(model=MODEL, item_names=[f"i{j}" for j in range(10)]),
        dict(
            item_names=[("too few", ["a"], ValueError)],
            rating_range=[("None", None, TypeError)],
            top=[("more than the items", 11, ValueError)],
        ),
    ),
    "fold_in_view draw": Helper(
        lambda value: helpers.fold_in_view(MODEL(), [f"i{j}" for j in range(10)])(*value),
        dict(value=[5, 0, 0, 0, 0, 1, 0, 0, 0, 0]),
        dict(
            value=[
                ("too few", [5, 1], ValueError),
                ("NaN inside", [NAN] * 10, ValueError),
                ("above the scale", [9] + [0] * 9, ValueError),
            ]
        ),
    ),
    "tradeoff_view": Helper(
        helpers.tradeoff_view,
        dict(
            values=[0.0, 0.5, 1.0],
            first=[1.0, 2.0, 3.0],
            second=[3.0, 2.0, 1.0],
            value_name="w0",
            first_name="RMSE",
            second_name="NDCG",
            chosen=0.5,
        ),
        dict(
            first=[("one measurement short", [1.0, 2.0], ValueError)],
            value_name=[("a number", 3, TypeError)],
            chosen=[("not a measured value", 0.3, ValueError)],
        ),
    ),
    "recommendation_view": Helper(
        helpers.recommendation_view,
        dict(
            titles=list("abcdef"),
            panel_items=[0, 1],
            recommenders={"s": lambda items, given: np.arange(6.0)},
            fallback_scores=np.arange(6.0),
            n=2,
        ),
        dict(
            panel_items=[("a repeated film", [1, 1], ValueError), ("empty", [], ValueError)],
            recommenders=[("a list", [np.mean], TypeError), ("not callable", {"s": 3}, TypeError)],
            fallback_scores=[("one score short", np.arange(5.0), ValueError)],
            n=[("more than the candidates", 5, ValueError)],
        ),
        sizes=dict(panel_items=6, among=6),
    ),
    "recommendation_view draw": Helper(
        lambda value, recommend: helpers.recommendation_view(
            list("abcdef"), [0, 1], {"s": recommend}, np.arange(6.0), n=2
        )(*value),
        dict(value=[5, 0], recommend=lambda items, given: np.arange(6.0)),
        dict(
            value=[("too many", [5, 0, 0], ValueError)],
            recommend=[
                ("a scalar answer", lambda items, given: 3.0, ValueError),
                ("a NaN answer", lambda items, given: np.full(6, NAN), ValueError),
                ("a short answer", lambda items, given: np.ones(2), ValueError),
            ],
        ),
    ),
    "slider_demo": Helper(
        lambda **kw: helpers.slider_demo(kw["draw"], kw["slider"]),
        dict(draw=lambda k: None, slider=widgets.IntSlider()),
        dict(slider=[("a number", 3, TypeError)]),
        declared=helpers.slider_demo,
    ),
    "progress_bar": Helper(helpers.progress_bar, dict(total=3), dict(description=[("a number", 3, TypeError)])),
    # Spark: the bad calls fail before Spark is touched; the good ones are in tests/spark/test_spark.py
    "start_spark": Helper(
        helpers.start_spark,
        {},
        dict(
            master=[("empty", "", ValueError), ("blank", "  ", ValueError)],
            **bad.refused(helpers.start_spark, "checkpoint_dir", "conf", "java"),  # None would start Spark
        ),
        good_call=False,
        only=("master", "app_name", "ui"),
    ),
    "ratings_to_spark": Helper(
        helpers.ratings_to_spark,
        dict(spark=None, ratings=FRAME),
        dict(
            ratings=[
                ("no rating", FRAME[:0], ValueError),
                ("float ids", FRAME.assign(user=1.5), TypeError),
                ("a NaN rating", FRAME.assign(rating=NAN), ValueError),
            ],
            **bad.refused(helpers.ratings_to_spark, "num_partitions"),  # None would call Spark
        ),
        good_call=False,
        only=("ratings",),
    ),
    "replicate_users_spark": Helper(
        helpers.replicate_users_spark,
        dict(ratings_sdf=None, factor=2, seed=0),
        bad.refused(helpers.replicate_users_spark, "seed"),  # a Generator would reach ratings_sdf, None here
        good_call=False,
        only=("factor", "ratings_sdf"),
    ),
    "replicate_users": Helper(
        helpers.replicate_users,
        dict(ratings=low_rank_frame(), factor=2, seed=0),
    ),
    "resample_users": Helper(
        helpers.resample_users,
        dict(user_ids=[1, 2, 3], factor=2, seed=0),
        dict(user_ids=[("floats", [1.5], TypeError), ("empty", [], ValueError), ("a string", "123", TypeError)]),
    ),
    "find_java": Helper(helpers.find_java, dict()),
    "als_block": Helper(helpers.als_block, dict(ids=[1, 12], n_blocks=10)),
    "als_shuffle_per_sweep": Helper(
        helpers.als_shuffle_per_sweep,
        dict(users=[1, 2, 3], items=[4, 5, 6], rank=8),
        dict(
            users=[("too short", [1, 2], ValueError), ("empty", [], ValueError), ("one id", 3, ValueError)],
            items=[("too long", [4, 5, 6, 7], ValueError)],
        ),
    ),
    "als_sweep_on_paper": Helper(
        helpers.als_sweep_on_paper,
        dict(n_ratings=10**6, n_users=10**4, n_items=10**3, rank=10, cores=4),
    ),
    # Keras: each call starts training, so they are in the slow tier; reading their declarations
    # starts TensorFlow too, so `declared` is Lazy (read only when -m can select the slow tier)
    "normalise_ratings": Helper(
        _keras("normalise_ratings"),
        dict(ratings=toy_ratings(), scale=5),
        marks=SLOW,
        declared=Lazy(lambda: helpers.normalise_ratings),
    ),
    "denormalise_ratings": Helper(
        _keras("denormalise_ratings"),
        dict(values=toy_ratings() / 5, scale=5),
        marks=SLOW,
        declared=Lazy(lambda: helpers.denormalise_ratings),
    ),
    "build_autoencoder": Helper(
        _keras("build_autoencoder"),
        dict(n_inputs=4, n_codes=3),
        dict(
            n_codes=[("more than inputs", 5, ValueError)],
            activation=[("unknown", "tanhh", ValueError), ("a number", 3, TypeError)],
        ),
        SLOW,
        declared=Lazy(lambda: helpers.build_autoencoder),
    ),
    "train_with_snapshots": Helper(
        _train_with_snapshots,
        dict(x=toy_ratings() / 5, epochs=20, every=10),
        dict(
            x=[("other columns than the model's", np.ones((4, 5)), ValueError)],
            target=[("another shape", np.ones((3, 4)), ValueError)],
            every=[("not dividing epochs", 3, ValueError), ("more than epochs", 30, ValueError)],
            loss=[("unknown", "mae", TypeError)],
        ),
        SLOW,
        declared=Lazy(lambda: helpers.train_with_snapshots),
    ),
    "autoencoder_epochs_view": Helper(
        lambda **kw: helpers.autoencoder_epochs_view(**{"snapshots": _snapshots(), **kw}),
        dict(matrix=toy_ratings(), scale=5, svd_rank=3),
        dict(
            matrix=[("another shape than the snapshots", np.ones((3, 4)), ValueError)],
            svd_rank=[("above min(shape)", 5, ValueError)],
        ),
        SLOW,
        declared=helpers.autoencoder_epochs_view,
    ),
    "fit_autorec": Helper(
        _keras("fit_autorec"),
        dict(train=AUTOREC_TRAIN, valid=AUTOREC_VALID, hidden=4, l2=1e-3, learning_rate=0.05, max_epochs=2, seed=0),
        dict(
            learning_rate=[("zero", 0.0, ValueError)],
            decay_epochs=[("zero", 0.0, ValueError), ("a string", "80", TypeError)],
            progress=[("a string", "yes", TypeError)],
            valid=[("the training ratings", AUTOREC_TRAIN, ValueError)],
        ),
        SLOW,
        declared=Lazy(lambda: helpers.fit_autorec),
    ),
    "predict_autorec": Helper(
        lambda **kw: helpers.predict_autorec(**{"result_or_model": _autorec(), **kw}),
        dict(train=AUTOREC_TRAIN, users=[0, 1], items=[2, 3]),
        dict(fallback=[("NaN", NAN, ValueError)], items=[("one item for two users", [2], ValueError)]),
        SLOW,
        declared=Lazy(lambda: helpers.predict_autorec),
        sizes=dict(users=60, items=40),
    ),
    "autorec_item_codes": Helper(
        lambda **kw: helpers.autorec_item_codes(**{"result_or_model": _autorec(), **kw}),
        dict(train=AUTOREC_TRAIN),
        dict(train=[("other users", sp.csr_array(np.eye(5, 40) * 4.0), ValueError)]),
        SLOW,
        declared=Lazy(lambda: helpers.autorec_item_codes),
    ),
    "autorec_objective": Helper(
        _keras("autorec_objective"),
        dict(
            item_ratings=np.eye(3) * 4,
            reconstruction=np.ones((3, 3)),
            encoder_kernel=np.ones((3, 2)),
            decoder_kernel=np.ones((2, 3)),
            l2=0.1,
        ),
        dict(
            item_ratings=[("no rating", np.zeros((3, 3)), ValueError)],
            reconstruction=[("another shape", np.ones((3, 2)), ValueError)],
        ),
        SLOW,
        declared=helpers.autorec_objective,
    ),
    "autorec_train_step": Helper(
        _keras("autorec_train_step"),
        dict(
            model=Lazy(lambda: helpers.build_autorec(3, 2, l2=0.1, seed=0)),
            optimizer=Lazy(_sgd),
            batch=np.eye(3) * 4,
            l2=0.1,
        ),
        dict(
            batch=[("no rating", np.zeros((3, 3)), ValueError), ("other users", np.eye(3, 4) * 4, ValueError)],
            optimizer=[("a string", "adam", TypeError)],
        ),
        SLOW,
        declared=Lazy(lambda: helpers.autorec_train_step),
    ),
    "build_autorec": Helper(
        _keras("build_autorec"),
        dict(n_users=10, hidden=4, l2=1e-3),
        marks=SLOW,
        declared=Lazy(lambda: helpers.build_autorec),
    ),
}

# Public names that are not called with learner data: results that helpers return, errors they
# raise, and constants. Each says why it is not in HELPERS.
NOT_CALLED = {
    "FactorModel": "returned by fit_als/fit_baseline",
    "FoldIn": "returned by fold_in_user",
    "ItemFoldIn": "returned by fold_in_item",
    "FeatureRidge": "returned by fit_feature_ridge",
    "RevealCurves": "returned by reveal_experiment",
    "TrainingSnapshots": "returned by train_with_snapshots",
    "AdamUpdate": "returned by adam_update",
    "AutoRecFit": "returned by fit_autorec",
    "ALSShuffle": "returned by als_shuffle_per_sweep",
    "SweepEstimate": "returned by als_sweep_on_paper",
    "JavaRuntime": "returned by find_java",
    "SparkRun": "returned by start_spark",
    "MovieLensError": "an error the loader raises",
    "JavaNotFoundError": "an error find_java raises",
    "SparkStartError": "an error start_spark raises",
    "TASTE_ITEMS": "a constant",
    "TOY_ITEMS": "a constant",
    "TOY_USERS": "a constant",
    "RankingReport": "returned by evaluate_ranking",
    "Tuning": "returned by tune_on_validation",
    "Interval": "returned by rmse_interval and the other interval helpers",
    "WorkedSolution": "returned by show_solution",
    "SliderPanel": "returned by slider_demo",
    "ProgressBar": "shown by progress_bar",
    "show_solution": "runs the course's own solution files: tests/teaching/test_solutions.py checks its arguments",
    "solution_path": "names the course's own solution files: tests/teaching/test_solutions.py checks its argument",
    "WeightedModel": "returned by fit_weighted_als",
    "ImplicitModel": "returned by fit_implicit_als",
    "EASEModel": "returned by fit_ease",
    "SVDFactors": "returned by truncated_svd",
    "PopularityModel": "returned by fit_popularity",
    "Recommender": "a protocol: tests/models/test_contract.py runs its contract over every model",
    "EXERCISES": "a constant: the exercises check_exercise knows",
    "Verdict": "returned by check_exercise",
    "masked_mse": "a Keras loss that Keras calls with tensors; train_with_snapshots checks the data",
}


def _cases(selected=lambda helper: True):
    for name, helper in HELPERS.items():
        if not selected(helper):
            continue
        cases = [*helper.generated(), *helper.hand_written()]
        for argument, label, value, expected in cases:
            yield pytest.param(name, argument, value, expected, id=f"{name}-{argument}-{label}", marks=helper.marks)


def case_counts() -> dict[str, tuple[int, int]]:
    """{helper: (generated cases, hand-written cases)}, for `python -m tests.support.case_counts`."""
    return {name: (len(list(h.generated())), len(list(h.hand_written()))) for name, h in HELPERS.items()}


def _label(expected):
    return expected if isinstance(expected, str) else expected.__name__


def pytest_generate_tests(metafunc):
    """The bad-input cases of the entries `-m` can select: the others' declarations are not read, so
    the fast tier never starts TensorFlow to read the Keras helpers' ones."""
    if metafunc.function is test_a_bad_input_gets_a_clear_error_naming_the_argument:
        markexpr = metafunc.config.getoption("markexpr")
        expression = Expression.compile(markexpr) if markexpr else None

        def selected(helper):
            names = {mark.name for mark in helper.marks}
            return expression is None or expression.evaluate(lambda name, **_: name in names)

        metafunc.parametrize("name, argument, value, expected", list(_cases(selected)))


def test_a_bad_input_gets_a_clear_error_naming_the_argument(name, argument, value, expected):
    helper = HELPERS[name]
    arguments = {key: _resolve(good) for key, good in helper.good.items()}
    arguments[argument] = _resolve(value)
    try:
        result = helper.call(**arguments)
    except (TypeError, ValueError) as error:
        message = str(error)
        assert expected is not OK, f"{name} refused a value it should accept ({argument}): {message}"
        assert type(error) is expected or (expected is ValueError and isinstance(error, ValueError)), (
            f"{name}({argument}=...) raised {type(error).__name__}, the convention says {_label(expected)}: {message}"
        )
        shown = "value" if argument == "value" else argument
        assert shown in message or name.split()[0] in message or argument in ("value", "recommend"), (
            f"{name}'s message does not name {argument!r}: {message}"
        )
        assert "Traceback" not in message
    except Exception as error:  # noqa: BLE001 - any other error is what this test exists to catch
        pytest.fail(f"{name}({argument}=...) raised a raw {type(error).__name__}: {error}")
    else:
        assert expected is OK, f"{name} silently accepted a bad {argument} ({_label(expected)} expected)"
        if isinstance(result, np.ndarray) and result.dtype.kind == "f":
            assert np.isfinite(result).all(), f"{name} returned NaN/inf for {argument}"


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=h.marks) for n, h in HELPERS.items() if h.good_call],
)
def test_the_catalogue_good_call_succeeds(name):
    helper = HELPERS[name]
    helper.call(**{key: _resolve(good) for key, good in helper.good.items()})


def test_every_public_helper_is_in_the_catalogue():
    named = {name.split()[0] for name in HELPERS} | set(NOT_CALLED)
    missing = sorted(set(helpers.__all__) - named)
    assert not missing, f"add these public helpers to HELPERS (or NOT_CALLED, with a reason): {missing}"
    assert not set(NOT_CALLED) & {name.split()[0] for name in HELPERS}


def test_the_explicit_zero_rule_is_stated_where_ratings_are_taken():
    for module in (helpers.core.validation, helpers.models.factorization):
        assert "never 0" in module.__doc__ or "is never 0" in module.__doc__, module.__name__
