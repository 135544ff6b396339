"""Single-machine ALS timings for notebook 06's COST argument (McSherry, Isard and Murray 2015): how
fast one machine runs ALS on MovieLens 100K, with one thread and with every core.

    .venv/bin/python -m bench.run --sections als_timings

On u1.base (80,000 ratings, 943 x 1,682), at rank 10 and 50, a fixed number of sweeps (no
validation, no early stopping), best of `repeats` after one untimed warm-up:

- the implicit library's ALS (Hu, Koren and Volinsky's implicit-feedback objective over every
  cell), with its default conjugate-gradient solver and with the exact solve (use_cg=False);
  threads = its own num_threads (1, or 0 = every core), BLAS held to one thread as it advises;
- the course's `fit_als` (explicit ratings, observed cells only, the model notebook 06 compares
  with Spark) and `fit_implicit_als` (the same objective as the library's, in NumPy);
  threads = the BLAS thread pool (threadpoolctl), 1 or every core.

The settings do not matter for the time (fixed sweeps), so they are the course's: reg 0.12 for
fit_als, the library's defaults otherwise.
"""

from __future__ import annotations

import os
import time

import numpy as np

RANKS = (10, 50)
SWEEPS = 10


def _timed(fit, repeats: int) -> float:
    fit()  # warm-up, untimed
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        fit()
        best = min(best, time.perf_counter() - began)
    return best


def _library_fit(implicit, rated, k: int, use_cg: bool, num_threads: int):
    model = implicit.cpu.als.AlternatingLeastSquares(
        factors=k, iterations=SWEEPS, use_cg=use_cg, num_threads=num_threads, random_state=0
    )
    model.fit(rated, show_progress=False)


def als_timing_rows(ratings, fold: int = 1, *, repeats: int = 3, implicit=None) -> list[dict]:
    """One row per (implementation, rank, threads): seconds for SWEEPS sweeps, per sweep, and per rating per sweep."""
    from threadpoolctl import threadpool_limits

    from helpers import fit_als, fit_implicit_als, movielens_fold, ratings_matrix

    train, _ = movielens_fold(ratings, fold)
    R = ratings_matrix(train, n_users=int(ratings["user"].max()), n_items=int(ratings["item"].max()))
    rated = (R > 0).astype(np.float32).tocsr()
    cores = os.cpu_count() or 1
    fits = {}
    for k in RANKS:
        for threads in sorted({1, cores}):
            fits[("course fit_als (explicit, NumPy)", k, threads, "blas")] = lambda k=k: fit_als(
                R, k=k, reg=0.12, n_iters=SWEEPS, seed=0
            )
            fits[("course fit_implicit_als (NumPy)", k, threads, "blas")] = lambda k=k: fit_implicit_als(
                R, k=k, reg=0.01, alpha=1.0, n_iters=SWEEPS, seed=0
            )
            if implicit is not None:
                for solver, use_cg in (("conjugate gradient", True), ("exact solve", False)):
                    name = f"implicit ALS ({solver})"
                    fits[(name, k, threads, "own")] = lambda k=k, t=threads, cg=use_cg: _library_fit(
                        implicit, rated, k, cg, 0 if t == cores else t
                    )
    rows = []
    for (name, k, threads, pool), fit in fits.items():
        blas = threads if pool == "blas" else 1
        with threadpool_limits(blas, "blas"):
            seconds = _timed(fit, repeats)
        rows.append(
            dict(
                implementation=name,
                rank=k,
                threads=threads,
                sweeps=SWEEPS,
                seconds=seconds,
                per_sweep_s=seconds / SWEEPS,
                us_per_rating_sweep=1e6 * seconds / SWEEPS / R.nnz,
            )
        )
        print(f"  {name}, rank {k}, {threads} thread(s): {seconds:.2f} s for {SWEEPS} sweeps", flush=True)
    return rows
