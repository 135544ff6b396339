"""The validation search behind notebook 07's settings for weighted ALS and EASE.

    .venv/bin/python -m bench.tune_ranking        # a few minutes on 2 cores

Every setting is fitted on the fit part of notebook 07's fold and scored by NDCG@10 on its
validation part (split with the fold, fraction and seed of the notebook's "parameters" cell;
needs the bench extra, for papermill). The test fold is never read here.
"""

import itertools
import time

from bench.notebook_runs import NOTEBOOKS, notebook_parameters
from helpers import (
    ease_scores,
    evaluate_ranking,
    fit_ease,
    fit_weighted_als,
    load_movielens_100k,
    movielens_fold,
    ratings_matrix,
    validation_split,
    weighted_scores,
)

RANKS = (10, 20, 30)  # each fit of a larger rank takes several seconds on 2 cores
REGS = (0.01, 0.03, 0.1)
W0S = (0.03, 0.1, 0.2, 0.3, 0.5, 1.0)
EASE_REGS = (100, 200, 400, 800)


def main():
    settings = notebook_parameters(NOTEBOOKS / "07_ranking.ipynb")
    ratings, _ = load_movielens_100k()
    train, _ = movielens_fold(ratings, settings["FOLD"])
    fit_part, valid_part = validation_split(train, settings["VALIDATION_FRACTION"], seed=settings["SEED"])
    shape = dict(n_users=int(ratings["user"].max()), n_items=int(ratings["item"].max()))
    R_fit, R_valid = ratings_matrix(fit_part, **shape), ratings_matrix(valid_part, **shape)

    print("weighted ALS, 10 sweeps: validation NDCG@10")
    print(f"{'k':>4} {'reg':>6} {'w0':>6}  {'NDCG@10':>8}  {'fit s':>6}")
    best = None
    for k, reg, w0 in itertools.product(RANKS, REGS, W0S):
        began = time.perf_counter()
        model = fit_weighted_als(R_fit, k=k, reg=reg, w0=w0, n_iters=10, seed=settings["SEED"])
        seconds = time.perf_counter() - began
        ndcg = evaluate_ranking(weighted_scores(model), R_fit, R_valid).ndcg
        print(f"{k:4d} {reg:6.2f} {w0:6.2f}  {ndcg:8.4f}  {seconds:6.1f}", flush=True)
        if best is None or ndcg > best[0]:
            best = (ndcg, k, reg, w0)
    print(f"chosen: k={best[1]}, reg={best[2]}, w0={best[3]} (validation NDCG@10 {best[0]:.4f})")

    print("\nEASE: validation NDCG@10")
    scores = {
        reg: evaluate_ranking(ease_scores(fit_ease(R_fit, reg=reg), R_fit), R_fit, R_valid).ndcg for reg in EASE_REGS
    }
    for reg, ndcg in scores.items():
        print(f"reg {reg:5d}: {ndcg:.4f}")
    print(f"chosen: reg={max(scores, key=scores.get)}")


if __name__ == "__main__":
    main()
