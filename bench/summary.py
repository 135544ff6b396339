"""Five-fold summaries: a figure's mean over folds with its spread, and paired per-fold differences.

The five canonical folds' test sets are disjoint but their training sets overlap, so fold results
are not independent: the t-interval over folds treats them as if they were and is, if anything,
too narrow (Bengio and Grandvalet 2004: no unbiased estimator of k-fold variance exists). It is
the spread a reader can recompute from the per-fold table.
"""

from __future__ import annotations

import math
import re

import numpy as np
from scipy import stats

CONFIDENCE = 0.95


def t_interval(values, confidence: float = CONFIDENCE) -> dict:
    """mean, sd, n and the two-sided t-interval [low, high] of `values` (NaN interval for n < 2)."""
    values = np.asarray([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    n = values.size
    mean = float(values.mean()) if n else math.nan
    if n < 2:
        return dict(mean=mean, sd=math.nan, n=n, low=math.nan, high=math.nan, half=math.nan)
    sd = float(values.std(ddof=1))
    half = float(stats.t.ppf(0.5 + confidence / 2, n - 1) * sd / math.sqrt(n))
    return dict(mean=mean, sd=sd, n=n, low=mean - half, high=mean + half, half=half)


def paired_sentence(first: str, second: str, interval: dict, *, lower_is_better: bool, metric: str) -> str:
    """'A beats B' only when the t-interval of (first - second) over folds excludes 0, else a tie."""
    figures = (
        f"{metric} {first} - {second} = {interval['mean']:+.4f} (SD {interval['sd']:.4f}; "
        f"{CONFIDENCE:.0%} t-interval {interval['low']:+.4f} to {interval['high']:+.4f} over {interval['n']} folds)"
    )
    if interval["n"] < 2 or not (interval["low"] > 0 or interval["high"] < 0):
        return f"tie over these folds: {figures}, an interval that includes 0"
    first_smaller = interval["mean"] < 0
    winner, loser = (first, second) if first_smaller == lower_is_better else (second, first)
    return f"{winner} beats {loser}: {figures}, an interval that excludes 0"


_CHOSEN_SETTING = re.compile(r"\s*\((?:rank|lambda|k=|k |hidden)[^)]*\)$")


def model_name(library: str, method: str) -> str:
    """A course model's name without the setting its validation search chose on that fold
    ("weighted ALS (rank 20)" -> "weighted ALS"), so one model's folds pair up whatever it chose."""
    return _CHOSEN_SETTING.sub("", method) if library == "course" else method


def fold_means(rows: list[dict], metrics: list[str]) -> list[dict]:
    """Per (library, method): each metric's mean over folds, its SD and t-interval half-width."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault((row["library"], model_name(row["library"], row["method"])), []).append(row)
    out = []
    for (library, method), members in groups.items():
        entry = dict(library=library, method=method, folds=len(members))
        for metric in metrics:
            interval = t_interval([m.get(metric) for m in members])
            entry[metric] = interval["mean"]
            entry[f"{metric} sd"] = interval["sd"]
            entry[f"{metric} ±"] = interval["half"]
        out.append(entry)
    return out


def paired_differences(rows: list[dict], against: list[str], metric: str, *, lower_is_better: bool) -> list[dict]:
    """Every course model minus each library model named in `against` ("library method"), on the
    folds both have: per-fold differences, mean, SD, t-interval, folds won and the sentence."""
    by_key = {}
    for row in rows:
        by_key.setdefault(f"{row['library']} {model_name(row['library'], row['method'])}", {})[row["fold"]] = row[
            metric
        ]
    course = [key for key in by_key if key.startswith("course ")]
    out = []
    for theirs in against:
        if theirs not in by_key:
            continue
        for ours in course:
            folds = sorted(set(by_key[ours]) & set(by_key[theirs]))
            if not folds:
                continue
            diffs = [by_key[ours][f] - by_key[theirs][f] for f in folds]
            interval = t_interval(diffs)
            won = sum((d < 0) if lower_is_better else (d > 0) for d in diffs)
            name_ours, name_theirs = ours.removeprefix("course "), theirs
            out.append(
                dict(
                    course=name_ours,
                    library=name_theirs,
                    metric=metric,
                    folds=folds,
                    differences=diffs,
                    **{k: interval[k] for k in ("mean", "sd", "low", "high", "half")},
                    won=won,
                    sentence=paired_sentence(
                        name_ours, name_theirs, interval, lower_is_better=lower_is_better, metric=metric
                    ),
                )
            )
    return out
