"""Bootstrap intervals over users: checked against resampling written out by hand and against SciPy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from helpers import (
    Interval,
    edge_report,
    grid_position,
    mae_interval,
    mean_interval,
    paired_mean_difference,
    paired_rmse_difference,
    rmse,
    rmse_interval,
    verdict,
)


def ratings_of_users(n_users=60, per_user=8, seed=0):
    rng = np.random.default_rng(seed)
    users = np.repeat(np.arange(n_users), per_user)
    harshness = rng.normal(scale=0.8, size=n_users)[users]  # errors correlated within a user
    truth = rng.integers(1, 6, size=users.size).astype(float)
    return users, truth, truth + harshness + rng.normal(scale=0.5, size=users.size)


def test_rmse_interval_is_the_pooled_rmse_inside_the_spread_of_users_resampled_by_hand():
    users, truth, pred = ratings_of_users()
    interval = rmse_interval(users, truth, pred, n_resamples=4000, seed=1)
    assert interval.estimate == pytest.approx(rmse(truth, pred))
    rng = np.random.default_rng(7)
    squared = np.bincount(users, (pred - truth) ** 2)
    counts = np.bincount(users).astype(float)
    draws = rng.integers(0, squared.size, size=(4000, squared.size))
    by_hand = np.sqrt(squared[draws].sum(axis=1) / counts[draws].sum(axis=1))
    low, high = np.percentile(by_hand, [2.5, 97.5])
    assert interval.low == pytest.approx(low, abs=0.02) and interval.high == pytest.approx(high, abs=0.02)
    assert interval.standard_error == pytest.approx(by_hand.std(ddof=1), rel=0.15)
    assert interval.low < interval.estimate < interval.high and interval.n_users == 60


def test_resampling_users_is_wider_than_pretending_ratings_are_independent():
    users, truth, pred = ratings_of_users()
    by_user = rmse_interval(users, truth, pred, seed=0)
    as_if_independent = rmse_interval(np.arange(users.size), truth, pred, seed=0)
    assert by_user.high - by_user.low > 1.3 * (as_if_independent.high - as_if_independent.low)


def test_mean_interval_agrees_with_scipy_bootstrap_and_with_the_normal_approximation():
    values = np.random.default_rng(2).uniform(size=300)
    interval = mean_interval(values, n_resamples=5000, seed=3)
    scipy_result = stats.bootstrap((values,), np.mean, method="percentile", n_resamples=5000, rng=3)
    assert interval.low == pytest.approx(scipy_result.confidence_interval.low, abs=0.005)
    assert interval.high == pytest.approx(scipy_result.confidence_interval.high, abs=0.005)
    normal_se = values.std(ddof=1) / np.sqrt(values.size)
    assert interval.standard_error == pytest.approx(normal_se, rel=0.1)


def test_mae_interval_estimate_is_the_mae():
    users, truth, pred = ratings_of_users()
    assert mae_interval(users, truth, pred).estimate == pytest.approx(np.mean(np.abs(pred - truth)))


def test_the_paired_interval_is_narrower_than_the_unpaired_one_and_the_verdict_follows_it():
    users, truth, pred = ratings_of_users()
    better = truth + 0.9 * (pred - truth)  # the same errors, 10% smaller
    difference = paired_rmse_difference(users, truth, better, pred, seed=0)
    assert difference.estimate == pytest.approx(rmse(truth, better) - rmse(truth, pred))
    assert difference.high < 0  # told apart: every user's error shrank
    a, b = rmse_interval(users, truth, better, seed=0), rmse_interval(users, truth, pred, seed=0)
    assert difference.half_width < 0.5 * np.hypot(a.half_width, b.half_width)
    sentence = verdict(difference, "better", "worse", lower_is_better=True, metric="RMSE")
    assert sentence.startswith("better beats worse: RMSE difference better - worse = ")


def test_a_difference_whose_interval_includes_zero_is_a_tie():
    rng = np.random.default_rng(4)
    a, b = rng.uniform(size=200), rng.uniform(size=200)  # two draws of the same thing
    difference = paired_mean_difference(a, b, seed=0)
    assert difference.low < 0 < difference.high
    assert verdict(difference, "A", "B", lower_is_better=False).startswith("tie at this sample size")


def test_higher_is_better_picks_the_larger_score():
    a = np.linspace(0.3, 0.9, 100)
    difference = paired_mean_difference(a, a - 0.05, seed=0)
    assert verdict(difference, "A", "B", lower_is_better=False).startswith("A beats B")
    assert verdict(difference, "A", "B", lower_is_better=True).startswith("B beats A")


def test_the_same_seed_gives_the_same_interval_and_prints_rounded():
    users, truth, pred = ratings_of_users()
    first, again = rmse_interval(users, truth, pred, seed=5), rmse_interval(users, truth, pred, seed=5)
    assert first == again
    text = str(first)
    assert "±" in text and "95% CI" in text and "60 users" in text
    assert isinstance(first, Interval)


def test_grid_position_and_the_edge_report():
    assert grid_position(20, [10, 20, 50]) == "interior"
    assert grid_position(50, [50, 10, 20]) == "largest tried"
    assert grid_position(10, [10, 20, 50]) == "smallest tried"
    assert grid_position(5, [5]) == "only value tried"
    assert grid_position("plain", ["weighted", "plain"]) == "interior"
    report = edge_report({"k": 50, "reg": 0.1}, {"k": [10, 20, 50], "reg": [0.01, 0.1, 1.0]})
    assert report == "k=50 (largest tried: the optimum may lie beyond the grid), reg=0.1 (interior)"
