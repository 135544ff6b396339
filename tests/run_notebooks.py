"""Execute notebooks in place, each top to bottom in a fresh kernel, and print how long each took.

Usage: python tests/run_notebooks.py notebooks/*.ipynb
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import conftest  # noqa: F401  (sets MOVIELENS_100K_DIR for the kernels)


def run(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    elapsed = time.perf_counter() - start
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)
    return elapsed


if __name__ == "__main__":
    total = 0.0
    for name in sys.argv[1:]:
        seconds = run(Path(name))
        total += seconds
        print(f"{name}: {seconds:.1f} s", flush=True)
    print(f"total: {total:.1f} s")
