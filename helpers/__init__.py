"""Shared helpers for the latent factor course: the notebooks import everything from here.

The package is grouped by layer, lowest first; a module imports only from its own layer or
lower ones (tests/test_package.py checks it):

- `core/`: argument validation, seeding, timing, process settings
- `data/`: the toy matrices, train/held-out splits, MovieLens 100K
- `models/`: SVD, ALS, weighted ALS, EASE, autoencoders, baselines; the `Recommender` protocol
- `evaluation/`: error and ranking metrics, the reveal experiment, results tables
- `views/`: figures, slider views and widgets
- `teaching/`: the exercise checker and its cases, one module per notebook
- `spark/`: Apache Spark (notebook 06)

`from helpers import truncated_svd` works for every public helper; each module is imported on
first use (lazy_loader reads the names from `__init__.pyi`), so `import helpers` is quick,
notebook 01 never starts TensorFlow, and importing changes no process setting (the Keras and
Spark helpers apply theirs when first used: `helpers.core.memory.configure_process`).

`helper_name??` in a notebook shows any helper's source.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
