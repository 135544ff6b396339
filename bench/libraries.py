"""The comparison libraries' rows (Surprise for accuracy, implicit for ranking), tuned per fold and
cached in a JSON file so a later run can reuse them while only the course's notebooks are re-run.

    .venv/bin/python -m bench.libraries --folds 1-5 --out bench/results/libraries.json   # ~20-30 min on 2 busy cores
    .venv/bin/python -m bench.libraries --libraries implicit --out build/implicit.json     # one library (in parallel)
    .venv/bin/python -m bench.libraries --merge build/surprise.json build/implicit.json    # into the default --out

The file holds, per library and fold, the rows bench.run prints (test figures, fit seconds,
chosen settings and the search behind them), the validation split they were chosen on, the
library versions and the search time. `bench.run --reuse-libraries` reads it instead of tuning.
"""

from __future__ import annotations

import argparse
import datetime
import json
import time
from importlib import metadata
from pathlib import Path

from bench.search import SPLIT

DEFAULT_CACHE = Path(__file__).resolve().parent / "results" / "libraries.json"  # committed: a fresh clone reuses it
LIBRARIES = {"surprise": "scikit-surprise", "implicit": "implicit"}


def _versions() -> dict:
    versions = {}
    for package in LIBRARIES.values():
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def _tune(library: str, ratings, fold: int) -> list[dict] | None:
    if library == "surprise":
        from bench.surprise_models import load_surprise, surprise_rows

        module = load_surprise()
        return None if module is None else surprise_rows(module, ratings, fold)
    from bench.implicit_models import implicit_rows, load_implicit

    module = load_implicit()
    return None if module is None else implicit_rows(module, ratings, fold)


def read_cache(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def library_rows(
    library: str, ratings, folds: list[int], *, cache: Path = DEFAULT_CACHE, reuse: bool, wait_minutes: float = 0
) -> list[dict]:
    """The library's rows on `folds`: read from `cache` when `reuse` (every fold must be there, tuned on
    the same split; with `wait_minutes`, wait that long for a concurrent bench.libraries run to write
    them), else tuned now and written to `cache` (other folds' entries kept)."""
    stored = read_cache(cache)
    deadline = time.monotonic() + 60 * wait_minutes
    while reuse and time.monotonic() < deadline and any(str(f) not in stored.get(library, {}) for f in folds):
        time.sleep(15)
        stored = read_cache(cache)
    if reuse:
        if stored.get("split") != SPLIT:
            raise SystemExit(
                f"{cache} was tuned on {stored.get('split')!r}, not {SPLIT!r}: run without --reuse-libraries"
            )
        missing = [f for f in folds if str(f) not in stored.get(library, {})]
        if missing:
            raise SystemExit(f"{cache} has no {library} rows for folds {missing}: run without --reuse-libraries")
        print(f"  {library}: rows reused from {cache} (tuned {stored.get('date')}, {stored.get('versions')})")
        return [row for f in folds for row in stored[library][str(f)]]
    rows = []
    for fold in folds:
        began = time.perf_counter()
        fold_rows = _tune(library, ratings, fold)
        if fold_rows is None:
            return []
        print(f"  fold {fold}: {library} tuned and fitted in {time.perf_counter() - began:.0f} s", flush=True)
        rows += fold_rows
        stored = read_cache(cache)  # re-read: another section may have written meanwhile
        if stored.get("split") != SPLIT:
            stored = {}
        stored.update(split=SPLIT, versions=_versions(), date=datetime.datetime.now().isoformat(timespec="seconds"))
        stored.setdefault(library, {})[str(fold)] = fold_rows
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(stored, indent=1, default=str))
    return rows


def main(argv=None):
    from bench.run import parse_folds
    from helpers import load_movielens_100k

    parser = argparse.ArgumentParser(prog="python -m bench.libraries", description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=parse_folds, default=[1, 2, 3, 4, 5])
    parser.add_argument("--libraries", default=",".join(LIBRARIES), type=lambda t: [s for s in t.split(",") if s])
    parser.add_argument("--out", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--merge", type=Path, nargs="+", help="instead of tuning, merge these caches (e.g. one per library) into --out"
    )
    args = parser.parse_args(argv)
    if args.merge:
        merged = {}
        for path in args.merge:
            part = read_cache(path)
            if merged and part.get("split") != merged.get("split"):
                raise SystemExit(f"{path} was tuned on {part.get('split')!r}, the others on {merged.get('split')!r}")
            for library in LIBRARIES:
                merged.setdefault(library, {}).update(part.pop(library, {}))
            merged.update(part)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(merged, indent=1, default=str))
        print(f"merged {[str(p) for p in args.merge]} into {args.out}")
        return
    ratings, _ = load_movielens_100k()
    began = time.perf_counter()
    for library in args.libraries:
        rows = library_rows(library, ratings, args.folds, cache=args.out, reuse=False)
        for row in rows:
            if row.get("search"):
                print(f"  u{row['fold']} {library} {row['method']}: {row['settings']}; {row['search']['edges']}")
    print(f"libraries tuned in {(time.perf_counter() - began) / 60:.1f} min; wrote {args.out}")


if __name__ == "__main__":
    main()
