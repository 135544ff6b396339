"""Shared helpers for the latent factor course: the notebooks import everything from here.

Helpers that need Keras live in `helpers.neural`; they are loaded on first use, so a notebook
that never trains a neural model never pays TensorFlow's start-up time.
"""

from importlib import import_module

from .coldstart import (TASTE_ITEMS, explain_prediction, fold_in_view, reveal_experiment,
                        taste_ratings)
from .factorization import (FactorModel, FoldIn, damped_item_means, fit_als, fit_baseline, fold_in_user,
                            item_popularity, predict, predict_matrix)
from .metrics import mae, masked_mae, masked_rmse, rmse
from .movielens import (MovieLensError, item_index, item_of_column, items_by_title, load_movielens_100k,
                        movielens_fold, primary_genre, ratings_matrix, user_index, user_of_row,
                        validation_split)
from .plotting import (autoencoder_epochs_view, figure_png, new_figure, plot_loss_curve, plot_matrix,
                       plot_item_map, plot_long_tail, plot_rating_histogram, plot_spectrum,
                       rank_k_view, train_vs_heldout_view)
from .recommend import item_map_2d, nearest_items, recommendation_view, similarity_scores, top_n
from .seeding import set_seed
from .svd import (eckart_young_error, frobenius_error, predict_svd, principal_angles, reconstruct,
                  singular_values, truncated_svd)
from .timing import format_seconds, stopwatch
from .spark import (ALSShuffle, JavaNotFoundError, JavaRuntime, SparkRun, SparkStartError, SweepEstimate,
                    als_block, als_shuffle_per_sweep, als_sweep_on_paper, find_java, ratings_to_spark,
                    replicate_users, replicate_users_spark, resample_users, start_spark)
from .splits import split_observed
from .toy_data import TOY_ITEMS, TOY_USERS, original_missing_ratings, toy_ratings
from .widgets import slider_demo

# name -> submodule, for helpers whose module imports Keras
_LAZY = {
    **{name: "neural" for name in ("TrainingSnapshots", "build_autoencoder", "denormalise_ratings",
                                   "masked_mse", "normalise_ratings", "train_with_snapshots")},
    **{name: "autorec" for name in ("AutoRecFit", "apply_blend", "autorec_item_codes", "build_autorec",
                                    "fit_autorec", "fit_blend", "predict_autorec")},
}


def __getattr__(name):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


__all__ = [
    "ALSShuffle", "JavaNotFoundError", "JavaRuntime", "SparkRun", "SparkStartError", "SweepEstimate",
    "als_block", "als_shuffle_per_sweep", "als_sweep_on_paper", "find_java", "ratings_to_spark",
    "replicate_users", "replicate_users_spark", "resample_users", "start_spark",
    "items_by_title", "primary_genre", "plot_item_map", "plot_long_tail", "plot_rating_histogram",
    "item_map_2d", "nearest_items", "recommendation_view", "similarity_scores", "top_n",
    "TASTE_ITEMS", "explain_prediction", "fold_in_view", "reveal_experiment", "taste_ratings",
    "FactorModel", "FoldIn", "damped_item_means", "fit_als", "fit_baseline", "fold_in_user",
    "item_popularity", "predict", "predict_matrix", "mae", "masked_mae", "masked_rmse", "rmse",
    "split_observed", "original_missing_ratings", "train_vs_heldout_view",
    "MovieLensError", "item_index", "item_of_column", "load_movielens_100k", "movielens_fold",
    "ratings_matrix", "user_index", "user_of_row", "validation_split",
    "TOY_ITEMS", "TOY_USERS", "autoencoder_epochs_view", "eckart_young_error", "figure_png",
    "format_seconds", "frobenius_error", "new_figure", "plot_loss_curve", "plot_matrix",
    "plot_spectrum", "predict_svd", "principal_angles", "rank_k_view",
    "reconstruct", "set_seed", "singular_values", "slider_demo", "stopwatch", "toy_ratings",
    "truncated_svd", *_LAZY,
]
