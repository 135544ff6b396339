"""Fit time against the number of ratings: samples of one training fold, fixed settings, best of n.

An experiment of the benchmark's own (no notebook makes this figure), so its settings are fixed
here: the course's masked ALS and I-AutoRec at the sizes notebook 05 ends up with, and
Surprise's default SVD. The matrix keeps all 943 users and 1,682 films at every size.
"""

from __future__ import annotations

import time

import numpy as np

from bench.surprise_models import trainset

SIZES = (10_000, 25_000, 50_000, 80_000)
ALS = dict(k=50, reg=0.12, n_iters=5, seed=0)
AUTOREC = dict(hidden=400, l2=1e-3, learning_rate=1e-2, seed=0)


def growth_exponent(sizes, seconds) -> float:
    """The slope of log(seconds) against log(ratings): time ~ ratings ** slope."""
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])


def scaling_rows(ratings, fold: int, *, epochs: int, repeats: int, surprise=None) -> list[dict]:
    """Best-of-`repeats` fit seconds of each model at each size; sizes interleaved between repeats."""
    from helpers import fit_als, fit_autorec, movielens_fold, ratings_matrix, set_seed

    train, _ = movielens_fold(ratings, fold)
    shape = dict(n_users=int(ratings["user"].max()), n_items=int(ratings["item"].max()))
    sizes = [n for n in SIZES if n <= len(train)]
    fitters = {
        "masked ALS (k=50, reg=0.12, 5 iterations)": lambda s: fit_als(ratings_matrix(s, **shape), **ALS),
        f"I-AutoRec (400 hidden, {epochs} epochs)": lambda s: fit_autorec(
            ratings_matrix(s, **shape), max_epochs=epochs, **AUTOREC
        ),
    }
    if surprise is not None:
        fitters["Surprise SVD (defaults)"] = lambda s: surprise.SVD(random_state=0).fit(trainset(surprise, s))
    rng = np.random.default_rng(0)
    samples = {n: train.iloc[np.sort(rng.choice(len(train), size=n, replace=False))] for n in sizes}
    rows = []
    for name, fit in fitters.items():
        fit(samples[sizes[0]])  # warm-up, untimed: first-call costs (TensorFlow tracing) are not growth
        runs = {n: [] for n in sizes}
        for _ in range(repeats):  # interleaved, so a busy spell on the machine hits every size alike
            for n in sizes:
                set_seed(0)
                began = time.perf_counter()
                fit(samples[n])
                runs[n].append(time.perf_counter() - began)
        seconds = [min(runs[n]) for n in sizes]
        rows.append(
            dict(
                model=name,
                **{f"{n // 1000}k s": s for n, s in zip(sizes, seconds)},
                exponent=growth_exponent(sizes, seconds),
            )
        )
    return rows
