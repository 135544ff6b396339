"""scikit-surprise's BaselineOnly and SVD on the canonical folds, beside notebook 05's models.

The tuned SVD chooses its settings on the benchmark's validation split of each training fold
(`bench.search.validation_part`: a block of 20% in u.data's order, cut like the test folds) by a
coordinate search (from two starts) that grows each setting's ladder until the chosen value is interior
(`bench.search`), is refitted on the whole training fold and scored once on the test fold.
"""

from __future__ import annotations

import time

import numpy as np

from bench.search import SPLIT, Axis, multi_start_search, validation_part

# The tuned SVD's search: from near Surprise's defaults, steps of x2 on every setting.
SVD_AXES = dict(
    n_factors=Axis(100, 2, 5, 800, integer=True, bound="a cap on fit time"),
    n_epochs=Axis(20, 2, 5, 640, integer=True, bound="a cap on fit time"),
    lr_all=Axis(0.005, 2, 1e-4, 0.16, bound="the search's limit"),
    reg_all=Axis(0.05, 2, 1e-3, 3.2, bound="the search's limit"),
)
# Two starts, on the same ladders (a coordinate search finds a local optimum near its start): near
# Surprise's defaults, and at more epochs and a stronger penalty.
SVD_STARTS = [{}, dict(n_epochs=80, reg_all=0.1)]
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


def tune_svd(surprise, fit_part, valid_part):
    """The search's SVD settings with the lowest validation RMSE (fitted on fit_part, scored on valid_part)."""
    from helpers import rmse

    train = trainset(surprise, fit_part)
    y_valid = valid_part["rating"].to_numpy(float)

    def score(settings):
        algo = surprise.SVD(random_state=0, **settings)
        algo.fit(train)
        return rmse(y_valid, predict(algo, valid_part))

    return multi_start_search(score, SVD_AXES, SVD_STARTS, maximize=False)


def surprise_rows(surprise, ratings, fold: int) -> list[dict]:
    """Test RMSE/MAE and fit seconds of BaselineOnly, SVD (defaults) and SVD tuned on the validation part;
    the tuned row carries its search (chosen settings, values tried, edges) under "search"."""
    from helpers import mae, movielens_fold, rmse

    train, test = movielens_fold(ratings, fold)
    fit_part, valid_part = validation_part(train)
    full = trainset(surprise, train)
    search = tune_svd(surprise, fit_part, valid_part)
    tuned = search.chosen
    candidates = [
        ("BaselineOnly", surprise.BaselineOnly(verbose=False), None, "ALS baselines, defaults"),
        ("SVD (defaults)", surprise.SVD(random_state=0), None, "100 factors, 20 epochs, lr 0.005, reg 0.02"),
        (
            "SVD (tuned on validation)",
            surprise.SVD(random_state=0, **tuned),
            search,
            ", ".join(f"{k}={v}" for k, v in tuned.items()) + f" (validation RMSE {search.score:.4f})",
        ),
    ]
    y_test = test["rating"].to_numpy(float)
    rows = []
    for name, algo, tuning, settings in candidates:
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
                select_s=tuning.seconds if tuning else 0.0,
                settings=settings,
                search=dict(split=SPLIT, metric="validation RMSE", **tuning.as_dict()) if tuning else None,
            )
        )
    return rows
