"""The whole course as one Binder session: one JupyterLab server on one CPU, notebooks 01-07 in turn.

mybinder.org gives a session about 450 MB guaranteed, a 2 GB hard limit for the server and every
kernel together, and 1 CPU. This measures what a learner's session needs under those terms, in
headless Chromium (the browser test's pieces, tests/support/jupyterlab_browser.py):

    .venv/bin/python -m bench.session                   # close each tab before opening the next
    .venv/bin/python -m bench.session --keep-tabs-open  # a learner who never closes a tab
    .venv/bin/python -m bench.session --json build/session.json

For each notebook: open it, Run > Run All Cells (timed until every cell has run and the kernel is
idle), then File > Close Tab (which shuts its kernel down, jupyter/overrides.json) unless tabs are
kept open. The resident memory of the server's whole process tree (server, kernels, Spark's JVM),
each process counted once, is sampled every 50 ms throughout: the session's peak, and the peak
during each notebook. Idle-kernel culling (10 minutes) never fires here: the run is faster.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from tests.support.jupyterlab_browser import (
    close_notebook_tab,
    hide_left_sidebar,
    launch_chromium,
    missing_browser,
    open_notebook,
    run_all_cells,
    running_jupyterlab,
    sync_playwright,
)
from tests.support.notebook_runner import PeakMemory

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BINDER_LIMIT_MB = 2048
RUN_TIMEOUT = 1200  # seconds for one Run All on one CPU


def measure_session(*, keep_tabs_open: bool = False, cpus: str = "0", notebooks=NOTEBOOKS) -> dict:
    """Run every notebook in one JupyterLab session pinned to `cpus`; return the figures as a dict."""
    if problem := missing_browser():
        raise SystemExit(problem)
    rows = []
    with (
        tempfile.TemporaryDirectory() as workdir,
        running_jupyterlab(ROOT / "notebooks", Path(workdir), cpus=cpus) as lab,
        PeakMemory(lab.process.pid) as session,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(120_000)
        for path in notebooks:
            page = context.new_page()
            with PeakMemory(lab.process.pid) as during:
                open_notebook(page, lab, path.name, timeout=300)
                hide_left_sidebar(page)
                start = time.monotonic()
                run_all_cells(page, RUN_TIMEOUT)
                seconds = time.monotonic() - start
                if not keep_tabs_open:
                    close_notebook_tab(page, lab, timeout=60)
                    page.close()
            kernels = len(lab.api("GET", "kernels"))
            rows.append(
                {
                    "notebook": path.name,
                    "run_all_s": round(seconds, 1),
                    "peak_mb": round(during.peak_mb),
                    "kernels_after": kernels,
                }
            )
            print(
                f"{path.name:28} Run All {seconds:6.1f} s   session peak during it {during.peak_mb:6.0f} MB   "
                f"kernels left {kernels}"
            )
        browser.close()
    peak = _session_peak(session.peak_mb, rows)
    return {
        "cpus": cpus,
        "keep_tabs_open": keep_tabs_open,
        "notebooks": rows,
        "session_peak_mb": round(peak),
        "under_binder_limit": peak < BINDER_LIMIT_MB,
    }


def _session_peak(session_mb: float, rows: list[dict]) -> float:
    """The session's peak: two samplers read the tree at different instants, so the largest reading of either."""
    return max([session_mb] + [row["peak_mb"] for row in rows])


def markdown(results: list[dict]) -> str:
    """BENCHMARKS.md's session table: Run All seconds and the session's peak per notebook, per scenario."""
    lines = []
    for result in results:
        scenario = "tabs kept open" if result["keep_tabs_open"] else "each tab closed before the next opens"
        peak = _session_peak(result["session_peak_mb"], result["notebooks"])  # files recorded before the fix too
        lines += [
            f"**{scenario}** (one JupyterLab server on CPU {result['cpus']}; session peak "
            f"{peak} MB, {'under' if peak < BINDER_LIMIT_MB else 'OVER'} "
            f"Binder's {BINDER_LIMIT_MB} MB):",
            "",
            "| notebook | Run All (s) | session peak while it runs (MB) | kernels left after it |",
            "| --- | ---: | ---: | ---: |",
            *(
                f"| {row['notebook']} | {row['run_all_s']:.1f} | {row['peak_mb']} | {row['kernels_after']} |"
                for row in result["notebooks"]
            ),
            "",
        ]
    return "\n".join(lines).rstrip()


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-tabs-open", action="store_true", help="never close a notebook's tab")
    parser.add_argument("--cpus", default="0", help="the CPUs the session may use (taskset -c), default one: 0")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--notebooks", nargs="+", type=Path, default=NOTEBOOKS, help="which notebooks (default: all)")
    parser.add_argument(
        "--markdown", nargs="+", type=Path, help="print BENCHMARKS.md's table from these JSON files, run nothing"
    )
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown([json.loads(path.read_text()) for path in args.markdown]))
        return {}
    result = measure_session(keep_tabs_open=args.keep_tabs_open, cpus=args.cpus, notebooks=args.notebooks)
    verdict = "under" if result["under_binder_limit"] else "OVER"
    print(f"whole session peak {result['session_peak_mb']} MB: {verdict} Binder's {BINDER_LIMIT_MB} MB limit")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
