"""The accuracy and ranking sections of bench.run: the course's notebooks 05 and 07 run once per fold,
their results tables read from their kernels, beside the comparison libraries tuned on the same
folds (bench.libraries: Surprise for ratings, implicit for ranking; cached in a JSON file), with
five-fold means, spreads and paired per-fold differences (bench.summary)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from bench import probes
from bench.libraries import library_rows
from bench.notebook_runs import NOTEBOOKS, notebook_parameters, run_notebook
from bench.printing import heading, show
from bench.search import SPLIT
from bench.summary import CONFIDENCE, fold_means, paired_differences
from bench.targets import at_least

MOVIELENS_NOTEBOOK = NOTEBOOKS / "05_movielens.ipynb"
RANKING_NOTEBOOK = NOTEBOOKS / "07_ranking.ipynb"
RANKING_COLUMNS = ("P@10", "R@10", "NDCG@10", "coverage", "popular share")
TUNED_ANCHORS = {
    "accuracy": ["surprise SVD (tuned on validation)"],
    "ranking": ["implicit ALS (tuned on validation)", "implicit BPR (tuned on validation)"],
}


def notebook_split(path: Path) -> str:
    """The line of `path` that cuts its validation split (what the notebook chooses its settings on)."""
    for cell in nbformat.read(path, as_version=4).cells:
        for line in cell.source.splitlines():
            if re.search(r"validation_split\(", line) and "=" in line:
                return line.strip()
    return "(no validation split found)"


def rows_per_fold(notebook: Path, folds: list[int], course_row) -> list[dict]:
    """Run `notebook` once per fold (its FOLD parameter set, as papermill does); one row per line of
    its results table, `course_row(fold, record)`."""
    rows = []
    for fold in folds:
        run = run_notebook(notebook, parameters={"FOLD": fold}, probes={"results": probes.RESULTS})
        (table,) = run["results"]
        rows += [course_row(fold, record) for record in table]
        print(f"  fold {fold}: {notebook.name} ran in {run['seconds']:.1f} s, {run['peak_mb']:.0f} MB", flush=True)
    return rows


def _header(notebook: Path, library: str) -> dict:
    split = notebook_split(notebook)
    print(f"{notebook.name}'s parameters: {notebook_parameters(notebook)} (FOLD is set per fold)")
    print(f"{notebook.name} chooses its settings on: {split}")
    print(f"{library} chooses its settings on: fit, valid = {SPLIT}")
    if "block_validation_split" not in split:
        print("  NOTE: the notebook's validation split is not the libraries' (block) split")
    return dict(notebook_split=split, library_split=SPLIT)


def _summaries(section: str, rows: list[dict], metrics: list[str], metric: str, *, lower_is_better: bool) -> dict:
    folds = sorted({row["fold"] for row in rows})
    means = fold_means(rows, metrics)
    means.sort(key=lambda e: e[metric], reverse=not lower_is_better)
    if len(folds) > 1:
        print(f"\nmean over folds {folds}, with SD and {CONFIDENCE:.0%} t-interval half-width (±) over folds:")
        columns = {"library": "", "method": ""}
        for name in metrics:
            columns.update({name: ".4f", f"{name} sd": ".4f", f"{name} ±": ".4f"})
        show(means, columns)
    print("\nsettings chosen on validation, and whether each chosen value is interior:")
    for row in rows:
        if row.get("settings"):
            print(f"  u{row['fold']} {row['library']} {row['method']}: {row['settings']}")
        if row.get("search"):
            search = row["search"]
            print(f"      {search['edges']} [{search['n_fits']} fits, {search['seconds']:.0f} s]")
    paired = paired_differences(rows, TUNED_ANCHORS[section], metric, lower_is_better=lower_is_better)
    if paired:
        print(f"\npaired per-fold differences, course model minus library model on the same fold ({metric}):")
        show(
            [dict(p, folds_won=f"{p['won']}/{len(p['folds'])}") for p in paired],
            {"course": "", "library": "", "mean": "+.4f", "sd": ".4f", "low": "+.4f", "high": "+.4f", "folds_won": ""},
        )
        for p in paired:
            print(f"  {p['sentence']}")
    return dict(means=means, paired=paired)


def accuracy_section(folds: list[int], goals: dict, *, cache, reuse: bool, wait: float = 0) -> dict:
    from helpers import load_movielens_100k

    heading(f"Accuracy on folds {folds}: notebook 05 run per fold, Surprise fitted on the same folds")
    splits = _header(MOVIELENS_NOTEBOOK, "Surprise's tuned SVD")
    ratings, _ = load_movielens_100k()
    course = rows_per_fold(
        MOVIELENS_NOTEBOOK,
        folds,
        lambda fold, record: dict(
            fold=fold,
            library="course",
            method=record["method"],
            RMSE=record["RMSE"],
            MAE=record["MAE"],
            fit_s=record.get("fit time"),
            select_s=float("nan"),
            settings=record.get("settings") or "",
        ),
    )
    libraries = library_rows("surprise", ratings, folds, cache=cache, reuse=reuse, wait_minutes=wait)
    rows = sorted(course + libraries, key=lambda r: r["fold"])
    show(
        rows, {"fold": "d", "library": "", "method": "", "RMSE": ".4f", "MAE": ".4f", "fit_s": ".2f", "select_s": ".1f"}
    )
    summary = _summaries("accuracy", rows, ["RMSE", "MAE"], "RMSE", lower_is_better=True)
    targets = headline(summary, goals["accuracy"], "RMSE", lower_is_better=True, issue="issue 9") if libraries else None
    return dict(rows=rows, **splits, **summary, targets=targets)


def ranking_section(folds: list[int], goals: dict, *, cache, reuse: bool, wait: float = 0) -> dict:
    from helpers import load_movielens_100k

    heading(f"Ranking on folds {folds}: notebook 07 run per fold, implicit's ALS and BPR fitted on the same folds")
    splits = _header(RANKING_NOTEBOOK, "implicit's ALS and BPR")
    ratings, _ = load_movielens_100k()
    course = rows_per_fold(
        RANKING_NOTEBOOK,
        folds,
        lambda fold, record: dict(
            fold=fold,
            library="course",
            method=record["method"],
            **{name: record[name] for name in RANKING_COLUMNS},
            fit_s=record.get("fit time"),
            settings=record.get("settings") or "",
        ),
    )
    libraries = library_rows("implicit", ratings, folds, cache=cache, reuse=reuse, wait_minutes=wait)
    rows = sorted(course + libraries, key=lambda r: r["fold"])
    columns = {"fold": "d", "library": "", "method": "", **{name: ".3f" for name in RANKING_COLUMNS}, "fit_s": ".2f"}
    show(rows, columns)
    summary = _summaries("ranking", rows, list(RANKING_COLUMNS), "NDCG@10", lower_is_better=False)
    goal = goals["ranking"]
    targets = headline(summary, goal, "NDCG@10", lower_is_better=False, issue="issue 14") if libraries else {}
    on_fold = [r for r in rows if r["library"] == "course" and r["fold"] == goal["fold"]]
    if on_fold:
        top = max(on_fold, key=lambda r: r["NDCG@10"])
        for name, key in (("target", "ndcg_at_10"), ("stretch", "stretch_ndcg_at_10")):
            targets[f"{name}_met"] = at_least(top["NDCG@10"], goal[key]) == "met"
            print(
                f"issue 14, the course's best NDCG@10 on u{goal['fold']} ({top['method']}) {top['NDCG@10']:.3f} "
                f"against the {name} {goal[key]}: {at_least(top['NDCG@10'], goal[key])}"
            )
    return dict(rows=rows, **splits, **summary, targets=targets)


def headline(summary: dict, goal: dict, metric: str, *, lower_is_better: bool, issue: str) -> dict:
    """The course model with the best mean over folds against the library model the targets file names
    (accuracy) or the best tuned library model (ranking): its paired per-fold difference and sentence.
    Which course model is named is read off the test folds' means: a description, not a tuned choice."""
    means = summary["means"]
    course = [m for m in means if m["library"] == "course"]
    if not course:
        return {}
    ours = course[0]["method"]
    if "library" in goal:
        against = f"{goal['library']} {goal['method']}"
    else:
        library = [m for m in means if m["library"] != "course"]
        against = f"{library[0]['library']} {library[0]['method']}" if library else None
    pair = next((p for p in summary["paired"] if p["course"] == ours and p["library"] == against), None)
    if pair is None:
        return {}
    print(
        f"\n{issue}: the course's best model by mean {metric} ({ours}) against {against}: won "
        f"{pair['won']} of {len(pair['folds'])} folds; {pair['sentence']}"
    )
    return dict(course=ours, against=against, won=pair["won"], folds=pair["folds"], sentence=pair["sentence"])
