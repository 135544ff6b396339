"""Shared helpers for the latent factor course: the notebooks import everything from here.

Each module has one job and lists its public names in its own `__all__`; this package gathers
them, so `from helpers import truncated_svd` works for every helper, and `helpers.<Tab>` lists
them all. The modules that import Keras and TensorFlow (`neural`, `autorec`) load on first use,
so a notebook that never trains a neural model never pays TensorFlow's start-up time.

`helper_name??` in a notebook shows any helper's source.
"""

from importlib import import_module
from types import ModuleType

from . import memory  # noqa: F401  (first: caps malloc arenas before any library starts threads)
from .blend import *
from .coldstart import *
from .exercise_cases import *
from .exercises import *
from .factorization import *
from .metrics import *
from .movielens import *
from .movielens_files import *
from .plotting import *
from .popularity import *
from .ranking import *
from .ranking_models import *
from .recommend import *
from .results import *
from .seeding import *
from .spark import *
from .splits import *
from .svd import *
from .timing import *
from .toy_data import *
from .views import *
from .widgets import *

# Importing a submodule binds its name here: every course module imported above.
_INTERNAL = ("memory", "quiet", "validation")  # used by the helpers themselves, not by the notebooks
_EAGER_MODULES = [
    value
    for value in list(globals().values())
    if isinstance(value, ModuleType)
    and value.__name__.startswith(f"{__name__}.")
    and value.__name__.rpartition(".")[2] not in _INTERNAL
]

# The public names of the Keras modules, known here without importing them (a test checks
# that each list matches its module's __all__).
_LAZY = {
    "neural": (
        "TrainingSnapshots",
        "build_autoencoder",
        "denormalise_ratings",
        "masked_mse",
        "normalise_ratings",
        "train_with_snapshots",
    ),
    "autorec": (
        "AutoRecFit",
        "autorec_item_codes",
        "autorec_objective",
        "build_autorec",
        "fit_autorec",
        "predict_autorec",
    ),
}
_LAZY_NAMES = {name: module for module, names in _LAZY.items() for name in names}

__all__ = sorted({name for module in _EAGER_MODULES for name in module.__all__} | set(_LAZY_NAMES))


def __getattr__(name):
    if name in _LAZY_NAMES:
        return getattr(import_module(f".{_LAZY_NAMES[name]}", __name__), name)
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY_NAMES))
