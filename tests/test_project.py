"""The project's promises about itself: one dependency list, a Binder badge that works, fresh notebooks."""

import re
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ALLOWED_NOTEBOOK_METADATA = {"kernelspec", "language_info", "widgets"}
ALLOWED_CELL_METADATA = {"tags", "jupyter"}


def _pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return set(project["dependencies"]) | set(project["optional-dependencies"]["test"])


def _environment_pip_requirements():
    text = (ROOT / "environment.yml").read_text()
    pip_block = text.split("- pip:", 1)[1]
    return {line.strip()[2:] for line in pip_block.splitlines() if line.strip().startswith("- ")}


def test_environment_yml_lists_the_same_requirements_as_pyproject():
    assert _environment_pip_requirements() == _pyproject_requirements()


def test_readme_binder_badge_points_at_a_notebook_that_exists():
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"mybinder\.org/v2/gh/[^)\s]*\?urlpath=lab/tree/([^)\s]+)", readme)
    assert match, "README.md needs a Binder badge with ?urlpath=lab/tree/<notebook>"
    assert (ROOT / match.group(1)).is_file()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "make test" in readme and "make lab" in readme


def test_notebooks_are_numbered_in_sequence():
    numbers = [int(path.name[:2]) for path in NOTEBOOKS]
    assert numbers == list(range(1, len(NOTEBOOKS) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_from_one_fresh_top_to_bottom_run(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    counts = [cell.execution_count for cell in code_cells]
    assert counts == list(range(1, len(code_cells) + 1)), "re-run it with `make notebooks`"
    errors = [o for cell in code_cells for o in cell.outputs if o.output_type == "error"]
    assert not errors, "a stored notebook must not contain error outputs"
    stray = set(notebook.metadata) - ALLOWED_NOTEBOOK_METADATA
    assert not stray, f"leftover notebook metadata {stray}: editor or Colab state"
    for cell in notebook.cells:
        stray = set(cell.metadata) - ALLOWED_CELL_METADATA
        assert not stray, f"leftover cell metadata {stray}"
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.name == "stderr":
                raise AssertionError(f"stderr in a stored output: {output.text[:200]!r}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_objectives_and_ends_with_exercises(path):
    notebook = nbformat.read(path, as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "you will be able to" in text
    assert "## Summary" in text and "## Exercises" in text
    assert any("solution" in cell.metadata.get("tags", []) for cell in notebook.cells)
