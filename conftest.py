"""Test set-up shared by the unit tests and the nbval notebook runs (at the root, so that
`pytest notebooks/05_movielens.ipynb` alone finds it too)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SHARED_MOVIELENS = ROOT.parent / "shared" / "data" / "ml-100k"

# Set before any notebook kernel starts: kernels inherit this process's environment.
if SHARED_MOVIELENS.is_dir():
    os.environ.setdefault("MOVIELENS_100K_DIR", str(SHARED_MOVIELENS))


def pytest_collectstart(collector):
    """Skip comparing outputs that differ between machines for reasons unrelated to the course."""
    if collector.fspath and collector.fspath.ext == ".ipynb":
        # text/html is compared (pandas tables); images are checked in code cells instead.
        collector.skip_compare += ("image/svg+xml", "application/vnd.jupyter.widget-state+json")


def pytest_collection_modifyitems(items):
    """Every notebook cell nbval runs carries the `notebooks` marker (see pyproject.toml's tiers)."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker("notebooks")
