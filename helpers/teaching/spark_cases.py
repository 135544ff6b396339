"""The cases, answers and typical-mistake code of notebook 06's exercises: mean recall@k of top-N
lists as Spark's `recommendForAllUsers` returns them after `.collect()`, and the predicted time
of an ALS fit from the per-sweep cost model.

Pure Python and NumPy: the checkers never start Spark. `cases.EXERCISES` takes them in with
their hints. Introduced in notebook 06.
"""

from __future__ import annotations

import numpy as np

from helpers.evaluation.ranking import recall_at_k
from helpers.spark.cost_model import als_sweep_on_paper
from helpers.teaching.exercise_spec import _Exercise, _Mistake

__all__: list[str] = []


# --- 06: mean recall@k of Spark's collected top-N lists ------------------------------------------


def _lists_case(rng):
    """Per-user lists of 3 to 10 films (often longer than k) and held-out relevant films per user.

    Some users have no relevant film (an empty list in `relevant`, or no entry at all), some more
    relevant films than k: every edge case the mistakes below need is in the checker's cases.
    """
    n_items, k = int(rng.integers(15, 30)), int(rng.integers(2, 6))
    users = rng.choice(np.arange(1, 60), size=int(rng.integers(5, 9)), replace=False)
    recommended = {
        int(user): [int(item) for item in rng.choice(n_items, size=int(rng.integers(3, 11)), replace=False)]
        for user in users
    }
    relevant = {}
    for position, user in enumerate(users):
        if position == 0:
            relevant[int(user)] = []  # held-out ratings, none of them relevant
        elif position == 1:
            continue  # no held-out rating at all
        else:
            listed = recommended[int(user)]
            size = int(rng.integers(1, 2 * k + 2))
            hits = [item for item in listed if rng.random() < 0.5][:size]
            others = [int(item) for item in rng.permutation(n_items) if item not in listed]
            relevant[int(user)] = hits + others[: size - len(hits)]
    return dict(recommended=recommended, relevant=relevant, k=k)


def _recall_from_lists(recommended, relevant, k):
    """The course's recall_at_k, one user at a time (lists differ in length), averaged over scored users."""
    per_user = []
    for user, liked in relevant.items():
        if not liked:
            continue
        listed = np.array(recommended[user][:k])
        mask = np.zeros((1, max(max(liked), int(listed.max())) + 1), dtype=bool)
        mask[0, liked] = True
        per_user.append(recall_at_k(listed[None], mask)[0])
    return float(np.mean(per_user))


def _per_user(recommended, relevant, k, *, cut=True, denominator="relevant", skip=True):
    """Recall of each user with one thing changed: the cut at k, the denominator, the skipping."""
    values = []
    for user in recommended:
        liked = set(relevant.get(user, []))
        if not liked and skip:
            continue
        listed = recommended[user][:k] if cut else recommended[user]
        hits = len(liked.intersection(listed))
        size = {"relevant": len(liked), "min": min(k, len(liked)), "k": k}[denominator]
        values.append(hits / size if size else 0.0)
    return values


def _pooled(recommended, relevant, k):
    hits = sum(len(set(liked).intersection(recommended[user][:k])) for user, liked in relevant.items())
    return hits / sum(len(liked) for liked in relevant.values())


def _spark_exercises():
    return {
        "recall_from_lists": _Exercise(
            signature="recall_from_lists(recommended, relevant, k) -> mean recall@k (a float) over the users "
            "with a relevant film",
            cases=_lists_case,
            reference=_recall_from_lists,
            course_answers=("recall_at_k", "evaluate_ranking"),
            mistakes=(
                _Mistake(
                    lambda recommended, relevant, k: float(np.mean(_per_user(recommended, relevant, k, skip=False))),
                    "users with no relevant film are counted as 0 (or every listed user is averaged): they cannot "
                    "be scored, so leave them out, as evaluate_ranking does.",
                ),
                _Mistake(
                    lambda recommended, relevant, k: float(np.mean(_per_user(recommended, relevant, k, cut=False))),
                    "the lists are not cut at k: Spark's lists can be longer than k; only their first k films count.",
                ),
                _Mistake(
                    lambda recommended, relevant, k: float(
                        np.mean(_per_user(recommended, relevant, k, denominator="min"))
                    ),
                    "that divides by min(k, |R|), the normalised recall: the course's recall@k (trec_eval's) "
                    "divides the hits by |R|, all the user's relevant films.",
                ),
                _Mistake(
                    lambda recommended, relevant, k: float(
                        np.mean(_per_user(recommended, relevant, k, denominator="k"))
                    ),
                    "dividing the hits by k is precision@k: recall divides them by |R|, the user's relevant films.",
                ),
                _Mistake(
                    _pooled,
                    "that pools every user's hits over every user's relevant films (a micro average): the course "
                    "averages each user's recall, one user one vote.",
                ),
            ),
            hint="for each user with a relevant film: hits = |set(relevant[user]) & set(recommended[user][:k])|, "
            "recall = hits / len(relevant[user]); return the mean over those users.",
        ),
        "predict_fit_seconds": _Exercise(
            signature="predict_fit_seconds(n_ratings, n_users, n_items, rank, sweeps, fixed, per_sweep, "
            "flops_per_second) -> seconds (a float)",
            cases=_fit_case,
            reference=_predict_fit_seconds,
            course_answers=("als_sweep_on_paper",),
            mistakes=(
                _Mistake(
                    _cost_variant(rating_power=3),
                    "each rating costs 2 k^2 flops (adding q q^T to a k x k Gram matrix), not k^3: "
                    "the k^3 / 3 is the solve, once per user and per film.",
                ),
                _Mistake(
                    _cost_variant(solve_power=2),
                    "a k x k solve (Cholesky) costs about k^3 / 3 flops, not k^2 / 3: the solves grow with k^3.",
                ),
                _Mistake(
                    _cost_variant(solves=False),
                    "the solves are missing: every sweep also solves one k x k system per user and per film, "
                    "(n_users + n_items) k^3 / 3 flops.",
                ),
                _Mistake(
                    _cost_variant(fixed_each_sweep=True),
                    "the fixed cost is paid once per fit, not once per sweep: "
                    "T = fixed + sweeps x (per sweep + arithmetic of one sweep).",
                ),
                _Mistake(
                    _cost_variant(overhead_once=True),
                    "the per-sweep cost is paid at every sweep: multiply it by the number of sweeps too.",
                ),
                _Mistake(
                    _cost_variant(arithmetic_once=True),
                    "the arithmetic is counted for one sweep only: every sweep does it again, "
                    "so multiply it by the number of sweeps.",
                ),
                _Mistake(
                    _cost_variant(films_solved=False),
                    "only the users are solved for: a sweep updates the films too, (n_users + n_items) solves.",
                ),
            ),
            hint="T = fixed + sweeps * (per_sweep + (2 n_ratings rank^2 + (n_users + n_items) rank^3 / 3) / "
            "flops_per_second).",
        ),
    }


# --- 06: the time of a fit from the per-sweep cost model -------------------------------------------


def _fit_case(rng):
    """Data sizes from tiny to Netflix-like, ranks from 2 to 200, sweeps from 2 to 50."""
    n_users, n_items = int(rng.integers(50, 500_000)), int(rng.integers(50, 60_000))
    return dict(
        n_ratings=int(rng.integers(max(n_users, n_items), 50 * max(n_users, n_items))),
        n_users=n_users,
        n_items=n_items,
        rank=int(rng.integers(2, 201)),
        sweeps=int(rng.integers(2, 51)),
        fixed=float(np.round(rng.uniform(0.1, 3.0), 2)),
        per_sweep=float(np.round(rng.uniform(0.01, 0.5), 3)),
        flops_per_second=float(10 ** rng.uniform(8.5, 10.5)),
    )


def _cost_variant(
    *,
    rating_power=2,
    solve_power=3,
    solves=True,
    films_solved=True,
    fixed_each_sweep=False,
    overhead_once=False,
    arithmetic_once=False,
):
    """The cost model with one thing changed (a typical mistake), with the exercise's parameter names."""

    def predict(n_ratings, n_users, n_items, rank, sweeps, fixed, per_sweep, flops_per_second):
        solved = n_users + (n_items if films_solved else 0)
        flops = 2 * n_ratings * rank**rating_power + (solved * rank**solve_power / 3 if solves else 0.0)
        arithmetic = flops / flops_per_second * (1 if arithmetic_once else sweeps)
        overhead = per_sweep * (1 if overhead_once else sweeps)
        return fixed * (sweeps if fixed_each_sweep else 1) + overhead + arithmetic

    return predict


def _predict_fit_seconds(n_ratings, n_users, n_items, rank, sweeps, fixed, per_sweep, flops_per_second):
    """The course's sweep (als_sweep_on_paper) on one "core" of flops_per_second, times sweeps, plus the fixed cost."""
    sweep = als_sweep_on_paper(
        n_ratings, n_users, n_items, rank=rank, cores=1, flops_per_core=flops_per_second, sweep_overhead=per_sweep
    )
    return fixed + sweeps * sweep.total_seconds  # one machine: no network term


_EXERCISES_SPARK = _spark_exercises()
