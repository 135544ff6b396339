"""What bench.tune_autorec and bench.tune_ranking share: the folds, the search per model and fold,
the printout (each chosen value and whether it is interior) and the JSON that bench.report reads."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.search import SPLIT, coordinate_search

RESULTS = Path(__file__).resolve().parent / "results"


def parse_args(prog: str, description: str, default_json: Path, argv=None) -> argparse.Namespace:
    from bench.run import parse_folds

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--folds", type=parse_folds, default=[1], help="e.g. 1 (default) or 1-5")
    parser.add_argument("--json", type=Path, default=default_json, help=f"default {default_json.name} in bench/results")
    parser.add_argument("--only", default="", help="search only the models whose name contains this text")
    return parser.parse_args(argv)


def search_models(models: list[tuple], folds: list[int], make_parts, only: str = "") -> list[dict]:
    """For each (name, axes, score_factory, maximize, metric, fixed[, tolerance]) and fold: the coordinate search,
    printed as it goes. `make_parts(fold)` gives what `score_factory(parts)` needs; `only` keeps the
    models whose name contains it."""
    models = [model for model in models if only in model[0]]
    out = {name: dict(name=name, folds={}) for name, *_ in models}
    for fold in folds:
        parts = make_parts(fold)
        for name, axes, score_factory, maximize, metric, fixed, *rest in models:
            print(f"\nu{fold} {name}: {metric} on {SPLIT}", flush=True)

            def progress(settings, value):
                print(f"  {', '.join(f'{k}={v}' for k, v in settings.items())}: {value:.4f}", flush=True)

            result = coordinate_search(
                score_factory(parts),
                axes,
                maximize=maximize,
                fixed=fixed,
                progress=progress,
                tolerance=(rest or [0.0])[0],
            )
            entry = dict(metric=metric, **result.as_dict())
            out[name]["folds"][str(fold)] = entry
            print(
                f"chosen: {', '.join(f'{k}={v}' for k, v in result.chosen.items())} ({metric} {result.score:.4f}); "
                f"{entry['edges']} [{entry['n_fits']} fits, {result.seconds:.0f} s]",
                flush=True,
            )
    return list(out.values())


def write(path: Path, command: str, models: list[dict], began: float) -> None:
    minutes = (time.perf_counter() - began) / 60
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(command=command, split=SPLIT, minutes=minutes, models=models), indent=1))
    print(f"\n{minutes:.1f} min; wrote {path}")
