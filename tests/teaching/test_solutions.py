"""Worked solutions: run in a copy of the notebook's variables, shown collapsed, never over the learner's work."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import nbformat

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from helpers.teaching import solutions
from helpers.teaching.solutions import show_solution, solution_path
from tests.support.notebook_runner import execute


@pytest.fixture
def solution_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(solutions, "SOLUTIONS", tmp_path)
    (tmp_path / "01_answer.py").write_text(
        "def predict(x):\n    return 2 * x\n\nprint('predicted', predict(base))\nbase = 99\npredict(3)\n"
    )
    (tmp_path / "01_drawing.py").write_text("figure, ax = plt.subplots()\nax.plot([1, 2], [3, 4])\n")
    (tmp_path / "01_broken.py").write_text("1 / 0\n")
    return tmp_path


def test_the_learners_function_and_variables_survive_the_solution(solution_folder):
    def predict(x):
        return "the learner's own answer"

    notebook = {"predict": predict, "base": 5}
    shown = show_solution("01_answer", notebook)
    assert notebook["predict"] is predict and notebook["base"] == 5  # nothing rebound in the notebook
    assert shown.printed == "predicted 10\n"  # the solution saw the notebook's base = 5
    assert shown.rich == [{"text/plain": "6"}]  # the last bare expression is displayed, as in a cell


def test_the_solution_is_collapsed_in_html_and_absent_from_plain_text(solution_folder):
    bundle = show_solution("01_answer", {"base": 1})._repr_mimebundle_()
    page = bundle["text/html"]
    assert page.startswith("<details><summary>Show the solution</summary>") and "<details open" not in page
    assert "def predict(x):" in page and "predicted 2" in page
    assert "def predict" not in bundle["text/plain"] and "notebooks/solutions/01_answer.py" in bundle["text/plain"]


def test_a_figure_the_solution_draws_goes_inside_the_block_and_is_closed(solution_folder):
    open_before = plt.get_fignums()
    shown = show_solution("01_drawing", {"plt": plt})
    assert len(shown.figures) == 1 and shown.figures[0][:4] == b"\x89PNG"
    assert plt.get_fignums() == open_before
    assert '<img alt="the solution' in shown.html()


def test_an_error_in_a_solution_is_raised_as_it_is(solution_folder):
    with pytest.raises(ZeroDivisionError):
        show_solution("01_broken", {})


@pytest.mark.parametrize(
    "name, error, words",
    [
        ("01_missing", ValueError, "there is no solution '01_missing'"),
        ("predict_rating", ValueError, "a notebook number and a lower-case name"),
        ("", TypeError, "name must"),
        (1, TypeError, "name must"),
    ],
)
def test_a_wrong_name_says_which_solutions_exist(solution_folder, name, error, words):
    with pytest.raises(error, match=words):
        solution_path(name)


def test_the_namespace_must_be_the_notebooks_variables(solution_folder):
    with pytest.raises(TypeError, match="namespace"):
        show_solution("01_answer", ["not", "a", "dict"])


# --- the stored notebooks ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CALL = re.compile(r'^show_solution\("(?P<name>\d\d_[a-z0-9_]+)", globals\(\)\)$')


def _solution_cells():
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and "solution" in cell.metadata.get("tags", []):
                yield path, cell


def test_every_solution_cell_only_calls_show_solution_and_stores_it_collapsed():
    """What GitHub and nbviewer render from the stored files: no solution's code or output in sight."""
    used = []
    for path, cell in _solution_cells():
        match = CALL.match(cell.source.strip())
        assert match, f"{path.name}: a solution cell holds more than a show_solution call: {cell.source[:80]!r}"
        name = match["name"]
        assert name[:2] == path.name[:2], f"{path.name} shows another notebook's solution {name}"
        used.append(name)
        source = solution_path(name).read_text()
        assert len(cell.outputs) == 1, f"{path.name} {name}: one stored output, the collapsed block"
        data = cell.outputs[0]["data"]
        assert data["text/html"].startswith(f"<details><summary>{solutions.SUMMARY}</summary>"), name
        assert source.splitlines()[1] not in data["text/plain"], f"{name}: its code shows as plain text"
    files = sorted(path.stem for path in solutions.SOLUTIONS.glob("*.py"))
    assert sorted(used) == files, "every solution file is shown by exactly one notebook cell"


def test_no_code_cell_hides_its_source_any_more():
    """Hiding a cell's source is JupyterLab-only metadata that other renderers ignore: solutions live in files."""
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            assert not cell.metadata.get("jupyter", {}).get("source_hidden"), f"{path.name}: {cell.source[:60]!r}"


@pytest.mark.notebooks
def test_run_all_leaves_the_learners_own_function_in_place(tmp_path):
    """Notebook 01 run top to bottom with a learner's rank_k_approximation in the stub: it stays theirs."""
    path = ROOT / "notebooks" / "01_toy_svd.ipynb"
    notebook = nbformat.read(path, as_version=4)
    stub = next(c for c in notebook.cells if c.cell_type == "code" and c.source.startswith("def rank_k_approximation("))
    stub.source = (
        "def rank_k_approximation(U, s, Vt, k):\n"
        "    keep = np.argsort(s)[::-1][:k]\n"
        "    return (U[:, keep] * s[keep]) @ Vt[keep]\n"
        'rank_k_approximation.written_by = "the learner"'
    )
    notebook.cells.append(nbformat.v4.new_code_cell('print(getattr(rank_k_approximation, "written_by", "replaced"))'))
    run = execute(notebook, path.parent)
    assert run.notebook.cells[-1].outputs[0]["text"].strip() == "the learner"
