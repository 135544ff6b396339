"""The validation search behind notebook 07's settings for weighted ALS, EASE and implicit-feedback ALS.

    .venv/bin/python -m bench.tune_ranking [--folds 1-5] [--only NAME] [--json bench/results/tune_ranking.json]

Every setting is fitted on the fit part of the fold's training set and scored by NDCG@10 on its
validation part, the benchmark's split (bench.search.validation_part: a block of 20% in u.data's
order, cut like the test folds), by the coordinate search of bench.search that grows each ladder
until the chosen value is interior. The test fold is never read here. Sweeps are fixed, as the
notebook's (weighted ALS 10, implicit-feedback ALS 10).
"""

import time

from bench.search import Axis, validation_part
from bench.tuning import RESULTS, parse_args, search_models, write
from helpers import (
    ease_scores,
    evaluate_ranking,
    fit_ease,
    fit_implicit_als,
    fit_weighted_als,
    load_movielens_100k,
    movielens_fold,
    ratings_matrix,
    weighted_scores,
)

SEED = 0
WEIGHTED_AXES = dict(
    k=Axis(20, 1.5, 4, 200, integer=True, bound="a cap on fit time"),
    reg=Axis(0.03, 3, 1e-4, 10.0),
    w0=Axis(0.3, 1.6, 0.01, 1.0, bound="w0 = 1 weighs unrated cells as rated ones: no longer a weighting"),
)
EASE_AXES = dict(reg=Axis(400, 1.5, 10, 20000))
IMPLICIT_AXES = dict(
    k=Axis(20, 1.5, 4, 200, integer=True, bound="a cap on fit time"),
    reg=Axis(1.0, 3, 1e-3, 3000.0),
    alpha=Axis(1.0, 3, 0.01, 300.0),
)


def main(argv=None):
    args = parse_args("python -m bench.tune_ranking", __doc__.split("\n\n")[0], RESULTS / "tune_ranking.json", argv)
    began = time.perf_counter()
    ratings, _ = load_movielens_100k()
    shape = dict(n_users=int(ratings["user"].max()), n_items=int(ratings["item"].max()))

    def make_parts(fold):
        train, _ = movielens_fold(ratings, fold)
        fit_part, valid_part = validation_part(train)
        return ratings_matrix(fit_part, **shape), ratings_matrix(valid_part, **shape)

    def weighted(parts):
        R_fit, R_valid = parts
        return lambda s: (
            evaluate_ranking(
                weighted_scores(fit_weighted_als(R_fit, k=s["k"], reg=s["reg"], w0=s["w0"], n_iters=10, seed=SEED)),
                R_fit,
                R_valid,
            ).ndcg
        )

    def ease(parts):
        R_fit, R_valid = parts
        return lambda s: evaluate_ranking(ease_scores(fit_ease(R_fit, reg=s["reg"]), R_fit), R_fit, R_valid).ndcg

    def implicit(parts):
        R_fit, R_valid = parts
        return lambda s: (
            evaluate_ranking(
                weighted_scores(
                    fit_implicit_als(R_fit, k=s["k"], reg=s["reg"], alpha=s["alpha"], n_iters=10, seed=SEED)
                ),
                R_fit,
                R_valid,
            ).ndcg
        )

    metric = "validation NDCG@10"
    models = [
        ("weighted ALS (10 sweeps)", WEIGHTED_AXES, weighted, True, metric, None),
        ("EASE", EASE_AXES, ease, True, metric, None),
        ("implicit-feedback ALS (10 sweeps)", IMPLICIT_AXES, implicit, True, metric, None),
    ]
    results = search_models(models, args.folds, make_parts, args.only)
    write(
        args.json,
        f"python -m bench.tune_ranking --folds {args.folds}" + (f" --only {args.only!r}" if args.only else ""),
        results,
        began,
    )


if __name__ == "__main__":
    main()
