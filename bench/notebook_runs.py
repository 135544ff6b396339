"""Run the course's notebooks for the benchmark: parameters injected, probes appended, memory sampled.

The notebooks are the single source of truth: the benchmark never rebuilds a model or a slider
by itself. It runs a notebook in a fresh kernel, as the tests do (tests/support/notebook_runner.py),
optionally with other values in the cell tagged "parameters" (papermill's injection, the pattern
recommenders' benchmarks use), then appends probe cells (bench/probes.py) that report, as JSON,
what the notebook computed: its results tables, the latency of each of its sliders, which heavy
runtimes it imported. The notebook file is never written.
"""

from __future__ import annotations

import copy
import json
import statistics
from pathlib import Path

import nbformat

from tests.support.notebook_runner import execute

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = ROOT / "notebooks"
PROBE_TAG = "bench-probe"
PAPERMILL_HINT = (
    'papermill is not installed; it reads and sets a notebook\'s "parameters" cell for the accuracy and '
    'ranking sections and the tune_* scripts: .venv/bin/python -m pip install -e ".[bench]"'
)


def _papermill():
    """The papermill module, or an ImportError saying how to install it (imported only when needed,
    so `python -m bench.run --help` and the notebooks section work without it)."""
    try:
        import papermill.parameterize
    except ImportError as error:
        raise ImportError(PAPERMILL_HINT) from error
    return papermill


def notebook_parameters(path: Path) -> dict:
    """The defaults in a notebook's "parameters" cell, as papermill reads them: {name: value}."""
    inspect_notebook = _papermill().inspect_notebook
    return {name: eval(spec["default"]) for name, spec in inspect_notebook(str(path)).items()}


def _with_parameters(notebook, parameters: dict):
    """A copy of `notebook` with a cell setting `parameters` after its "parameters" cell (papermill)."""
    parameterize_notebook = _papermill().parameterize.parameterize_notebook
    notebook = copy.deepcopy(notebook)
    notebook.metadata.setdefault("papermill", {"parameters": {}})
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])
    if not any("parameters" in cell.metadata.tags for cell in notebook.cells):
        raise ValueError("the notebook has no cell tagged 'parameters' to override")
    return parameterize_notebook(notebook, parameters, kernel_name="python3", language="python")


def run_notebook(path: Path, *, parameters: dict | None = None, probes: dict | None = None) -> dict:
    """Run `path` top to bottom in a fresh kernel; return seconds, peak MB and each probe's JSON answer.

    `probes` maps a name to code that prints one line of JSON; each runs in a cell appended
    after the notebook's own cells, in the notebook's kernel (so it sees every variable the
    notebook made), and the time it takes is left out of `seconds`.
    """
    notebook = nbformat.read(path, as_version=4)
    if parameters:
        notebook = _with_parameters(notebook, parameters)
    probes = probes or {}
    for name, code in probes.items():
        timed = f"import time as _t\n_start = _t.perf_counter()\n{code}\nprint(_t.perf_counter() - _start)"
        notebook.cells.append(nbformat.v4.new_code_cell(timed, metadata={"tags": [PROBE_TAG, name]}))
    run = execute(notebook, path.parent)
    answers, probe_seconds = {}, 0.0
    for cell in run.notebook.cells:
        if PROBE_TAG in cell.metadata.get("tags", []):
            text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
            *_, answer, seconds = text.strip().splitlines()
            answers[cell.metadata.tags[1]] = json.loads(answer)
            probe_seconds += float(seconds)
    return dict(notebook=path.name, seconds=run.seconds - probe_seconds, peak_mb=run.peak_mb, **answers)


def kernel_overheads(repeats: int) -> dict:
    """Median seconds, each measured inside a fresh kernel, of: a bare cell, `import helpers`, Keras + TF."""
    steps = {
        "kernel start-up and shutdown": None,
        "import helpers": "import helpers",
        "import keras, tensorflow": "import helpers.models.neural",
    }
    medians = {}
    for name, code in steps.items():
        seconds = []
        for _ in range(repeats):
            notebook = nbformat.v4.new_notebook()
            timed = "1 + 1" if code is None else code
            notebook.cells = [
                nbformat.v4.new_code_cell(
                    f"import time\nstart = time.perf_counter()\n{timed}\nprint(time.perf_counter() - start)"
                )
            ]
            run = execute(notebook, NOTEBOOKS)
            inside = float(run.notebook.cells[0].outputs[0]["text"])
            seconds.append(run.seconds if code is None else inside)
        medians[name] = statistics.median(seconds)
    return medians
