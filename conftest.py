"""Test set-up shared by the unit tests and the nbval notebook runs (at the root, so that
`pytest notebooks/05_movielens.ipynb` alone finds it too).

Importing tests/notebook_runner.py points the kernels at the offline MovieLens copy. While nbval
runs a notebook, its kernel's memory (with child processes, such as Spark's JVM) is sampled,
and one more test item after the notebook's last cell fails if the peak passed MEMORY_LIMIT_MB.
"""

import pytest

from tests.support.notebook_runner import PeakMemory

pytest_plugins = ["tests.support.chromium_fixture"]  # the browser tests' headless Chromium

# mybinder.org gives a session about 450 MB guaranteed, a 2 GB hard limit for the server and every
# kernel together, and 1 CPU; each notebook aims at 1 GB, so one notebook at a time fits.
MEMORY_LIMIT_MB = 1200
PEAKS_MB = {}  # notebook name -> peak MB, for the summary at the end


def pytest_collectstart(collector):
    """Skip comparing outputs that differ between machines for reasons unrelated to the course."""
    if collector.fspath and collector.fspath.ext == ".ipynb":
        # text/html is compared (pandas tables); images are checked in code cells instead.
        collector.skip_compare += ("image/svg+xml", "application/vnd.jupyter.widget-state+json")


class NotebookMemoryCheck(pytest.Item):
    """Runs after a notebook's last cell, while its kernel is alive: the kernel tree's peak memory."""

    def runtest(self):
        sampler = getattr(self.parent, "peak_memory", None)
        if sampler is None:
            raise RuntimeError("no memory was sampled: the notebook's kernel never started")
        peak = sampler.stop()
        # reported through user_properties, which pytest-xdist carries from a worker to the summary
        self.user_properties.append(("peak_mb", (self.parent.path.name, peak)))
        if peak > MEMORY_LIMIT_MB:
            raise AssertionError(
                f"{self.parent.path.name} peaked at {peak:.0f} MB (kernel and its child processes), "
                f"over the {MEMORY_LIMIT_MB} MB limit that keeps the course alive on Binder"
            )

    def reportinfo(self):
        return self.path, None, f"{self.parent.path.name}::peak memory"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every notebook cell `notebooks` (pyproject.toml's tiers) and add each notebook's memory check."""
    checked = set()
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if item.path.suffix != ".ipynb":
            continue
        item.add_marker("notebooks")
        if item.parent not in checked:  # the notebook's last cell: its memory check goes after it
            checked.add(item.parent)
            check = NotebookMemoryCheck.from_parent(item.parent, name="peak memory")
            check.add_marker("notebooks")
            items.insert(index + 1, check)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    """Start sampling a notebook's kernel as soon as nbval has started it (setting up the first cell)."""
    yield
    notebook = item.parent
    kernel = getattr(notebook, "kernel", None)
    if item.path.suffix == ".ipynb" and kernel is not None and getattr(notebook, "peak_memory", None) is None:
        notebook.peak_memory = PeakMemory(kernel.km.provisioner.pid).start()


def pytest_runtest_logreport(report):
    """Collect each notebook's peak (sent by whichever worker ran it) for the summary."""
    if report.when == "call":
        for key, value in report.user_properties:
            if key == "peak_mb":
                name, peak = value
                PEAKS_MB[name] = peak


def pytest_terminal_summary(terminalreporter):
    if PEAKS_MB:
        terminalreporter.section("peak memory of each notebook's kernel and its child processes")
        for name, peak in sorted(PEAKS_MB.items()):
            terminalreporter.write_line(f"{name}: {peak:.0f} MB (limit {MEMORY_LIMIT_MB} MB)")
