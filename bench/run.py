"""The course's speed, memory and accuracy, measured from the notebooks themselves, beside scikit-surprise.

    .venv/bin/python -m pip install -e ".[bench]"                     # papermill, scikit-surprise, implicit
    .venv/bin/python -m bench.run                                      # every section, fold u1
    .venv/bin/python -m bench.run --folds 1-5 --json build/bench.json
    .venv/bin/python -m bench.run --sections accuracy,ranking --folds 1-5 --reuse-libraries --json build/bench.json
    .venv/bin/python -m bench.run --sections accuracy --folds 2

Sections:

  notebooks  every notebook in a fresh kernel: run time, peak memory of the kernel and its child
             processes, and every slider moved through all its positions in that kernel; plus a
             bare kernel, `import helpers` and the Keras import timed on their own
  accuracy   notebook 05 run once per fold (its FOLD parameter set), its results table read from
             its kernel; scikit-surprise's BaselineOnly and SVD (defaults, and tuned on each fold's
             block validation split, bench/search.py) on the same folds (bench/comparisons.py)
  ranking    notebook 07 run once per fold, its ranking table read from its kernel; the `implicit`
             library's ALS and BPR, tuned on the same validation split, on the same folds and
             scored with the same protocol (helpers.evaluate_ranking)
  scaling    fit time against the number of ratings (bench/scaling.py), with its growth exponent
  als_timings  ALS on one machine, the library's and the course's, 1 thread and every core
             (bench/als_timings.py), for notebook 06's COST argument

The libraries' rows are tuned once and cached (bench/libraries.py, --libraries FILE); with
--reuse-libraries a run reads them from the file and only re-runs the notebooks. Five-fold means
carry their SD and t-interval, and every course model is compared with each tuned library model
by paired per-fold differences (bench/summary.py). `python -m bench.report build/bench.json
--write BENCHMARKS.md` rewrites the recorded-run tables of BENCHMARKS.md from the JSON.

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

import psutil

from bench import probes
from bench.comparisons import accuracy_section, ranking_section
from bench.libraries import DEFAULT_CACHE
from bench.notebook_runs import NOTEBOOKS, kernel_overheads, run_notebook
from bench.printing import heading, show
from bench.scaling import scaling_rows
from bench.surprise_models import load_surprise
from bench.targets import TARGETS_FILE, budget_check, load_targets

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("notebooks", "accuracy", "ranking", "scaling", "als_timings")


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


def als_timings_section(fold: int, repeats: int) -> list[dict]:
    from bench.als_timings import SWEEPS, als_timing_rows
    from bench.implicit_models import load_implicit
    from helpers import load_movielens_100k

    heading(f"ALS on one machine: u{fold}.base, {SWEEPS} sweeps, best of {repeats} (notebook 06's COST argument)")
    ratings, _ = load_movielens_100k()
    rows = als_timing_rows(ratings, fold, repeats=repeats, implicit=load_implicit())
    show(
        rows,
        {
            "implementation": "",
            "rank": "d",
            "threads": "d",
            "sweeps": "d",
            "seconds": ".3f",
            "per_sweep_s": ".4f",
            "us_per_rating_sweep": ".3f",
        },
    )
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
    parser.add_argument(
        "--libraries",
        type=Path,
        default=DEFAULT_CACHE,
        help="the JSON file the libraries' tuned rows are written to, or read from with --reuse-libraries "
        f"(default {DEFAULT_CACHE.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--reuse-libraries",
        action="store_true",
        help="read Surprise's and implicit's rows from --libraries instead of tuning them again",
    )
    parser.add_argument(
        "--wait-libraries",
        type=float,
        default=0,
        metavar="MINUTES",
        help="with --reuse-libraries: wait up to this long for a concurrent bench.libraries run to fill the cache",
    )
    parser.add_argument("--timing-repeats", type=int, default=3, help="timed fits per ALS configuration")
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
        report["accuracy"] = accuracy_section(
            args.folds, goals, cache=args.libraries, reuse=args.reuse_libraries, wait=args.wait_libraries
        )
    if "ranking" in args.sections:
        report["ranking"] = ranking_section(
            args.folds, goals, cache=args.libraries, reuse=args.reuse_libraries, wait=args.wait_libraries
        )
    if "scaling" in args.sections:
        report["scaling"] = scaling_section(args.folds[0], args.scaling_epochs, args.scaling_repeats)
    if "als_timings" in args.sections:
        report["als_timings"] = als_timings_section(args.folds[0], args.timing_repeats)
    minutes = (time.perf_counter() - began) / 60
    report.update(minutes=minutes, load_end=[round(x, 2) for x in os.getloadavg()])
    print(f"\nwhole run {minutes:.1f} min; load average at end {[round(x, 2) for x in os.getloadavg()]}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, default=str))
        print(f"wrote {args.json}")
    return report


if __name__ == "__main__":
    main()
