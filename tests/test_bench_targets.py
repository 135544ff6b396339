"""The benchmark's targets file (bench/targets.toml), read through bench.targets: a budget for every
notebook, and the checks saying "met" or "NOT met" correctly. No notebook runs; no bench extra needed."""

from pathlib import Path

import pytest

from bench.targets import MET, NOT_MET, at_least, budget_check, load_targets, notebook_key

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def targets():
    return load_targets()


def test_every_notebook_has_a_time_budget(targets):
    assert NOTEBOOKS
    missing = [path.name for path in NOTEBOOKS if notebook_key(path.name) not in targets["seconds"]]
    assert not missing, f"bench/targets.toml's [seconds] has no budget for {missing}"


def test_the_file_holds_every_limit_the_benchmark_checks(targets):
    assert all(seconds > 0 for seconds in targets["seconds"].values())
    assert targets["memory"]["peak_mb"] == 1024
    assert targets["sliders"]["median_ms"] == 100
    assert {"library", "method"} <= set(targets["accuracy"])
    assert targets["ranking"]["ndcg_at_10"] <= targets["ranking"]["stretch_ndcg_at_10"]


def run(notebook, seconds, peak_mb, slider_medians=()):
    return dict(
        notebook=notebook, seconds=seconds, peak_mb=peak_mb, sliders=[dict(median_ms=ms) for ms in slider_medians]
    )


def test_a_run_within_every_budget_is_met(targets):
    budget = targets["seconds"]["01"]
    row = budget_check(run("01_toy_svd.ipynb", budget - 0.5, 500, [20.0, 60.0]), targets)
    assert (row["time"], row["memory"], row["sliders"]) == (MET, MET, MET)
    assert (row["budget_s"], row["limit_mb"], row["limit_ms"]) == (budget, 1024, 100)
    assert row["slider_ms"] == 60.0


def test_a_run_over_each_budget_is_not_met(targets):
    budget = targets["seconds"]["02"]
    row = budget_check(run("02_toy_autoencoder.ipynb", budget + 4.5, 1100, [30.0, 114.0]), targets)
    assert (row["time"], row["memory"], row["sliders"]) == (NOT_MET, NOT_MET, NOT_MET)


def test_limits_at_the_edge(targets):
    budget = targets["seconds"]["05"]
    row = budget_check(run("05_movielens.ipynb", budget, 1024, [100.0]), targets)
    assert row["time"] == MET  # a time budget may be used up
    assert (row["memory"], row["sliders"]) == (NOT_MET, NOT_MET)  # "under 1 GB", "under 100 ms"


def test_a_notebook_without_sliders_or_budget(targets):
    row = budget_check(run("99_new.ipynb", 1.0, 100), targets)
    assert (row["time"], row["memory"], row["sliders"]) == ("no budget", MET, "-")


def test_a_score_to_reach(targets):
    goal = targets["ranking"]["ndcg_at_10"]
    assert at_least(goal + 0.011, goal) == MET
    assert at_least(goal, goal) == MET
    assert at_least(goal - 0.01, goal) == NOT_MET
