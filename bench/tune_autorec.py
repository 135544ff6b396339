"""The validation search behind notebook 05's settings for I-AutoRec and ALS.

    .venv/bin/python -m bench.tune_autorec        # about 2-3 minutes on 2 cores

Every configuration is fitted on the fit part of notebook 05's fold and scored on its validation
part, split with the fold, fraction and seed of the notebook's "parameters" cell (needs the bench
extra, for papermill). The test fold is never read here.
"""

import numpy as np

from bench.notebook_runs import NOTEBOOKS, notebook_parameters
from helpers import fit_als, load_movielens_100k, movielens_fold, ratings_matrix, validation_split
from helpers.models.autorec import fit_autorec

AUTOREC_GRID = [  # (hidden units, L2 weight, Adam step)
    (200, 1e-3, 1e-2),
    (300, 1e-3, 1e-2),
    (400, 1e-3, 1e-2),
    (500, 1e-3, 1e-2),
    (400, 5e-4, 1e-2),
    (400, 3e-3, 1e-2),
    (400, 1e-3, 3e-2),
]
ALS_GRID = [(k, reg) for k in (20, 30, 50) for reg in (0.10, 0.12, 0.15)]


def main():
    settings = notebook_parameters(NOTEBOOKS / "05_movielens.ipynb")
    ratings, _ = load_movielens_100k()
    train, _ = movielens_fold(ratings, settings["FOLD"])
    fit_part, valid_part = validation_split(train, settings["VALIDATION_FRACTION"], seed=settings["SEED"])
    shape = dict(n_users=943, n_items=1682)
    fit_matrix, valid_matrix = ratings_matrix(fit_part, **shape), ratings_matrix(valid_part, **shape)

    print("I-AutoRec, early stopping on validation (patience 20):")
    print(f"{'hidden':>7} {'l2':>8} {'step':>7}  {'valid RMSE':>10}  {'best epoch':>10}  {'fit s':>6}")
    scores = []
    for hidden, l2, step in AUTOREC_GRID:
        result = fit_autorec(
            fit_matrix,
            valid=valid_matrix,
            hidden=hidden,
            l2=l2,
            learning_rate=step,
            max_epochs=500,
            patience=20,
            seed=0,
        )
        scores.append(result.history["valid_rmse"][result.best_epoch])
        print(
            f"{hidden:7d} {l2:8.0e} {step:7.0e}  {scores[-1]:10.4f}  {result.best_epoch:10d}  "
            f"{result.fit_seconds:6.1f}",
            flush=True,
        )
    print("chosen:", AUTOREC_GRID[int(np.argmin(scores))])

    print("\nmasked ALS (weighted reg), best of 15 iterations on validation:")
    print(f"{'k':>4} {'reg':>6}  {'valid RMSE':>10}  {'iterations':>10}")
    best = None
    for k, reg in ALS_GRID:
        history = np.array(
            fit_als(fit_matrix, k=k, reg=reg, n_iters=15, seed=0, eval_ratings=valid_matrix).history["eval_rmse"]
        )
        print(f"{k:4d} {reg:6.2f}  {history.min():10.4f}  {int(history.argmin()) + 1:10d}", flush=True)
        if best is None or history.min() < best[0]:
            best = (history.min(), k, reg, int(history.argmin()) + 1)
    print(f"chosen: k={best[1]}, reg={best[2]}, {best[3]} iterations")


if __name__ == "__main__":
    main()
