"""The benchmark's targets file (bench/targets.toml), read through bench.targets: a budget for every
notebook, and the checks saying "met" or "NOT met" correctly; the search that grows a grid until its
optimum is interior (bench/search.py), the five-fold t-intervals and paired differences
(bench/summary.py) and the report's block replacement (bench/report.py). No notebook runs; no bench
extra needed."""

from pathlib import Path

import numpy as np
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


# --- the search, the five-fold summaries and the report (bench/search.py, summary.py, report.py) ---


def test_the_search_grows_a_ladder_until_the_optimum_is_interior():
    from bench.search import Axis, coordinate_search

    axes = dict(x=Axis(1.0, 2, 1e-3, 1e3), n=Axis(4, 2, 1, 64, integer=True))
    # best at x = 16 (four doublings beyond the start) and n = 8
    result = coordinate_search(lambda s: (np.log2(s["x"]) - 4) ** 2 + (np.log2(s["n"]) - 3) ** 2, axes, maximize=False)
    assert result.chosen == {"x": 16.0, "n": 8}
    line = result.line()
    assert min(line["x"]) < 16.0 < max(line["x"]) and min(line["n"]) < 8 < max(line["n"])
    assert result.at_bound == {"x": "", "n": ""}
    assert "largest tried" not in result.as_dict()["edges"]
    assert len(result.evaluations) == len({tuple(sorted(s.items())) for s, _ in result.evaluations})


def test_a_second_start_escapes_a_local_optimum_and_scores_each_point_once():
    from bench.search import Axis, coordinate_search, multi_start_search

    calls = []

    def score(s):  # two basins on the ladder 1, 2, 4, ..., 64: a shallow one at 2, the best at 32
        calls.append(s["x"])
        return {1: 5, 2: 3, 4: 4, 8: 6, 16: 2, 32: 1, 64: 2}[s["x"]]

    axes = dict(x=Axis(2, 2, 1, 64, integer=True))
    assert coordinate_search(score, axes, maximize=False).chosen == {"x": 2}
    calls.clear()
    result = multi_start_search(score, axes, [{}, {"x": 16}], maximize=False)
    assert result.chosen == {"x": 32} and result.at_bound == {"x": ""}
    assert len(calls) == len(set(calls))
    assert result.line()["x"] == sorted(set(calls))


def test_the_search_says_when_the_optimum_is_at_its_bound():
    from bench.search import Axis, coordinate_search

    axes = dict(w=Axis(0.25, 2, 0.01, 1.0, bound="w = 1 is the most there is"))
    result = coordinate_search(lambda s: s["w"], axes, maximize=True)
    assert result.chosen == {"w": 1.0}
    assert result.at_bound == {"w": "upper"}
    edges = result.as_dict()["edges"]
    assert "largest tried" in edges and "w = 1 is the most there is" in edges


def test_t_interval_and_paired_sentence():
    from scipy import stats

    from bench.summary import paired_sentence, t_interval

    values = [0.01, 0.02, 0.015, 0.03, 0.025]
    interval = t_interval(values)
    half = stats.t.ppf(0.975, 4) * np.std(values, ddof=1) / np.sqrt(5)
    assert interval["mean"] == pytest.approx(0.02) and interval["half"] == pytest.approx(half)
    assert paired_sentence("A", "B", interval, lower_is_better=False, metric="NDCG").startswith("A beats B")
    assert paired_sentence("A", "B", interval, lower_is_better=True, metric="RMSE").startswith("B beats A")
    tie = t_interval([0.01, -0.02, 0.015, -0.01, 0.0])
    assert paired_sentence("A", "B", tie, lower_is_better=True, metric="RMSE").startswith("tie")


def test_paired_differences_count_folds_won():
    from bench.summary import paired_differences

    rows = [
        dict(fold=f, library=lib, method=m, RMSE=v)
        for f, ours, theirs in ((1, 0.90, 0.92), (2, 0.91, 0.92), (3, 0.93, 0.92))
        for lib, m, v in (("course", "blend", ours), ("surprise", "SVD", theirs))
    ]
    (pair,) = paired_differences(rows, ["surprise SVD"], "RMSE", lower_is_better=True)
    assert pair["won"] == 2 and pair["folds"] == [1, 2, 3]
    assert pair["differences"] == pytest.approx([-0.02, -0.01, 0.01])
    assert pair["sentence"].startswith("tie")


def test_the_report_replaces_only_its_marked_blocks():
    from bench.report import replace_blocks

    text = (
        "intro\n<!-- bench.report:a -->\nold a\n<!-- /bench.report:a -->\n"
        "middle\n<!-- bench.report:b -->\nold b\n<!-- /bench.report:b -->\n"
    )
    new, missing = replace_blocks(text, {"a": "new a\nline 2", "c": "nowhere"})
    assert "new a\nline 2" in new and "old a" not in new and "old b" in new and "middle" in new
    assert missing == ["c"]
