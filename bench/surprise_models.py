"""scikit-surprise's BaselineOnly and SVD on the canonical folds, beside notebook 05's models.

The split is notebook 05's: its fold, and the validation part drawn with the fraction and seed of
its "parameters" cell (passed in by bench.run), so Surprise's tuned SVD chooses its setting
on exactly the ratings the notebook chose its settings on, and never sees the test fold.
"""

from __future__ import annotations

import time
from itertools import product

import numpy as np

# The tuned SVD: every combination is scored on the validation part, and the best refitted.
SVD_GRID = dict(n_factors=(50, 100, 200), n_epochs=(20, 40), lr_all=(0.005, 0.01), reg_all=(0.02, 0.05, 0.1))
HINT = 'scikit-surprise is not installed; to compare with it: .venv/bin/python -m pip install -e ".[bench]"'


def load_surprise():
    """The surprise module, or None (with a hint printed) when it is not installed."""
    try:
        import surprise
    except ImportError:
        print(HINT)
        return None
    return surprise


def trainset(surprise, frame):
    """A Surprise Trainset of a ratings DataFrame (raw ids = MovieLens ids)."""
    reader = surprise.Reader(rating_scale=(1, 5))
    return surprise.Dataset.load_from_df(frame[["user", "item", "rating"]], reader).build_full_trainset()


def predict(algo, frame) -> np.ndarray:
    """Surprise's estimate for each (user, item) row of `frame`, through its own test() (clipped to 1..5)."""
    pairs = zip(frame["user"].to_numpy(), frame["item"].to_numpy(), frame["rating"].to_numpy(float))
    return np.array([p.est for p in algo.test(list(pairs))])


def tune_svd(surprise, fit_part, valid_part) -> tuple[dict, float]:
    """The SVD_GRID setting with the lowest validation RMSE (fitted on fit_part, scored on valid_part)."""
    from helpers import rmse

    train = trainset(surprise, fit_part)
    y_valid = valid_part["rating"].to_numpy(float)
    scores = []
    for values in product(*SVD_GRID.values()):
        settings = dict(zip(SVD_GRID, values))
        algo = surprise.SVD(random_state=0, **settings)
        algo.fit(train)
        scores.append((rmse(y_valid, predict(algo, valid_part)), settings))
    best_rmse, best = min(scores, key=lambda pair: pair[0])
    return best, best_rmse


def surprise_rows(surprise, ratings, fold: int, *, fraction: float, seed: int) -> list[dict]:
    """Test RMSE/MAE and fit seconds of BaselineOnly, SVD (defaults) and SVD tuned on the validation part."""
    from helpers import mae, movielens_fold, rmse, validation_split

    train, test = movielens_fold(ratings, fold)
    fit_part, valid_part = validation_split(train, fraction, seed=seed)
    full = trainset(surprise, train)
    began = time.perf_counter()
    tuned, valid_rmse = tune_svd(surprise, fit_part, valid_part)
    select_s = time.perf_counter() - began
    candidates = [
        ("BaselineOnly", surprise.BaselineOnly(verbose=False), 0.0, "ALS baselines, defaults"),
        ("SVD (defaults)", surprise.SVD(random_state=0), 0.0, "100 factors, 20 epochs, lr 0.005, reg 0.02"),
        (
            "SVD (tuned on validation)",
            surprise.SVD(random_state=0, **tuned),
            select_s,
            ", ".join(f"{k}={v}" for k, v in tuned.items()) + f" (valid RMSE {valid_rmse:.4f})",
        ),
    ]
    y_test = test["rating"].to_numpy(float)
    rows = []
    for name, algo, select, settings in candidates:
        began = time.perf_counter()
        algo.fit(full)
        fit_s = time.perf_counter() - began
        prediction = predict(algo, test)
        rows.append(
            dict(
                fold=fold,
                library="surprise",
                method=name,
                RMSE=rmse(y_test, prediction),
                MAE=mae(y_test, prediction),
                fit_s=fit_s,
                select_s=select,
                settings=settings,
            )
        )
    return rows
