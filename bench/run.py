"""The course's speed, memory and accuracy, measured from the notebooks themselves, beside scikit-surprise.

    .venv/bin/python -m pip install -e ".[bench]"                     # papermill, scikit-surprise, implicit
    .venv/bin/python -m bench.run                                      # every section, fold u1
    .venv/bin/python -m bench.run --folds 1-5 --json build/bench.json
    .venv/bin/python -m bench.run --sections accuracy --folds 2

Sections:

  notebooks  every notebook in a fresh kernel: run time, peak memory of the kernel and its child
             processes, and every slider moved through all its positions in that kernel; plus a
             bare kernel, `import helpers` and the Keras import timed on their own
  accuracy   notebook 05 run once per fold (its FOLD parameter set), its results table read from
             its kernel; scikit-surprise's BaselineOnly and SVD (defaults, and tuned on notebook
             05's own validation split) fitted here on the same folds
  ranking    notebook 07 run once per fold, its ranking table read from its kernel; the `implicit`
             library's ALS and BPR, tuned on notebook 07's own validation split, fitted here on the
             same folds and scored with the same protocol (helpers.evaluate_ranking)
  scaling    fit time against the number of ratings (bench/scaling.py), with its growth exponent

Each section checks its figures against bench/targets.toml (time, memory and slider budgets per
notebook; the accuracy and ranking targets of issues 9 and 14) and prints "met" or "NOT met".

Nothing here rebuilds a notebook's model or slider: change a notebook and the benchmark measures
the change. Not part of the test suite; BENCHMARKS.md records a run and explains each figure.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import time
from pathlib import Path

import pandas as pd
import psutil

from bench import probes
from bench.implicit_models import implicit_rows, load_implicit
from bench.notebook_runs import NOTEBOOKS, kernel_overheads, notebook_parameters, run_notebook
from bench.scaling import scaling_rows
from bench.surprise_models import load_surprise, surprise_rows
from bench.targets import TARGETS_FILE, at_least, budget_check, load_targets, verdict

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("notebooks", "accuracy", "ranking", "scaling")
MOVIELENS_NOTEBOOK = NOTEBOOKS / "05_movielens.ipynb"
RANKING_NOTEBOOK = NOTEBOOKS / "07_ranking.ipynb"
RANKING_COLUMNS = ("P@10", "R@10", "NDCG@10", "coverage", "popular share")


def heading(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 96 - len(title)), flush=True)


def show(rows: list[dict], columns: dict[str, str]) -> None:
    """Print `rows` as a table of `columns` ({name: format such as '.3f', or '' for text})."""
    frame = pd.DataFrame(rows)[list(columns)]
    formatters = {name: (lambda v, f=fmt: "-" if pd.isna(v) else format(v, f)) for name, fmt in columns.items() if fmt}
    print(frame.to_string(index=False, formatters=formatters, na_rep="-"), flush=True)


def machine() -> dict:
    return dict(
        python=platform.python_version(),
        platform=platform.platform(),
        cpus=os.cpu_count(),
        memory_gb=round(psutil.virtual_memory().total / 2**30, 1),
        load_average=[round(x, 2) for x in os.getloadavg()],
        date=datetime.datetime.now().isoformat(timespec="seconds"),
    )


# --- notebooks ---------------------------------------------------------------------------------


def notebooks_section(paths: list[Path], repeats: int, sweeps: int, goals: dict) -> dict:
    heading("Notebooks: each in a fresh kernel (time includes kernel start-up; memory = kernel + children)")
    runs = []
    for path in paths:
        run = run_notebook(path, probes={"runtimes": probes.RUNTIMES, "sliders": probes.SLIDERS.format(sweeps=sweeps)})
        runs.append(run)
        print(f"  {path.name}: {run['seconds']:.1f} s, {run['peak_mb']:.0f} MB", flush=True)
    show(
        [
            dict(
                notebook=r["notebook"],
                seconds=r["seconds"],
                peak_mb=r["peak_mb"],
                tensorflow="yes" if r["runtimes"]["tensorflow"] else "",
                spark="yes" if r["runtimes"]["spark"] else "",
            )
            for r in runs
        ],
        {"notebook": "", "seconds": ".1f", "peak_mb": ".0f", "tensorflow": "", "spark": ""},
    )
    overheads = kernel_overheads(repeats)
    print(f"in fresh kernels, median of {repeats}: " + "; ".join(f"{k} {v:.2f} s" for k, v in overheads.items()))
    heading(f"Sliders: every position of every slider, {sweeps} sweeps, in the notebook's own kernel")
    sliders = [dict(notebook=r["notebook"][:2], **s) for r in runs for s in r["sliders"]]
    if sliders:
        show(
            sliders,
            {
                "notebook": "",
                "slider": "",
                "positions": "d",
                "median_ms": ".1f",
                "worst_ms": ".1f",
                "png_kb": ".0f",
                "errors": "d",
            },
        )
    print("(each time is the ipywidgets observer: the notebook's draw function and the PNG rendering;")
    print(" sending the widget state to the browser and the browser's drawing are not included)")
    budgets = budget_table(runs, goals)
    return dict(runs=runs, kernel_overheads=overheads, budgets=budgets)


def budget_table(runs: list[dict], goals: dict) -> list[dict]:
    """Print each notebook's time, peak memory and slowest slider median against its budgets."""
    heading(f"Budgets per notebook ({TARGETS_FILE.name}): measured against budget")
    rows = [budget_check(run, goals) for run in runs]
    show(
        rows,
        {
            "notebook": "",
            "seconds": ".1f",
            "budget_s": ".0f",
            "time": "",
            "peak_mb": ".0f",
            "limit_mb": ".0f",
            "memory": "",
            "slider_ms": ".1f",
            "limit_ms": ".0f",
            "sliders": "",
        },
    )
    checks = [row[name] for row in rows for name in ("time", "memory", "sliders") if row[name] != "-"]
    print(f"every budget met: {'yes' if all(c == 'met' for c in checks) else 'NO'}")
    return rows


# --- accuracy ----------------------------------------------------------------------------------


def rows_per_fold(notebook: Path, folds: list[int], course_row, library_rows) -> list[dict]:
    """Run `notebook` once per fold (its FOLD parameter set, as papermill does) and gather one row
    per line of its results table, `course_row(fold, record)`, then `library_rows(fold)`, the
    comparison library's rows for the same fold."""
    rows = []
    for fold in folds:
        run = run_notebook(notebook, parameters={"FOLD": fold}, probes={"results": probes.RESULTS})
        (table,) = run["results"]
        rows += [course_row(fold, record) for record in table]
        print(f"  fold {fold}: {notebook.name} ran in {run['seconds']:.1f} s, {run['peak_mb']:.0f} MB", flush=True)
        rows += library_rows(fold)
    return rows


def accuracy_section(folds: list[int], goals: dict) -> dict:
    from helpers import load_movielens_100k

    heading(f"Accuracy on folds {folds}: notebook 05 run per fold, Surprise fitted on the same folds")
    defaults = notebook_parameters(MOVIELENS_NOTEBOOK)
    print(f"notebook 05's parameters: {defaults} (FOLD is set per fold)")
    surprise = load_surprise()
    ratings, _ = load_movielens_100k()
    rows = rows_per_fold(
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
        lambda fold: (
            []
            if surprise is None
            else surprise_rows(surprise, ratings, fold, fraction=defaults["VALIDATION_FRACTION"], seed=defaults["SEED"])
        ),
    )
    show(
        rows, {"fold": "d", "library": "", "method": "", "RMSE": ".4f", "MAE": ".4f", "fit_s": ".2f", "select_s": ".1f"}
    )
    frame = pd.DataFrame(rows)
    if len(folds) > 1:
        print(f"\nmean over folds {folds} (RMSE: mean and standard deviation over folds):")
        summary = frame.groupby(["library", "method"], sort=False).agg(
            RMSE=("RMSE", "mean"), sd=("RMSE", "std"), MAE=("MAE", "mean"), fit_s=("fit_s", "mean")
        )
        print(summary.reset_index().to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    print("\nsettings chosen on the validation part:")
    for row in rows:
        if row["settings"]:
            print(f"  u{row['fold']} {row['library']} {row['method']}: {row['settings']}")
    return dict(rows=rows, targets=accuracy_targets(frame, goals["accuracy"]) if surprise is not None else None)


def accuracy_targets(frame: pd.DataFrame, goal: dict) -> dict:
    """Issue 9's accuracy target, fold by fold: the course's best model against the comparison model
    that bench/targets.toml's [accuracy] names (Surprise's tuned SVD)."""
    against = f"{goal['library']} {goal['method']}"
    course = frame[frame.library == "course"]
    theirs_rows = frame[(frame.library == goal["library"]) & (frame.method == goal["method"])].set_index("fold")
    best = course.loc[course.groupby("fold").RMSE.idxmin()]
    beats = []
    for row in best.itertuples():
        ours, theirs = row.RMSE, theirs_rows.RMSE[row.fold]
        beats.append(dict(fold=row.fold, method=row.method, RMSE=ours, against=theirs, beats=ours < theirs))
    print(f"\nthe course's best model against {against}, fold by fold:")
    show(beats, {"fold": "d", "method": "", "RMSE": ".4f", "against": ".4f", "beats": ""})
    met = all(b["beats"] for b in beats)
    print(f"issue 9, the course's best beats {against} on every fold: {verdict(met)}")
    return dict(against=against, best_against=beats, beats_on_every_fold=met)


# --- ranking -----------------------------------------------------------------------------------


def ranking_section(folds: list[int], goals: dict) -> dict:
    from helpers import load_movielens_100k

    heading(f"Ranking on folds {folds}: notebook 07 run per fold, implicit's ALS and BPR fitted on the same folds")
    defaults = notebook_parameters(RANKING_NOTEBOOK)
    print(f"notebook 07's parameters: {defaults} (FOLD is set per fold)")
    implicit = load_implicit()
    ratings, _ = load_movielens_100k()
    rows = rows_per_fold(
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
        lambda fold: (
            []
            if implicit is None
            else implicit_rows(implicit, ratings, fold, fraction=defaults["VALIDATION_FRACTION"], seed=defaults["SEED"])
        ),
    )
    columns = {"fold": "d", "library": "", "method": "", **{name: ".3f" for name in RANKING_COLUMNS}, "fit_s": ".2f"}
    show(rows, columns)
    frame = pd.DataFrame(rows)
    if len(folds) > 1:
        print(f"\nmean over folds {folds} (NDCG@10: mean and standard deviation over folds):")
        summary = frame.groupby(["library", "method"], sort=False).agg(
            **{name: (name, "mean") for name in RANKING_COLUMNS}, sd=("NDCG@10", "std"), fit_s=("fit_s", "mean")
        )
        summary = summary.sort_values("NDCG@10", ascending=False)
        print(summary.reset_index().to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    for row in rows:
        if row.get("settings"):
            print(f"  u{row['fold']} {row['library']} {row['method']}: {row['settings']}")
    return dict(rows=rows, targets=ranking_targets(frame, goals["ranking"]))


def ranking_targets(frame: pd.DataFrame, goal: dict) -> dict:
    """Issue 14's targets (bench/targets.toml's [ranking]): the course's best ranker's NDCG@10 on the
    target fold, and, fold by fold, the course's best ranker against the best library model."""
    by_fold = []
    for fold, rows in frame.groupby("fold"):
        course, library = rows[rows.library == "course"], rows[rows.library != "course"]
        best = course.loc[course["NDCG@10"].idxmax()]
        entry = dict(fold=fold, method=best.method, NDCG=best["NDCG@10"])
        if len(library):
            theirs = library.loc[library["NDCG@10"].idxmax()]
            entry.update(
                library_best=theirs.method, library_NDCG=theirs["NDCG@10"], beats=best["NDCG@10"] > theirs["NDCG@10"]
            )
        by_fold.append(entry)
    print(
        "\nthe course's best ranker, fold by fold"
        + (" (against the best library model)" if "beats" in by_fold[0] else "")
    )
    print(pd.DataFrame(by_fold).to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    result = dict(by_fold=by_fold)
    on_fold = [e["NDCG"] for e in by_fold if e["fold"] == goal["fold"]]
    if on_fold:
        for name, key in (("target", "ndcg_at_10"), ("stretch", "stretch_ndcg_at_10")):
            result[f"{name}_met"] = at_least(on_fold[0], goal[key]) == "met"
            print(
                f"issue 14, NDCG@10 on u{goal['fold']} {on_fold[0]:.3f} against the {name} {goal[key]}: "
                f"{at_least(on_fold[0], goal[key])}"
            )
    if "beats" in by_fold[0]:
        result["beats_library_on_every_fold"] = all(e["beats"] for e in by_fold)
        print(f"issue 14, beats the best library model on every fold: {verdict(result['beats_library_on_every_fold'])}")
    return result


# --- scaling -----------------------------------------------------------------------------------


def scaling_section(fold: int, epochs: int, repeats: int) -> list[dict]:
    from helpers import load_movielens_100k

    heading(f"Scaling: fit seconds against ratings sampled from u{fold}.base (best of {repeats}, sizes interleaved)")
    ratings, _ = load_movielens_100k()
    rows = scaling_rows(ratings, fold, epochs=epochs, repeats=repeats, surprise=load_surprise())
    columns = {"model": "", **{key: ".2f" for key in rows[0] if key.endswith(" s")}, "exponent": ".2f"}
    show(rows, columns)
    print("(times include building the rating matrix / Surprise trainset from the sample)")
    return rows


# --- the command -------------------------------------------------------------------------------


def parse_folds(text: str) -> list[int]:
    """'1', '1,3' or '1-5' -> a list of fold numbers in 1..5."""
    folds = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        folds += range(int(low), int(high or low) + 1)
    if not folds or any(f not in range(1, 6) for f in folds):
        raise argparse.ArgumentTypeError(f"folds must be between 1 and 5, got {text!r}")
    return folds


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        type=lambda text: [s for s in text.split(",") if s],
        help=f"comma-separated, any of {', '.join(SECTIONS)} (default: all)",
    )
    parser.add_argument("--folds", type=parse_folds, default=[1], help="e.g. 1, 1,3 or 1-5 (default 1)")
    parser.add_argument(
        "--notebooks",
        nargs="+",
        type=Path,
        default=sorted(NOTEBOOKS.glob("*.ipynb")),
        help="the notebooks to time (default: all)",
    )
    parser.add_argument("--kernel-repeats", type=int, default=3, help="fresh kernels per overhead measured")
    parser.add_argument("--slider-sweeps", type=int, default=3, help="passes through every slider position")
    parser.add_argument("--scaling-repeats", type=int, default=3, help="timed fits per model and size")
    parser.add_argument("--scaling-epochs", type=int, default=50, help="I-AutoRec epochs in the scaling section")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    return args


def main(argv=None) -> dict:
    args = parse_args(argv)
    began = time.perf_counter()
    goals = load_targets()
    report = dict(machine=machine(), arguments={k: str(v) for k, v in vars(args).items()}, targets=goals)
    print(f"machine: {report['machine']}")
    if "notebooks" in args.sections:
        report["notebooks"] = notebooks_section(args.notebooks, args.kernel_repeats, args.slider_sweeps, goals)
    if "accuracy" in args.sections:
        report["accuracy"] = accuracy_section(args.folds, goals)
    if "ranking" in args.sections:
        report["ranking"] = ranking_section(args.folds, goals)
    if "scaling" in args.sections:
        report["scaling"] = scaling_section(args.folds[0], args.scaling_epochs, args.scaling_repeats)
    minutes = (time.perf_counter() - began) / 60
    print(f"\nwhole run {minutes:.1f} min; load average at end {[round(x, 2) for x in os.getloadavg()]}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, default=str))
        print(f"wrote {args.json}")
    return report


if __name__ == "__main__":
    main()
