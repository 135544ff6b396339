"""The `implicit` library's ALS and BPR on the canonical folds, beside notebook 07's ranking models.

The split is notebook 07's: its fold, and the validation part drawn with the fraction and seed of
its "parameters" cell (passed in by bench.run). Each library model picks its setting from a
small grid by NDCG@10 on that validation part, is refitted on the whole training fold, and is
scored once on the test fold with the course's own `evaluate_ranking`, the protocol the notebook
uses. The library sees which films each user rated (1 = rated), as its models expect.
"""

from __future__ import annotations

import time
from itertools import product

import numpy as np

ALS_GRID = dict(factors=(32, 64, 128), regularization=(0.01, 0.1, 1.0), alpha=(1.0, 5.0, 20.0))
BPR_GRID = dict(factors=(32, 64, 128), learning_rate=(0.01, 0.05), regularization=(0.001, 0.01))
HINT = 'implicit is not installed; to compare with it: .venv/bin/python -m pip install -e ".[bench]"'


def load_implicit():
    """The implicit module, or None (with a hint printed) when it is not installed."""
    try:
        import implicit.cpu.als
        import implicit.cpu.bpr
    except ImportError:
        print(HINT)
        return None
    return implicit


def _model(implicit, name: str, settings: dict, seed: int):
    if name == "ALS":
        return implicit.cpu.als.AlternatingLeastSquares(iterations=15, random_state=seed, **settings)
    return implicit.cpu.bpr.BayesianPersonalizedRanking(iterations=100, random_state=seed, **settings)


def _fit_scores(implicit, name: str, settings: dict, train, seed: int) -> tuple[np.ndarray, float]:
    """Users x items scores of the model fitted on `train` (which films were rated), and the fit seconds."""
    from threadpoolctl import threadpool_limits  # installed with implicit

    rated = (train > 0).astype(np.float32).tocsr()
    model = _model(implicit, name, settings, seed)
    began = time.perf_counter()
    with threadpool_limits(1, "blas"):  # as implicit advises: its own threads, not BLAS's, use the cores
        model.fit(rated, show_progress=False)
    seconds = time.perf_counter() - began
    return np.asarray(model.user_factors @ model.item_factors.T, dtype=float), seconds


def implicit_rows(implicit, ratings, fold: int, *, fraction: float, seed: int) -> list[dict]:
    """Test ranking figures and fit seconds of implicit's ALS and BPR, each tuned on the validation part."""
    from helpers import evaluate_ranking, movielens_fold, ratings_matrix, validation_split

    train, test = movielens_fold(ratings, fold)
    fit_part, valid_part = validation_split(train, fraction, seed=seed)
    shape = dict(n_users=int(ratings["user"].max()), n_items=int(ratings["item"].max()))
    R_train, R_test, R_fit, R_valid = (ratings_matrix(part, **shape) for part in (train, test, fit_part, valid_part))
    rows = []
    for name, grid in (("ALS", ALS_GRID), ("BPR", BPR_GRID)):
        began = time.perf_counter()
        tried = []
        for values in product(*grid.values()):
            settings = dict(zip(grid, values))
            scores, _ = _fit_scores(implicit, name, settings, R_fit, seed)
            tried.append((evaluate_ranking(scores, R_fit, R_valid).ndcg, settings))
        select_seconds = time.perf_counter() - began
        best_ndcg, best = max(tried, key=lambda pair: pair[0])
        scores, fit_seconds = _fit_scores(implicit, name, best, R_train, seed)
        report = evaluate_ranking(scores, R_train, R_test)
        rows.append(
            dict(
                fold=fold,
                library="implicit",
                method=f"{name} (tuned on validation)",
                **report.as_row(),
                fit_s=fit_seconds,
                select_s=select_seconds,
                settings=", ".join(f"{k}={v}" for k, v in best.items()) + f" (validation NDCG@10 {best_ndcg:.4f})",
            )
        )
    return rows
