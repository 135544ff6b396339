"""The `implicit` library's ALS and BPR on the canonical folds, beside notebook 07's ranking models.

Each library model chooses its settings by NDCG@10 on the benchmark's validation split of the
training fold (`bench.search.validation_part`: a block of 20% in u.data's order, cut like the
test folds) with the coordinate search of `bench.search`, which grows every setting's ladder
until the chosen value is interior; it is then refitted on the whole training fold and scored
once on the test fold with the course's own `evaluate_ranking`, the protocol notebook 07 uses.
The library sees which films each user rated (1 = rated), as its models expect.
"""

from __future__ import annotations

import time

import numpy as np

from bench.search import SPLIT, Axis, coordinate_search, validation_part

ALS_ITERATIONS = 15  # ALS converges in a few sweeps; fixed, not searched
# Each search starts where a first, wider search on u1's validation split ended (ALS from factors 64,
# regularization 3, alpha 3; BPR from factors 64, learning rate 0.01, regularization 0.01), so the
# usual run costs a few fits per setting; the ladders still grow wherever a fold's optimum lies.
ALS_AXES = dict(
    factors=Axis(64, 2, 4, 512, integer=True, bound="a cap on fit time"),
    regularization=Axis(30.0, 3, 1e-3, 3000.0),
    alpha=Axis(3.0, 3, 0.01, 300.0),
)
BPR_AXES = dict(
    factors=Axis(64, 2, 4, 512, integer=True, bound="a cap on fit time"),
    learning_rate=Axis(0.005, 2, 1e-4, 0.64),
    regularization=Axis(1e-4, 3, 1e-6, 1.0),
    iterations=Axis(100, 2, 25, 800, integer=True, bound="a cap on fit time"),
)
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
        return implicit.cpu.als.AlternatingLeastSquares(iterations=ALS_ITERATIONS, random_state=seed, **settings)
    return implicit.cpu.bpr.BayesianPersonalizedRanking(random_state=seed, **settings)


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


def implicit_rows(implicit, ratings, fold: int, *, seed: int = 0) -> list[dict]:
    """Test ranking figures and fit seconds of implicit's ALS and BPR, each tuned on the validation part;
    each row carries its search (chosen settings, values tried, edges) under "search"."""
    from helpers import evaluate_ranking, movielens_fold, ratings_matrix

    train, test = movielens_fold(ratings, fold)
    fit_part, valid_part = validation_part(train)
    shape = dict(n_users=int(ratings["user"].max()), n_items=int(ratings["item"].max()))
    R_train, R_test, R_fit, R_valid = (ratings_matrix(part, **shape) for part in (train, test, fit_part, valid_part))
    rows = []
    for name, axes in (("ALS", ALS_AXES), ("BPR", BPR_AXES)):

        def score(settings, name=name):
            scores, _ = _fit_scores(implicit, name, settings, R_fit, seed)
            return evaluate_ranking(scores, R_fit, R_valid).ndcg

        search = coordinate_search(score, axes, maximize=True)
        scores, fit_seconds = _fit_scores(implicit, name, search.chosen, R_train, seed)
        report = evaluate_ranking(scores, R_train, R_test)
        fixed = f", iterations={ALS_ITERATIONS}" if name == "ALS" else ""
        rows.append(
            dict(
                fold=fold,
                library="implicit",
                method=f"{name} (tuned on validation)",
                **report.as_row(),
                fit_s=fit_seconds,
                select_s=search.seconds,
                settings=", ".join(f"{k}={v}" for k, v in search.chosen.items())
                + fixed
                + f" (validation NDCG@10 {search.score:.4f})",
                search=dict(split=SPLIT, metric="validation NDCG@10", **search.as_dict()),
            )
        )
    return rows
