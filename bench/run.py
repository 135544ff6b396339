"""The course's speed and accuracy, measured side by side with scikit-surprise (issue #9).

    .venv/bin/python bench/run.py                                   # every section, fold u1
    .venv/bin/python bench/run.py --folds 1-5 --json build/bench.json
    .venv/bin/python bench/run.py --skip-notebooks                  # or --sections accuracy,scaling

Sections (run in this order; each prints a table, and --json writes the same figures):

  notebooks  each notebook run headless in a fresh kernel (an in-memory copy: the files are not
             touched), and a bare kernel, `import helpers` and `import keras, tensorflow` timed
             on their own, so TensorFlow's start-up is told apart from the course's own work
  accuracy   every model of notebook 05 on the canonical folds, fitted the way the notebook fits
             them (settings chosen on a 10% validation split of the training fold, never on the
             test fold), next to scikit-surprise's BaselineOnly and SVD (defaults, and one
             setting tuned on the same validation split): RMSE, MAE, seconds, peak memory
  sliders    every slider of notebooks 01-05 built in this process from the same helpers and
             data, moved through all of its positions; the callback (including the PNG) timed
  scaling    fit time against the number of ratings sampled from u<fold>.base, and the fitted
             growth exponent

scikit-surprise is optional (`.venv/bin/python -m pip install -e ".[bench]"`); without it the
script says so and measures the rest. Not part of the test suite. BENCHMARKS.md records a run.
"""

from __future__ import annotations

import argparse
import ast
import ctypes
import datetime
import gc
import json
import os
import platform
import shlex
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from helpers.quiet import quiet_native_stderr

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SHARED_MOVIELENS = ROOT.parent / "shared" / "data" / "ml-100k"
if SHARED_MOVIELENS.is_dir():  # as conftest.py does; kernels inherit it
    os.environ.setdefault("MOVIELENS_100K_DIR", str(SHARED_MOVIELENS))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

SECTIONS = ("notebooks", "accuracy", "sliders", "scaling")
SURPRISE_HINT = 'scikit-surprise is not installed; to compare with it: .venv/bin/python -m pip install -e ".[bench]"'
# Notebook 05's settings (its validation search is bench/tune_autorec.py).
ALS_RANKS, ALS_REG, ALS_MAX_ITERS = (10, 20, 50), 0.12, 12
AUTOREC = dict(hidden=400, l2=1e-3, learning_rate=1e-2)
AUTOREC_MAX_EPOCHS, AUTOREC_PATIENCE = 300, 20
# The tuned Surprise SVD: every combination scored on the validation split, the best refitted.
SVD_GRID = dict(n_factors=(50, 100, 200), n_epochs=(20, 40), lr_all=(0.005, 0.01), reg_all=(0.02, 0.05, 0.1))
SCALING_SIZES = (10_000, 25_000, 50_000, 80_000)


# ---------------------------------------------------------------------------------------------
# Measuring: wall and CPU seconds, peak resident memory
# ---------------------------------------------------------------------------------------------


def _status_kb(key: str) -> int | None:
    """A field of /proc/self/status in kB (VmRSS, VmHWM), or None off Linux."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    """Return freed heap to the OS and reset the process's peak RSS (VmHWM); False if Linux refuses."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


@dataclass
class Measured:
    """Wall seconds, CPU seconds (all threads) and the growth of peak RSS in MB over a block."""

    wall: float = 0.0
    cpu: float = 0.0
    peak_mb: float | None = None


@contextmanager
def measure():
    """Measure a block: `with measure() as m: ...`, then m.wall, m.cpu and m.peak_mb."""
    result = Measured()
    can_peak = _reset_peak()
    rss_before = _status_kb("VmRSS")
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield result
    finally:
        result.wall, result.cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak = _status_kb("VmHWM")
        if can_peak and peak is not None and rss_before is not None:
            result.peak_mb = max(peak - rss_before, 0) / 1024


def _proc_field(path: str, key: str) -> str | None:
    """The value after `key:` on the first matching line of a /proc file, or None."""
    try:
        with open(path) as lines:
            return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), None)
    except OSError:
        return None


def machine() -> dict:
    """Cores, memory, CPU model, versions: what a reader needs to judge the figures."""
    from importlib.metadata import PackageNotFoundError, version

    cpu_model = _proc_field("/proc/cpuinfo", "model name") or platform.processor()
    mem_kb = int((_proc_field("/proc/meminfo", "MemTotal") or "0 kB").split()[0])
    versions = {"python": platform.python_version()}
    for package in ("numpy", "scipy", "tensorflow", "keras", "matplotlib", "nbclient", "scikit-surprise"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "not installed"
    return dict(
        cores=os.cpu_count(),
        memory_gb=round(mem_kb / 1024**2, 1),
        cpu_model=cpu_model,
        platform=platform.platform(),
        versions=versions,
    )


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages (other processes share the machine)."""
    return [round(value, 2) for value in os.getloadavg()]


def load_surprise():
    """The scikit-surprise module, or None when it is not installed."""
    try:
        import surprise
    except ImportError:
        return None
    return surprise


def print_table(headers: list[str], rows: list[list], formats: list[str]) -> None:
    """Print rows under headers: text left-aligned, numbers right-aligned, None as '-'."""
    cells = [[("-" if value is None else format(value, fmt)) for value, fmt in zip(row, formats)] for row in rows]
    widths = [max([len(h)] + [len(row[j]) for row in cells]) for j, h in enumerate(headers)]
    left = [fmt == "s" for fmt in formats]
    line = lambda values: "  ".join(v.ljust(w) if lft else v.rjust(w) for v, w, lft in zip(values, widths, left))  # noqa: E731
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))


def heading(title: str) -> None:
    """Print a section heading."""
    print(f"\n== {title} " + "=" * max(0, 90 - len(title)), flush=True)


# ---------------------------------------------------------------------------------------------
# Notebooks: wall seconds in a fresh kernel, and the start-up costs on their own
# ---------------------------------------------------------------------------------------------

KERNEL_PROBES = {  # name -> code run in a fresh kernel; it prints the seconds of its own step
    "bare kernel (1 + 1)": "import time; t = time.perf_counter(); 1 + 1",
    "import helpers": "import time; t = time.perf_counter(); import helpers",
    "import keras, tensorflow": "import time; t = time.perf_counter(); import keras, tensorflow",
}


def run_in_fresh_kernel(notebook) -> float:
    """Run an nbformat notebook in memory in a fresh python3 kernel (cwd notebooks/), as
    tests/run_notebooks.py does but without writing it back; return the wall seconds, kernel
    start and shutdown included. A failing cell raises nbclient's CellExecutionError."""
    from nbclient import NotebookClient

    client = NotebookClient(
        notebook,
        timeout=900,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    with quiet_native_stderr():
        start = time.perf_counter()
        client.execute()
        return time.perf_counter() - start


RUNTIMES = {"TensorFlow": "tensorflow", "Spark": "pyspark"}  # name shown -> module that starts it


def stdout_of(cell) -> str:
    """The text a cell printed to stdout."""
    return "".join(output["text"] for output in cell.outputs if output.get("name") == "stdout")


def probe_kernel(code: str) -> tuple[float, float]:
    """(wall seconds for kernel start + `code`, seconds `code` itself took inside the kernel)."""
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code + "\nprint(time.perf_counter() - t)")])
    wall = run_in_fresh_kernel(notebook)
    return wall, float(stdout_of(notebook.cells[0]).split()[-1])


def time_notebook(path: Path) -> dict:
    """Run an in-memory copy of the notebook at `path` in a fresh kernel: its wall seconds and which of
    RUNTIMES it imported (a last cell added to the copy asks); the file on disk is not written."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell(  # takes about a millisecond
            f"import sys as _sys; print([name for name, module in {RUNTIMES!r}.items() if module in _sys.modules])"
        )
    )
    try:
        seconds = run_in_fresh_kernel(notebook)
    except Exception as err:  # noqa: BLE001 - a broken notebook is reported; the others still run
        return dict(wall_s=None, runtimes=[], error=f"{type(err).__name__}: {str(err).strip().splitlines()[-1][:200]}")
    return dict(wall_s=seconds, runtimes=ast.literal_eval(stdout_of(notebook.cells[-1])))


def run_notebooks_section(paths: list[Path], repeats: int) -> dict:
    """Time the kernel probes (median of `repeats`) and each notebook once; print and return them."""
    heading("Course run time: notebooks headless, each in a fresh kernel (nbclient, in-memory copies)")
    probes = {}
    for name, code in KERNEL_PROBES.items():
        runs = [probe_kernel(code) for _ in range(repeats)]
        probes[name] = dict(
            wall_s=float(np.median([r[0] for r in runs])),
            step_s=float(np.median([r[1] for r in runs])),
            runs=[list(r) for r in runs],
        )
    print(f"start-up costs on their own (median of {repeats} fresh kernels each):")
    print_table(
        ["what", "kernel start + step, s", "the step alone, s"],
        [[name, p["wall_s"], p["step_s"]] for name, p in probes.items()],
        ["s", ".2f", ".2f"],
    )
    kernel = probes["bare kernel (1 + 1)"]["wall_s"]
    tf_import = probes["import keras, tensorflow"]["step_s"]

    notebooks = {}
    for path in paths:
        notebooks[path.name] = time_notebook(path)
        print(f"  ran {path.name}", flush=True)
    done = [n for n in notebooks.values() if n["wall_s"] is not None]
    total = sum(n["wall_s"] for n in done)
    n_tf = sum("TensorFlow" in n["runtimes"] for n in done)
    rows = [[name, n["wall_s"], ", ".join(n["runtimes"]) or "-", n.get("error", "")] for name, n in notebooks.items()]
    rows.append(["total", total, f"TensorFlow in {n_tf} of {len(done)}", ""])
    print_table(["notebook", "wall s", "starts", "error"], rows, ["s", ".1f", "s", "s"])
    own = total - len(done) * kernel - n_tf * tf_import
    print(
        f"of the {total:.1f} s: kernel start-up and shutdown about {len(done) * kernel:.1f} s "
        f"({len(done)} x {kernel:.2f} s), "
        f"TensorFlow's import about {n_tf * tf_import:.1f} s ({n_tf} x {tf_import:.2f} s), "
        f"the course's own work the other {own:.1f} s (Spark's start-up, where a notebook uses it, included)"
    )
    return dict(probes=probes, notebooks=notebooks, total_s=total, kernel_start_s=kernel, tensorflow_import_s=tf_import)


# ---------------------------------------------------------------------------------------------
# Accuracy and cost on MovieLens 100K: notebook 05's models next to scikit-surprise
# ---------------------------------------------------------------------------------------------


@dataclass
class Fold:
    """One canonical fold cut as notebook 05 cuts u1: train/test, and train's 90% fit / 10% validation parts."""

    number: int
    train: object
    test: object
    fit_part: object
    valid_part: object
    R_train: object = None
    R_fit: object = None
    R_valid: object = None
    prep_s: float = 0.0  # ratings_matrix(train): not in the course's fit seconds
    surprise_prep_s: float | None = None  # Surprise's trainset of train: not in its fit seconds
    index: dict = field(default_factory=dict)  # "test"/"valid" -> (user rows, item columns, ratings)


def load_fold(ratings, number: int) -> Fold:
    """The fold's DataFrames, rating matrices and index arrays, exactly as in notebook 05."""
    from helpers import item_index, movielens_fold, ratings_matrix, user_index, validation_split

    train, test = movielens_fold(ratings, number)
    fit_part, valid_part = validation_split(train, 0.1, seed=0)
    fold = Fold(number, train, test, fit_part, valid_part)
    shape = dict(n_users=int(ratings["user"].max()), n_items=int(ratings["item"].max()))
    with measure() as prep:
        fold.R_train = ratings_matrix(train, **shape)
    fold.prep_s = prep.wall
    fold.R_fit, fold.R_valid = ratings_matrix(fit_part, **shape), ratings_matrix(valid_part, **shape)
    for name, part in (("test", test), ("valid", valid_part)):
        fold.index[name] = (
            user_index(part["user"].to_numpy()),
            item_index(part["item"].to_numpy()),
            part["rating"].to_numpy(float),
        )
    return fold


def result_row(
    fold: Fold, library: str, model: str, prediction, fit: Measured, *, select_s=0.0, predict_s=0.0, settings=""
) -> dict:
    """One row of the accuracy table: test RMSE/MAE of `prediction` and what the fit cost."""
    from helpers import mae, rmse

    y_test = fold.index["test"][2]
    return dict(
        fold=fold.number,
        library=library,
        model=model,
        rmse=rmse(y_test, prediction),
        mae=mae(y_test, prediction),
        fit_s=fit.wall,
        fit_cpu_s=fit.cpu,
        select_s=select_s,
        predict_s=predict_s,
        peak_mb=fit.peak_mb,
        us_per_rating=1e6 * fit.wall / len(fold.train),
        settings=settings,
    )


def timed(function, *args, **kwargs):
    """(function(*args, **kwargs), wall seconds)."""
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def simple_models(fold: Fold) -> tuple[list[dict], object]:
    """Zero-fill SVD (k=20), the global mean and the biases model; return (rows, the biases model)."""
    from helpers import fit_baseline, predict_als, predict_svd, truncated_svd

    users, items, _ = fold.index["test"]
    with measure() as fit:
        U, s, Vt = truncated_svd(fold.R_train, k=20, solver="sparse")
    raw, seconds = timed(lambda: predict_svd(U, s, Vt, users, items))
    rows = [
        result_row(fold, "course", "zero-fill SVD (k=20)", np.clip(raw, 1, 5), fit, predict_s=seconds, settings="k=20")
    ]
    with measure() as fit:
        mean = fold.R_train.data.mean()
    rows.append(result_row(fold, "course", "global mean", np.full(users.size, mean), fit))
    with measure() as fit:
        baseline = fit_baseline(fold.R_train)
    prediction, seconds = timed(predict_als, baseline, users, items, rating_range=(1, 5))
    rows.append(
        result_row(
            fold,
            "course",
            "biases (mu + b_u + b_i)",
            prediction,
            fit,
            predict_s=seconds,
            settings="reg=5, 10 iterations",
        )
    )
    return rows, baseline


def masked_als(fold: Fold) -> tuple[dict, dict]:
    """Masked ALS: rank and iterations chosen on the validation part, then refitted; (row, details)."""
    from helpers import fit_als, predict_als

    users, items, _ = fold.index["test"]
    with measure() as select:
        curves = {
            k: np.array(
                fit_als(fold.R_fit, k=k, reg=ALS_REG, n_iters=ALS_MAX_ITERS, seed=0, eval_ratings=fold.R_valid).history[
                    "eval_rmse"
                ]
            )
            for k in ALS_RANKS
        }
    k = min(ALS_RANKS, key=lambda rank: curves[rank].min())
    n_iters = int(np.argmin(curves[k])) + 1
    with measure() as fit:
        als = fit_als(fold.R_train, k=k, reg=ALS_REG, n_iters=n_iters, seed=0)
    prediction, seconds = timed(predict_als, als, users, items, rating_range=(1, 5))
    row = result_row(
        fold,
        "course",
        f"masked ALS (k={k})",
        prediction,
        fit,
        select_s=select.wall,
        predict_s=seconds,
        settings=f"k={k}, reg={ALS_REG}, {n_iters} iterations",
    )
    return row, dict(model=als, k=k, n_iters=n_iters, fit=fit, select_s=select.wall, test=prediction)


def autorec_and_blend(fold: Fold, baseline, als: dict) -> tuple[list[dict], object]:
    """I-AutoRec early-stopped on the validation part, the blend's weights fitted there, AutoRec
    refitted on the whole fold for the best epoch count; return (rows, the refitted AutoRec)."""
    from helpers import apply_blend, fit_als, fit_autorec, fit_blend, predict_als, predict_autorec

    users, items, _ = fold.index["test"]
    v_users, v_items, y_valid = fold.index["valid"]
    with measure() as stop:
        autorec = fit_autorec(
            fold.R_fit, valid=fold.R_valid, max_epochs=AUTOREC_MAX_EPOCHS, patience=AUTOREC_PATIENCE, seed=0, **AUTOREC
        )
    with measure() as blend_select:
        als_fit_part = fit_als(fold.R_fit, k=als["k"], reg=ALS_REG, n_iters=als["n_iters"], seed=0)
        fallback = predict_als(baseline, v_users, v_items)
        weights = fit_blend(
            [
                predict_autorec(autorec, fold.R_fit, v_users, v_items, fallback=fallback),
                predict_als(als_fit_part, v_users, v_items, rating_range=(1, 5)),
            ],
            y_valid,
        )
    with measure() as fit:
        final = fit_autorec(fold.R_train, max_epochs=max(autorec.best_epoch, 1), seed=0, **AUTOREC)
    prediction, seconds = timed(
        predict_autorec, final, fold.R_train, users, items, fallback=predict_als(baseline, users, items)
    )
    rows = [
        result_row(
            fold,
            "course",
            "I-AutoRec (400 hidden)",
            prediction,
            fit,
            select_s=stop.wall,
            predict_s=seconds,
            settings=f"{final.epochs_run} epochs (best on validation, of {autorec.epochs_run} run)",
        )
    ]
    both = Measured(
        als["fit"].wall + fit.wall,
        als["fit"].cpu + fit.cpu,  # as notebook 05 counts it
        max(filter(None, [als["fit"].peak_mb, fit.peak_mb]), default=None),
    )
    blended, seconds = timed(apply_blend, weights, [prediction, als["test"]])
    rows.append(
        result_row(
            fold,
            "course",
            "blend of AutoRec and ALS",
            blended,
            both,
            select_s=als["select_s"] + stop.wall + blend_select.wall,
            predict_s=seconds,
            settings="weights " + " ".join(f"{w:.3f}" for w in weights),
        )
    )
    return rows, final


def course_models(fold: Fold) -> tuple[list[dict], dict]:
    """Fit notebook 05's six models on `fold` the way the notebook does; return (rows, fitted objects)."""
    rows, baseline = simple_models(fold)
    als_row, als = masked_als(fold)
    neural_rows, autorec = autorec_and_blend(fold, baseline, als)
    return rows + [als_row] + neural_rows, dict(als=als["model"], autorec=autorec, R_train=fold.R_train)


def surprise_trainset(surprise, frame):
    """A Surprise Trainset of a ratings DataFrame (raw ids = MovieLens ids)."""
    reader = surprise.Reader(rating_scale=(1, 5))
    return surprise.Dataset.load_from_df(frame[["user", "item", "rating"]], reader).build_full_trainset()


def surprise_predict(algo, frame) -> np.ndarray:
    """Surprise's estimate for each (user, item) row of `frame`, through its own test()."""
    pairs = zip(frame["user"].to_numpy(), frame["item"].to_numpy(), frame["rating"].to_numpy(float))
    return np.array([p.est for p in algo.test(list(pairs))])


def tune_surprise_svd(surprise, fold: Fold) -> tuple[dict, float, list]:
    """The SVD_GRID setting with the lowest validation RMSE (fit on fit_part, scored on valid_part)."""
    from itertools import product

    from helpers import rmse

    trainset = surprise_trainset(surprise, fold.fit_part)
    y_valid = fold.valid_part["rating"].to_numpy(float)
    scores = []
    for values in product(*SVD_GRID.values()):
        settings = dict(zip(SVD_GRID, values))
        algo = surprise.SVD(random_state=0, **settings)
        algo.fit(trainset)
        scores.append((rmse(y_valid, surprise_predict(algo, fold.valid_part)), settings))
    best_rmse, best = min(scores, key=lambda pair: pair[0])
    return best, best_rmse, scores


def surprise_models(surprise, fold: Fold) -> list[dict]:
    """BaselineOnly, SVD (defaults) and SVD tuned on the validation split, fitted on `fold`'s train."""
    with measure() as prep:
        trainset = surprise_trainset(surprise, fold.train)
    fold.surprise_prep_s = prep.wall
    rows = []
    with measure() as select:
        tuned, valid_rmse, _ = tune_surprise_svd(surprise, fold)
    candidates = [
        ("BaselineOnly", surprise.BaselineOnly(verbose=False), 0.0, "ALS baselines, defaults"),
        ("SVD (defaults)", surprise.SVD(random_state=0), 0.0, "100 factors, 20 epochs, lr 0.005, reg 0.02"),
        (
            "SVD (tuned on validation)",
            surprise.SVD(random_state=0, **tuned),
            select.wall,
            ", ".join(f"{k}={v}" for k, v in tuned.items()) + f" (valid RMSE {valid_rmse:.4f})",
        ),
    ]
    for name, algo, select_s, settings in candidates:
        with measure() as fit:
            algo.fit(trainset)
        prediction, seconds = timed(surprise_predict, algo, fold.test)
        rows.append(
            result_row(fold, "surprise", name, prediction, fit, select_s=select_s, predict_s=seconds, settings=settings)
        )
    return rows


def accuracy_targets(rows: list[dict]) -> dict:
    """Check the issue's targets fold by fold: course faster per rating than Surprise SVD at equal or
    better RMSE; the course's best model below Surprise's tuned SVD."""
    folds = sorted({row["fold"] for row in rows})
    by = {(row["fold"], row["model"]): row for row in rows}
    course = list(dict.fromkeys(row["model"] for row in rows if row["library"] == "course"))
    per_model = {}
    for model in course:
        checks = []
        for fold in folds:
            ours = by[(fold, model)]
            for reference in ("SVD (defaults)", "SVD (tuned on validation)"):
                theirs = by[(fold, reference)]
                checks.append(
                    dict(
                        fold=fold,
                        reference=reference,
                        time_ratio=ours["us_per_rating"] / theirs["us_per_rating"],
                        faster=ours["us_per_rating"] < theirs["us_per_rating"],
                        faster_cpu=ours["fit_cpu_s"] < theirs["fit_cpu_s"],
                        as_accurate=ours["rmse"] <= theirs["rmse"],
                    )
                )
        per_model[model] = checks
    best = {}
    for fold in folds:
        name = min(course, key=lambda m: by[(fold, m)]["rmse"])
        best[fold] = dict(
            model=name,
            rmse=by[(fold, name)]["rmse"],
            tuned_svd_rmse=by[(fold, "SVD (tuned on validation)")]["rmse"],
            beats=by[(fold, name)]["rmse"] < by[(fold, "SVD (tuned on validation)")]["rmse"],
        )
    return dict(per_model=per_model, best_vs_tuned_svd=best)


def print_accuracy(rows: list[dict]) -> None:
    """The per-fold table, and the mean over folds when there are several."""
    headers = [
        "fold",
        "library",
        "model",
        "RMSE",
        "MAE",
        "fit s",
        "fit CPU s",
        "us/rating",
        "select s",
        "predict s",
        "peak MB",
    ]
    formats = ["d", "s", "s", ".4f", ".4f", ".2f", ".2f", ".1f", ".1f", ".2f", ".0f"]
    print_table(
        headers,
        [
            [
                r["fold"],
                r["library"],
                r["model"],
                r["rmse"],
                r["mae"],
                r["fit_s"],
                r["fit_cpu_s"],
                r["us_per_rating"],
                r["select_s"],
                r["predict_s"],
                r["peak_mb"],
            ]
            for r in rows
        ],
        formats,
    )
    folds = sorted({r["fold"] for r in rows})
    if len(folds) > 1:
        print(f"\nmean over folds {', '.join(map(str, folds))} (RMSE: mean +- standard deviation):")
        summary = []
        for library, model in dict.fromkeys((r["library"], r["model"].split(" (k=")[0]) for r in rows):
            mine = [r for r in rows if r["library"] == library and r["model"].split(" (k=")[0] == model]
            column = lambda key, mine=mine: np.array([r[key] for r in mine], dtype=float)  # noqa: E731
            summary.append(
                [
                    library,
                    model,
                    column("rmse").mean(),
                    column("rmse").std(),
                    column("mae").mean(),
                    column("fit_s").mean(),
                    column("fit_cpu_s").mean(),
                    column("us_per_rating").mean(),
                    column("select_s").mean(),
                    np.nanmax(column("peak_mb")) if mine[0]["peak_mb"] is not None else None,
                ]
            )
        print_table(
            ["library", "model", "RMSE", "+-", "MAE", "fit s", "fit CPU s", "us/rating", "select s", "max peak MB"],
            summary,
            ["s", "s", ".4f", ".4f", ".4f", ".2f", ".2f", ".1f", ".1f", ".0f"],
        )
    print("\nsettings per fold (chosen on the validation part):")
    for r in rows:
        if r["settings"]:
            print(f"  u{r['fold']} {r['model']}: {r['settings']}")


def print_targets(targets: dict) -> None:
    """Say, model by model and fold by fold, whether the issue's targets are met."""
    print("\ntarget 1: every course model trains faster per rating than Surprise's SVD, at the same RMSE or better")
    rows = []
    for model, checks in targets["per_model"].items():
        for reference in ("SVD (defaults)", "SVD (tuned on validation)"):
            mine = [c for c in checks if c["reference"] == reference]
            faster = sum(c["faster"] for c in mine)
            accurate = sum(c["as_accurate"] for c in mine)
            met = all(c["faster"] and c["as_accurate"] for c in mine)
            ratio = float(np.mean([c["time_ratio"] for c in mine]))
            rows.append(
                [
                    model,
                    reference,
                    ratio,
                    f"{faster}/{len(mine)}",
                    f"{sum(c['faster_cpu'] for c in mine)}/{len(mine)}",
                    f"{accurate}/{len(mine)}",
                    "met" if met else "NOT met",
                ]
            )
    print("(time ratio = our fit seconds per rating / theirs, mean over folds; the columns after it count folds)")
    print_table(
        ["course model", "against Surprise", "time ratio", "faster (wall)", "faster (CPU)", "RMSE <=", "target"],
        rows,
        ["s", "s", ".2f", "s", "s", "s", "s"],
    )
    all_met = all(row[-1] == "met" for row in rows)
    print(f"target 1 overall: {'met' if all_met else 'NOT met'}")
    print("\ntarget 2: the course's best model beats Surprise's tuned SVD on every fold")
    best = targets["best_vs_tuned_svd"]
    print_table(
        ["fold", "course's best", "its RMSE", "tuned SVD RMSE", "beats it"],
        [[f, b["model"], b["rmse"], b["tuned_svd_rmse"], "yes" if b["beats"] else "NO"] for f, b in best.items()],
        ["d", "s", ".4f", ".4f", "s"],
    )
    print(f"target 2 overall: {'met' if all(b['beats'] for b in best.values()) else 'NOT met'}")


def run_accuracy_section(folds: list[int], cache: dict) -> dict:
    """Fit and score every model on every fold; print the table and the targets; keep u1's models in `cache`."""
    from helpers import (
        autorec,  # noqa: F401  (Keras loaded before set_seed, as in notebook 05)
        load_movielens_100k,
        set_seed,
    )

    heading(f"Accuracy and cost on MovieLens 100K, fold(s) {', '.join(f'u{f}' for f in folds)}")
    surprise = load_surprise()
    if surprise is None:
        print(SURPRISE_HINT)
    ratings, _ = load_movielens_100k()
    rows, prep = [], {}
    for number in folds:
        set_seed(0)
        fold = load_fold(ratings, number)
        fold_rows, fitted = course_models(fold)
        rows += fold_rows
        if number == 1:
            cache["u1"] = fitted
        if surprise is not None:
            rows += surprise_models(surprise, fold)
        prep[number] = dict(course_ratings_matrix_s=fold.prep_s, surprise_trainset_s=fold.surprise_prep_s)
        print(f"  fold u{number} done", flush=True)
    print_accuracy(rows)
    print(
        "\ndata preparation, not in 'fit s': "
        + "; ".join(
            f"u{n}: ratings_matrix {p['course_ratings_matrix_s']:.2f} s"
            + (f", Surprise trainset {p['surprise_trainset_s']:.2f} s" if p["surprise_trainset_s"] is not None else "")
            for n, p in prep.items()
        )
    )
    targets = accuracy_targets(rows) if surprise is not None else None
    if targets:
        print_targets(targets)
    return dict(
        rows=rows,
        data_preparation=prep,
        targets=targets,
        surprise_grid={k: list(v) for k, v in SVD_GRID.items()} if surprise is not None else None,
    )


# ---------------------------------------------------------------------------------------------
# Slider latency: every slider of the course, through every position
# ---------------------------------------------------------------------------------------------


def slider_positions(slider) -> list:
    """Every value of an IntSlider once, starting after the current one and ending on it."""
    values = list(range(slider.min, slider.max + 1, slider.step))
    start = values.index(slider.value) + 1
    return values[start:] + values[:start]


def time_slider(panel, slider, sweeps: int) -> dict:
    """Move `slider` through all its positions `sweeps` times; time each move (observe callback + PNG) in ms."""
    text = panel.children[2]
    times, errors = [], 0
    gc.collect()  # not the garbage of earlier sections
    for _ in range(sweeps):
        for value in slider_positions(slider):
            start = time.perf_counter()
            slider.value = value
            times.append(1000 * (time.perf_counter() - start))
            errors += text.value.startswith("<pre>Cannot show")
    return dict(
        positions=len(times) // sweeps,
        moves=len(times),
        median_ms=float(np.median(times)),
        worst_ms=float(np.max(times)),
        png_kb=len(panel.children[1].value) / 1024,
        errors=errors,
    )


def sliders_01() -> list:
    """Notebook 01: the rank slider over the toy matrix."""
    import ipywidgets as widgets

    from helpers import TOY_ITEMS, TOY_USERS, rank_k_view, slider_demo, toy_ratings

    R = toy_ratings()
    draw = rank_k_view(R, row_labels=TOY_USERS, col_labels=TOY_ITEMS)
    slider = widgets.IntSlider(value=2, min=1, max=min(R.shape), description="rank k")
    return [("01 rank k", slider_demo(draw, slider), slider)]


def sliders_02() -> list:
    """Notebook 02: the epochs slider over a 3000-epoch snapshot run (trained here as the notebook does)."""
    import ipywidgets as widgets

    from helpers import (
        TOY_ITEMS,
        TOY_USERS,
        autoencoder_epochs_view,
        build_autoencoder,
        normalise_ratings,
        set_seed,
        slider_demo,
        toy_ratings,
        train_with_snapshots,
    )

    set_seed(0)
    R = toy_ratings()
    autoencoder, encoder = build_autoencoder(n_inputs=4, n_codes=3, seed=0)
    snapshots = train_with_snapshots(autoencoder, encoder, normalise_ratings(R, 5), epochs=3000, every=30)
    draw = autoencoder_epochs_view(R, snapshots, scale=5, svd_rank=3, row_labels=TOY_USERS, col_labels=TOY_ITEMS)
    slider = widgets.IntSlider(value=3000, min=0, max=3000, step=30, description="epoch")
    return [("02 epoch", slider_demo(draw, slider), slider)]


def sliders_03() -> list:
    """Notebook 03: the rank slider (8 ALS fits) and the epochs slider (masked autoencoder, 3000 epochs)."""
    import ipywidgets as widgets

    from helpers import (
        build_autoencoder,
        fit_als,
        masked_mse,
        masked_rmse,
        normalise_ratings,
        original_missing_ratings,
        predict_als_matrix,
        set_seed,
        slider_demo,
        split_observed,
        train_vs_heldout_view,
        train_with_snapshots,
    )

    set_seed(0)
    ratings, observed = original_missing_ratings(seed=42, n_missing=50)
    train, held_out = split_observed(observed, test_fraction=0.3, seed=0)
    truth = np.nan_to_num(ratings, nan=0.0)
    ranks = np.arange(1, 9)
    rank_predictions = np.stack(
        [predict_als_matrix(fit_als(ratings, train, k=int(k), reg=0.1, n_iters=30, seed=0)) for k in ranks]
    )
    rank_view = train_vs_heldout_view(
        ranks,
        [masked_rmse(truth, p, train) for p in rank_predictions],
        [masked_rmse(truth, p, held_out) for p in rank_predictions],
        rank_predictions,
        step_name="rank",
        rating_range=(1, 10),
    )
    X = normalise_ratings(np.where(train, ratings, 0.0), 10)
    masked_ae, masked_encoder = build_autoencoder(n_inputs=10, n_codes=5, seed=0)
    snapshots = train_with_snapshots(masked_ae, masked_encoder, X, epochs=3000, every=30, loss=masked_mse)
    predictions = snapshots.reconstructions * 10
    epoch_view = train_vs_heldout_view(
        snapshots.epochs,
        [masked_rmse(truth, p, train) for p in predictions],
        [masked_rmse(truth, p, held_out) for p in predictions],
        predictions,
        step_name="epoch",
        rating_range=(1, 10),
    )
    rank_slider = widgets.IntSlider(value=3, min=1, max=8, description="rank k")
    epoch_slider = widgets.IntSlider(value=3000, min=0, max=3000, step=30, description="epoch")
    return [
        ("03 rank k", slider_demo(rank_view, rank_slider), rank_slider),
        ("03 epoch", slider_demo(epoch_view, epoch_slider), epoch_slider),
    ]


def sliders_04() -> list:
    """Notebook 04: the ten film sliders of the fold-in panel (ALS k=2 on the taste data)."""
    import ipywidgets as widgets

    from helpers import TASTE_ITEMS, fit_als, fold_in_view, slider_demo, taste_ratings

    films, film_observed = taste_ratings(n_users=300, observed_fraction=0.8, seed=0)
    known = film_observed.copy()
    known[np.arange(240, 300)] = False
    film_als = fit_als(films, known, k=2, reg=0.1, n_iters=20, seed=0)
    draw = fold_in_view(film_als, TASTE_ITEMS, rating_range=(1, 5))
    sliders = [widgets.IntSlider(value=0, min=0, max=5, description=name) for name in TASTE_ITEMS]
    panel = slider_demo(draw, *sliders)
    return [(f"04 {name}", panel, slider) for name, slider in zip(TASTE_ITEMS, sliders)]


def sliders_05(cache: dict) -> list:
    """Notebook 05: the eight film sliders of the recommendation panel (u1 models; fitted here if not cached)."""
    import ipywidgets as widgets

    from helpers import (
        damped_item_means,
        fold_in_user,
        item_index,
        item_popularity,
        items_by_title,
        load_movielens_100k,
        recommendation_view,
        set_seed,
        similarity_scores,
        slider_demo,
    )
    from helpers.autorec import autorec_item_codes

    ratings, items = load_movielens_100k()
    if "u1" not in cache:
        set_seed(0)
        cache["u1"] = course_models(load_fold(ratings, 1))[1]
    als, R_train = cache["u1"]["als"], cache["u1"]["R_train"]
    codes = autorec_item_codes(cache["u1"]["autorec"], R_train)
    titles = items["title"].to_numpy()
    panel_titles = [
        "Star Wars (1977)",
        "Toy Story (1995)",
        "Fargo (1996)",
        "Pulp Fiction (1994)",
        "Titanic (1997)",
        "Scream (1996)",
        "English Patient, The (1996)",
        "Liar Liar (1997)",
    ]
    panel_items = item_index(items_by_title(items, panel_titles))
    recommenders = {
        "ALS fold-in (predicted rating)": lambda rated, given: (
            fold_in_user(als, rated, given, rating_range=(1, 5)).predictions
        ),
        "AutoRec codes (similarity score)": lambda rated, given: similarity_scores(codes, rated, given),
    }
    draw = recommendation_view(
        titles,
        panel_items,
        recommenders,
        damped_item_means(R_train, damping=20.0),
        among=item_popularity(R_train) >= 20,
        n=10,
    )
    sliders = [widgets.IntSlider(value=0, min=0, max=5, description=t.split(" (")[0][:16]) for t in panel_titles]
    panel = slider_demo(draw, *sliders)
    return [(f"05 {t.split(' (')[0]}", panel, slider) for t, slider in zip(panel_titles, sliders)]


def run_sliders_section(cache: dict, sweeps: int) -> dict:
    """Build every slider panel in this process and time every position of every slider."""
    heading(f"Slider latency: every position of every slider, {sweeps} sweep(s) (observe callback incl. PNG)")
    timings = {}
    for build in (sliders_01, sliders_02, sliders_03, sliders_04, lambda: sliders_05(cache)):
        for name, panel, slider in build():
            timings[name] = time_slider(panel, slider, sweeps)
    print_table(
        ["slider", "positions", "median ms", "worst ms", "PNG kB", "errors"],
        [
            [name, t["positions"], t["median_ms"], t["worst_ms"], t["png_kb"], t["errors"]]
            for name, t in timings.items()
        ],
        ["s", "d", ".1f", ".1f", ".0f", "d"],
    )
    print(
        "(notebook 05's panel draws text only, so its PNG column is 0; times exclude sending the "
        "widget state to the browser and the browser's own drawing)"
    )
    return timings


# ---------------------------------------------------------------------------------------------
# Scaling: fit time against the number of ratings
# ---------------------------------------------------------------------------------------------


def growth_exponent(sizes, seconds) -> float:
    """Slope of log(seconds) against log(sizes): time grows like n ** slope."""
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])


def run_scaling_section(fold_number: int, epochs: int, repeats: int) -> dict:
    """Fit ALS, I-AutoRec (and Surprise SVD) on growing samples of u<fold>.base; best of `repeats`."""
    from helpers import fit_als, load_movielens_100k, movielens_fold, ratings_matrix, set_seed
    from helpers.autorec import fit_autorec

    heading(
        f"Scaling: fit seconds against ratings sampled from u{fold_number}.base (best of {repeats}, sizes interleaved)"
    )
    surprise = load_surprise()
    ratings, _ = load_movielens_100k()
    train, _ = movielens_fold(ratings, fold_number)
    shape = dict(n_users=int(ratings["user"].max()), n_items=int(ratings["item"].max()))
    sizes = [n for n in SCALING_SIZES if n <= len(train)]
    fitters = {
        f"masked ALS (k=50, reg={ALS_REG}, 5 iterations)": lambda sample: fit_als(
            ratings_matrix(sample, **shape), k=50, reg=ALS_REG, n_iters=5, seed=0
        ),
        f"I-AutoRec (400 hidden, {epochs} epochs)": lambda sample: fit_autorec(
            ratings_matrix(sample, **shape), max_epochs=epochs, seed=0, **AUTOREC
        ),
    }
    if surprise is not None:
        fitters["Surprise SVD (defaults)"] = lambda sample: surprise.SVD(random_state=0).fit(
            surprise_trainset(surprise, sample)
        )
    else:
        print(SURPRISE_HINT)
    rng = np.random.default_rng(0)
    samples = {n: train.iloc[np.sort(rng.choice(len(train), size=n, replace=False))] for n in sizes}
    results = {}
    for name, fit in fitters.items():
        fit(samples[sizes[0]])  # warm-up, untimed: first-call costs (TensorFlow tracing) are not growth
        runs = {n: [] for n in sizes}
        for _ in range(repeats):  # sizes interleaved, so a busy spell on the machine hits them all alike
            for n in sizes:
                set_seed(0)
                with measure() as m:
                    fit(samples[n])
                runs[n].append(m.wall)
        seconds = [min(runs[n]) for n in sizes]
        results[name] = dict(sizes=sizes, seconds=seconds, runs=runs, exponent=growth_exponent(sizes, seconds))
    print_table(
        ["model"] + [f"{n // 1000}k s" for n in sizes] + ["exponent"],
        [[name] + r["seconds"] + [r["exponent"]] for name, r in results.items()],
        ["s"] + [".2f"] * len(sizes) + [".2f"],
    )
    print(
        "(times include building the rating matrix / Surprise trainset from the sample; the matrix "
        "keeps all 943 x 1682 users and films)"
    )
    return results


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------


def parse_folds(text: str) -> list[int]:
    """'1', '1-5' or '1,3,5' -> a sorted list of fold numbers in 1..5."""
    folds = set()
    for part in text.split(","):
        low, _, high = part.partition("-")
        folds.update(range(int(low), int(high or low) + 1))
    if not folds or min(folds) < 1 or max(folds) > 5:
        raise argparse.ArgumentTypeError(f"folds must lie in 1-5, e.g. 1, 1-5 or 1,3; got {text!r}")
    return sorted(folds)


def parse_args(argv=None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--folds", type=parse_folds, default=[1], help="canonical folds for accuracy: 1, 1-5, 1,3 (default 1)"
    )
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run (default all: {','.join(SECTIONS)})",
    )
    parser.add_argument("--skip-notebooks", action="store_true", help="leave out the notebooks section")
    parser.add_argument(
        "--notebooks", nargs="+", type=Path, help="notebooks to time (default: every notebooks/[0-9]*.ipynb)"
    )
    parser.add_argument("--kernel-repeats", type=int, default=3, help="fresh kernels per start-up probe (median)")
    parser.add_argument("--scaling-epochs", type=int, default=50, help="fixed AutoRec epochs in the scaling section")
    parser.add_argument("--scaling-repeats", type=int, default=3, help="fits per size in the scaling section (best)")
    parser.add_argument("--slider-sweeps", type=int, default=3, help="sweeps through every slider position")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    if args.skip_notebooks and "notebooks" in sections:
        sections.remove("notebooks")
    args.sections = [s for s in SECTIONS if s in sections]
    return args


def main(argv=None) -> dict:
    """Run the chosen sections, print their tables and write the JSON."""
    args = parse_args(argv)
    started = time.perf_counter()
    report = dict(
        command=" ".join(shlex.quote(a) for a in [".venv/bin/python", "bench/run.py", *sys.argv[1:]]),
        date=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        machine=machine(),
        load_average_start=load_average(),
        sections=args.sections,
        folds=args.folds,
    )
    m = report["machine"]
    print(
        f"{report['command']}\n{report['date']}  {m['cores']} cores, {m['memory_gb']} GB, {m['cpu_model']}; "
        f"load average at start {report['load_average_start']}"
    )
    print("versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()))
    cache = {}
    if "notebooks" in args.sections:
        paths = args.notebooks or sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
        report["notebooks"] = run_notebooks_section([Path(p).resolve() for p in paths], args.kernel_repeats)
    if "accuracy" in args.sections:
        report["accuracy"] = run_accuracy_section(args.folds, cache)
    if "sliders" in args.sections:
        report["sliders"] = run_sliders_section(cache, args.slider_sweeps)
    if "scaling" in args.sections:
        report["scaling"] = run_scaling_section(args.folds[0], args.scaling_epochs, args.scaling_repeats)
    report["load_average_end"] = load_average()
    report["run_s"] = time.perf_counter() - started
    print(f"\nwhole run {report['run_s'] / 60:.1f} min; load average at end {report['load_average_end']}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(report, indent=2, default=lambda o: o.item() if isinstance(o, np.generic) else str(o)) + "\n"
        )
        print(f"wrote {args.json}")
    return report


if __name__ == "__main__":
    main()
