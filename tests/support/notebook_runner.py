"""Run a notebook top to bottom in a fresh kernel, and measure the kernel's memory while it runs.

Used by `make notebooks` (tests/support/run_notebooks.py, which stores the outputs), by the memory check
that runs beside nbval (conftest.py) and by the benchmark (bench/run.py), so all three execute
notebooks the same way: kernel `python3`, working directory = the notebook's folder, and the
offline MovieLens copy (if there is one beside the course) in the kernel's environment.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
SHARED_MOVIELENS = ROOT.parent / "shared" / "data" / "ml-100k"
MB = 1024 * 1024

# Set before any kernel starts (kernels inherit this process's environment): tests and CI read
# the offline copy of MovieLens 100K instead of downloading it.
if SHARED_MOVIELENS.is_dir():
    os.environ.setdefault("MOVIELENS_100K_DIR", str(SHARED_MOVIELENS))


def process_tree_rss(pid: int) -> int:
    """Resident bytes of process `pid` and all its descendants (a Spark JVM, say); 0 once it is gone.

    A child that has the same virtual size as its parent has been forked (or vforked) and has not
    yet run a program of its own: it shares its parent's pages, and counting its resident size
    would count the parent twice. The JVM does this for every file operation of Spark's
    checkpoints, which briefly doubled notebook 06's figure. Such a child is left out.
    """
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    seen = {}
    for process in processes:
        with contextlib.suppress(psutil.Error):  # a child that exited between the listing and the reading
            memory = process.memory_info()
            seen[process.pid] = (memory.rss, memory.vms, process.ppid() if process.pid != pid else None)
    total = 0
    for rss, vms, parent in seen.values():
        if parent in seen and seen[parent][1] == vms:
            continue
        total += rss
    return total


class PeakMemory:
    """Sample a process tree's resident memory in a background thread: `.peak_mb`, the highest seen.

    `with PeakMemory(pid) as peak: ...`; or start()/stop(). Sampling every `interval` seconds
    can miss a spike shorter than that, so the figure is a lower bound of the true peak.
    """

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval = pid, interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, process_tree_rss(self.pid))
            self._stop.wait(self.interval)

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / MB

    def start(self) -> PeakMemory:
        self._thread.start()
        return self

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        self.peak_bytes = max(self.peak_bytes, process_tree_rss(self.pid))
        return self.peak_mb

    def __enter__(self) -> PeakMemory:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass
class Run:
    """One execution: the executed notebook, its wall seconds (kernel start-up included) and peak memory."""

    notebook: nbformat.NotebookNode
    seconds: float
    peak_mb: float


def execute(notebook: nbformat.NotebookNode, folder: Path, *, timeout: int = 600) -> Run:
    """Execute `notebook` in place in a fresh `python3` kernel started in `folder`; measure it."""
    sampler = None

    def start_sampling(**_):
        nonlocal sampler
        sampler = PeakMemory(client.km.provisioner.pid).start()

    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(folder)}},
        on_notebook_start=start_sampling,
    )
    start = time.perf_counter()
    try:
        client.execute()
    finally:
        peak = sampler.stop() if sampler is not None else float("nan")
    return Run(notebook=notebook, seconds=time.perf_counter() - start, peak_mb=peak)


def execute_file(path: Path, *, timeout: int = 600) -> Run:
    """Execute the notebook at `path` in a fresh kernel and store its outputs back in the file."""
    notebook = nbformat.read(path, as_version=4)
    run = execute(notebook, path.parent, timeout=timeout)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)
    return run
