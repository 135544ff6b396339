"""Shared helpers for the latent factor course: the notebooks import everything from here.

Helpers that need Keras live in `helpers.neural`; they are loaded on first use, so a notebook
that never trains a neural model never pays TensorFlow's start-up time.
"""

from importlib import import_module

from .plotting import figure_png, new_figure, plot_matrix, plot_spectrum, rank_k_view
from .seeding import set_seed
from .svd import eckart_young_error, frobenius_error, reconstruct, singular_values, truncated_svd
from .timing import format_seconds, stopwatch
from .toy_data import TOY_ITEMS, TOY_USERS, toy_ratings
from .widgets import slider_demo

_LAZY = {}  # name -> submodule, for helpers whose module imports Keras


def __getattr__(name):
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


__all__ = [
    "TOY_ITEMS", "TOY_USERS", "eckart_young_error", "figure_png", "format_seconds",
    "frobenius_error", "new_figure", "plot_matrix", "plot_spectrum", "rank_k_view",
    "reconstruct", "set_seed", "singular_values", "slider_demo", "stopwatch", "toy_ratings",
    "truncated_svd", *_LAZY,
]
