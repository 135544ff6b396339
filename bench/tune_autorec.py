"""The validation search behind notebook 05's settings for I-AutoRec and masked ALS.

    .venv/bin/python -m bench.tune_autorec [--folds 1-5] [--only NAME] [--json bench/results/tune_autorec.json]

Every configuration is fitted on the fit part of the fold's training set and scored by RMSE on
its validation part, the benchmark's split (bench.search.validation_part: a block of 20% in
u.data's order, cut like the test folds), by the coordinate search of bench.search that grows
each ladder until the chosen value is interior. The test fold is never read here.

- I-AutoRec: hidden units, L2 weight decay (lambda_W) and Adam's step; the epoch is chosen by
  early stopping on the same validation part (patience 20, at most 500 epochs), on purpose:
  it is the notebook's protocol, and the chosen epoch is printed with each fit.
- masked ALS: rank k, the factor penalty lambda (reg, weighted by n_u) and the bias pseudo-count
  beta (shrinkage), run to convergence (a fixed 25 sweeps, the validation RMSE after the last):
  no early stopping as a hidden second regulariser. A move must lower the validation RMSE by more
  than ALS_TOLERANCE: with the count-weighted penalty the RMSE creeps down as k grows (on u1, at
  reg 0.12 and beta 5: 0.9338, 0.9334, 0.9333 at k = 50, 75, 112), and without a tolerance the
  search would walk to its cap on k for gains far inside the noise.
"""

import time

from bench.search import Axis, validation_part
from bench.tuning import RESULTS, parse_args, search_models, write
from helpers import fit_als, load_movielens_100k, movielens_fold, ratings_matrix
from helpers.models.autorec import fit_autorec

SEED = 0
ALS_SWEEPS = 25
ALS_TOLERANCE = 5e-4  # validation RMSE: a smaller gain does not move the search
AUTOREC_AXES = dict(
    hidden=Axis(400, 1.5, 50, 1600, integer=True, bound="a cap on fit time and memory"),
    l2=Axis(1e-3, 3, 1e-6, 1.0),
    learning_rate=Axis(1e-2, 2, 1e-4, 0.16),
)
ALS_AXES = dict(
    k=Axis(50, 1.5, 2, 300, integer=True, bound="a cap on fit time"),
    reg=Axis(0.12, 1.5, 1e-3, 10.0),
    shrinkage=Axis(5.0, 2, 0.3, 400.0, bound="beta near 0 is no shrinkage: 0.3 stands for it"),
)


def main(argv=None):
    args = parse_args("python -m bench.tune_autorec", __doc__.split("\n\n")[0], RESULTS / "tune_autorec.json", argv)
    began = time.perf_counter()
    ratings, _ = load_movielens_100k()
    shape = dict(n_users=943, n_items=1682)

    def make_parts(fold):
        train, _ = movielens_fold(ratings, fold)
        fit_part, valid_part = validation_part(train)
        return ratings_matrix(fit_part, **shape), ratings_matrix(valid_part, **shape)

    def autorec(parts):
        R_fit, R_valid = parts

        def score(s):
            result = fit_autorec(
                R_fit,
                valid=R_valid,
                hidden=s["hidden"],
                l2=s["l2"],
                learning_rate=s["learning_rate"],
                max_epochs=500,
                patience=20,
                seed=SEED,
            )
            print(f"    (best epoch {result.best_epoch}, {result.fit_seconds:.0f} s)", flush=True)
            return result.history["valid_rmse"][result.best_epoch]

        return score

    def als(parts):
        R_fit, R_valid = parts
        return lambda s: fit_als(
            R_fit,
            k=s["k"],
            reg=s["reg"],
            shrinkage=s["shrinkage"],
            n_iters=ALS_SWEEPS,
            seed=SEED,
            eval_ratings=R_valid,
        ).history["eval_rmse"][-1]

    metric = "validation RMSE"
    models = [
        (f"masked ALS ({ALS_SWEEPS} sweeps)", ALS_AXES, als, False, metric, None, ALS_TOLERANCE),
        ("I-AutoRec (early stopping, patience 20)", AUTOREC_AXES, autorec, False, metric, None),
    ]
    results = search_models(models, args.folds, make_parts, args.only)
    write(
        args.json,
        f"python -m bench.tune_autorec --folds {args.folds}" + (f" --only {args.only!r}" if args.only else ""),
        results,
        began,
    )


if __name__ == "__main__":
    main()
