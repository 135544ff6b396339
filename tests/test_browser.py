"""End to end: each notebook runs in JupyterLab in a real browser, and each of its sliders redraws what it drives.

A learner's path, in headless Chromium: open the notebook, Run > Run All Cells, read the page
for errors, move every slider with the keyboard and check its image or text changes, then close
the tab and check that the notebook's kernel stops (so a Binder session does not pile kernels up).
Needs Playwright for Python (the test extra) and Debian's Chromium at /usr/bin/chromium:
`make test` installs both, and the test fails (never skips) saying how when either is missing.
Screenshots of every slider, before and after it moves, go to build/screenshots/.
The pieces live in tests/support/jupyterlab_browser.py.
"""

from pathlib import Path

import nbformat
import pytest

from tests.support.jupyterlab_browser import (
    allow_only_localhost,
    close_notebook_tab,
    error_outputs,
    hide_left_sidebar,
    log_console_messages,
    move_slider,
    open_notebook,
    run_all_cells,
    running_jupyterlab,
    screenshot_on_failure,
    slider_keys,
    slider_panel,
    sliders,
    widget_outputs,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SCREENSHOTS = ROOT / "build" / "screenshots"
VIEWPORT = {"width": 1280, "height": 1000}
pytestmark = pytest.mark.browser
RUN_TIMEOUT = 600  # seconds for Run All Cells on one notebook; each takes under a minute today


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One JupyterLab server for these tests, on a cleared copy of notebooks/ with fresh Jupyter folders."""
    with running_jupyterlab(ROOT / "notebooks", tmp_path_factory.mktemp("jupyterlab")) as lab:
        yield lab


@pytest.fixture
def page(browser, lab):
    """A fresh browser tab that can reach only 127.0.0.1; its kernels are shut down afterwards."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(60_000)
    blocked = allow_only_localhost(context)
    yield context.new_page()
    context.close()
    lab.shut_down_kernels()
    if blocked:
        print("requests blocked (not to 127.0.0.1):", *blocked, sep="\n  ")


def stored_widget_count(path: Path) -> int:
    """How many widgets the notebook in the repository shows in its stored outputs."""
    notebook = nbformat.read(path, as_version=4)
    return sum(
        "application/vnd.jupyter.widget-view+json" in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def run_in_jupyterlab_and_move_every_slider(notebook: Path, lab, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in [*SCREENSHOTS.glob(f"{notebook.stem}-*.png"), SCREENSHOTS / f"{notebook.stem}.png"]:
        old.unlink(missing_ok=True)  # last run's, so what is there is this run's
    with screenshot_on_failure(page, SCREENSHOTS / f"{notebook.stem}-failed.png"):
        open_notebook(page, lab, notebook.name)
        hide_left_sidebar(page)
        run_all_cells(page, RUN_TIMEOUT)
        assert error_outputs(page) == [], "the notebook shows errors in the browser"
        assert widget_outputs(page).count() == stored_widget_count(notebook), (
            "the browser shows a different number of live widgets than the stored notebook"
        )

        found = sliders(page)
        if not found:
            page.screenshot(path=SCREENSHOTS / f"{notebook.stem}.png")
        for number, slider in enumerate(found, 1):
            slider_panel(slider).scroll_into_view_if_needed()
            page.screenshot(path=SCREENSHOTS / f"{notebook.stem}-slider{number}-before.png")
            for key in slider_keys(slider):
                move_slider(slider, key)
            page.screenshot(path=SCREENSHOTS / f"{notebook.stem}-slider{number}-after.png")
        assert error_outputs(page) == [], "moving the sliders made the notebook show errors"
        assert log_console_messages(page) == [], "the kernel reported errors that no cell shows"
        close_notebook_tab(page, lab)  # as a learner does: its kernel must stop


class _NotebookInJupyterLab:
    """One notebook's browser test. Each notebook gets its own class (below) because `make test`'s
    `--dist loadscope` gives each class its own turn on a pytest-xdist worker: the seven runs,
    the suite's longest module, are shared by both workers instead of queueing on one."""

    notebook: Path

    def test_runs_in_jupyterlab_and_its_sliders_redraw(self, lab, page):
        run_in_jupyterlab_and_move_every_slider(self.notebook, lab, page)


for _path in NOTEBOOKS:  # TestNotebook01, TestNotebook02, ...
    _name = "TestNotebook" + _path.name.split("_")[0]
    globals()[_name] = type(_name, (_NotebookInJupyterLab,), {"notebook": _path, "__doc__": _path.name})
