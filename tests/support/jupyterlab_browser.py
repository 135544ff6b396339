"""Drive the course in JupyterLab in a real browser: the pieces tests/test_browser.py is made of.

`running_jupyterlab` serves a cleared copy of the notebooks from the project's venv, with a
fresh HOME and fresh Jupyter folders. The page functions open a notebook in headless Chromium
(Debian's package, driven by Playwright), run it from the Run menu, read errors off the page,
and move the sliders that helpers/views/widgets.py `slider_demo` builds.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import psutil

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # missing_browser() reports it, so the test fails saying how to install it
    expect = sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_CHROMIUM = (
    f"the browser test needs Debian's Chromium at {CHROMIUM}: run `make browser` as root, "
    "or `sudo apt-get update && sudo apt-get install -y chromium`"
)
INSTALL_PLAYWRIGHT = (
    "the browser test needs Playwright for Python: run `make test` (it installs the test extra), "
    "or `.venv/bin/python -m pip install -e '.[test]'`. Do not run `playwright install`: "
    f"the test uses {CHROMIUM}"
)


# JupyterLab settings for a quiet, predictable page: no news pop-up, no toasts (such as "would you
# like to receive notifications"), and every cell rendered in full (by default the browser may skip
# rendering cells out of view, which hides their text from the test).
PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}

# ipywidgets 8 sliders are noUiSliders; helpers/views/widgets.py `slider_demo` puts one (or a grid of them)
# in a VBox with the Image and HTML it redraws, and `interact` puts its sliders in a VBox with an Output.
SLIDER, HANDLE, BOX_CLASS = ".widget-slider", ".noUi-handle", "widget-vbox"
DRIVEN_TEXT = ".widget-html, .widget-output"
SLIDER_ERROR = "Cannot show"  # how slider_demo reports a ValueError or TypeError from its callback
KERNEL_INDICATOR = ".jp-NotebookPanel .jp-Notebook-ExecutionIndicator"
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'  # tracebacks too


def missing_browser() -> str | None:
    """Why the browser test cannot run here (and how to fix it), or None when it can."""
    if sync_playwright is None:
        return INSTALL_PLAYWRIGHT
    if not os.access(CHROMIUM, os.X_OK):
        return INSTALL_CHROMIUM
    return None


# --- the server ------------------------------------------------------------------------------


@dataclass
class JupyterLab:
    """A running JupyterLab server: where it is, its token, and its process."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def api(self, method: str, path: str) -> object:
        """Call the server's REST API and return the decoded JSON answer (None when empty)."""
        request = urllib.request.Request(
            f"{self.url}/api/{path}",
            method=method,
            data=b"" if method == "POST" else None,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def notebook_url(self, name: str) -> str:
        """The address that opens notebook `name` in a reset workspace."""
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"

    def shut_down_kernels(self) -> None:
        """End every notebook session and its kernel."""
        for session in self.api("GET", "sessions"):
            self.api("DELETE", f"sessions/{session['id']}")

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log, for failure messages."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def copy_notebooks(source: Path, target: Path) -> None:
    """Copy the notebooks folder, with every output, execution count and saved widget state cleared.

    Cleared, so that each output on the page and each execution count comes from this run.
    """
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for path in target.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        notebook.metadata.pop("widgets", None)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(notebook, path)


def fresh_environment(workdir: Path) -> dict[str, str]:
    """This process's environment (so MOVIELENS_100K_DIR passes through) with a fresh HOME and Jupyter folders."""
    env = dict(os.environ)
    for name in (
        "JUPYTER_PATH",
        "JUPYTER_CONFIG_PATH",
        "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR",
        "IPYTHONDIR",
        "MPLCONFIGDIR",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "XDG_DATA_HOME",
    ):
        env.pop(name, None)
    for name, folder in (
        ("HOME", "home"),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
    ):
        env[name] = str(workdir / folder)
        (workdir / folder).mkdir(parents=True)
    config = workdir / "config"
    (config / "labconfig").mkdir()
    (config / "labconfig" / "page_config.json").write_text(json.dumps(PAGE_CONFIG))
    for plugin, settings in USER_SETTINGS.items():
        path = config / "lab" / "user-settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))
    return env


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_jupyterlab(notebooks: Path, workdir: Path, startup_timeout: float = 90, *, cpus: str | None = None):
    """Serve a cleared copy of the `notebooks` folder from JupyterLab on 127.0.0.1; stop it cleanly afterwards.

    `cpus` (e.g. "0") pins the server, and so every kernel it starts, to those CPUs (`taskset -c`),
    as Binder gives a session one CPU.
    """
    root = workdir / "notebooks"
    copy_notebooks(notebooks, root)
    env = fresh_environment(workdir)
    token, port = secrets.token_hex(16), free_port()
    log = workdir / "jupyterlab.log"
    command = [
        *(["taskset", "-c", cpus] if cpus is not None else []),
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_root=True",  # CI runs as root
        # If this test process is killed outright, the server still ends itself once idle.
        "--MappingKernelManager.cull_idle_timeout=600",
        "--ServerApp.shutdown_no_activity_timeout=600",
    ]
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            command, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT
        )
    lab = JupyterLab(f"http://127.0.0.1:{port}", token, root, process, log)
    try:
        wait_until_ready(lab, startup_timeout)
        yield lab
    finally:
        stop(lab)


def wait_until_ready(lab: JupyterLab, timeout: float) -> None:
    """Wait until the server answers its status API; fail with its log if it exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lab.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {lab.process.returncode}:\n{lab.log_tail()}")
        with contextlib.suppress(OSError):
            lab.api("GET", "status")
            return
        time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{lab.log_tail()}")


def stop(lab: JupyterLab, timeout: float = 30) -> None:
    """Shut the server down through its API (it ends its kernels first), and check no process is left behind."""
    if lab.process.poll() is not None:
        return
    children = psutil.Process(lab.process.pid).children(recursive=True)
    with contextlib.suppress(OSError):
        lab.api("POST", "shutdown")
    try:
        lab.process.wait(timeout)
    except subprocess.TimeoutExpired:
        lab.process.kill()
        lab.process.wait()
        raise RuntimeError(
            f"JupyterLab did not shut down within {timeout} s and was killed:\n{lab.log_tail()}"
        ) from None
    _, alive = psutil.wait_procs(children, timeout=10)
    for process in alive:
        process.kill()
    if alive:
        raise RuntimeError(f"JupyterLab left processes behind (now killed): {[p.pid for p in alive]}")


# --- the browser -----------------------------------------------------------------------------


def launch_chromium(playwright):
    """Debian's headless Chromium, driven by Playwright (whose own browser download is not used)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def allow_only_localhost(context) -> list[str]:
    """Abort every request that does not go to 127.0.0.1; return the list the aborted addresses go to."""
    blocked = []

    def route(request_route):
        url = request_route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    return blocked


def open_notebook(page, lab: JupyterLab, name: str, timeout: float = 60) -> None:
    """Open notebook `name` and wait until its kernel has started and is idle."""
    page.goto(lab.notebook_url(name))
    kernel_name = page.locator(".jp-NotebookPanel .jp-Toolbar-kernelName")
    expect(kernel_name).to_have_text(re.compile(r"^(?!No Kernel)\S"), timeout=timeout * 1000)
    wait_for_idle_kernel(page, timeout)


def kernel_status(page) -> str | None:
    """What the notebook toolbar's kernel indicator says: 'idle', 'busy', 'starting', ..."""
    return page.locator(KERNEL_INDICATOR).get_attribute("data-status")


def wait_for_idle_kernel(page, timeout: float) -> None:
    """Wait until the notebook toolbar's kernel indicator says idle."""
    expect(page.locator(KERNEL_INDICATOR)).to_have_attribute("data-status", "idle", timeout=timeout * 1000)


def click_menu(page, menu: str, item: str) -> None:
    """Click `item` in the main menu bar's `menu`, as a learner would."""
    page.locator(".lm-MenuBar-item", has_text=menu).first.click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def execution_counts(page) -> list[str]:
    """The prompt of every code cell, e.g. '[3]:', '[*]:' while running, '[ ]:' before."""
    return page.locator(".jp-CodeCell .jp-InputArea-prompt").all_inner_texts()


def run_all_cells(page, timeout: float) -> None:
    """Run > Run All Cells, then wait until every code cell has an execution count and the kernel is idle.

    Fails as soon as a cell's error has stopped the run, or after `timeout` seconds.
    """
    click_menu(page, "Run", "Run All Cells")
    deadline = time.monotonic() + timeout
    while not all(prompt.strip("[]: ").isdigit() for prompt in execution_counts(page)):
        stopped = "[*]:" not in execution_counts(page) and kernel_status(page) == "idle"
        if stopped and (errors := error_outputs(page)):
            raise AssertionError("the run stopped at an error:\n" + "\n".join(errors))
        if time.monotonic() > deadline:
            raise AssertionError(f"cells still unfinished after {timeout:.0f} s: {execution_counts(page)}")
        page.wait_for_timeout(500)
    wait_for_idle_kernel(page, timeout)


def error_outputs(page) -> list[str]:
    """The text of every error or stderr output shown on the page, and of widgets that failed to show."""
    errors = page.locator(f"{ERROR_OUTPUT}, .jp-OutputArea-output:has-text('Error displaying widget')")
    return errors.all_inner_texts()


def log_console_messages(page, lines: int = 12) -> list[str]:
    """What JupyterLab's log console holds (the last `lines` of each message): kernel output that no
    cell owns, such as the traceback of a widget callback that failed."""
    status = page.locator(".jp-LogConsoleStatusItem")
    if not status.is_visible():  # shown only once there is something to read
        return []
    status.click()
    messages = page.locator(".jp-LogConsolePanel .jp-OutputArea-output").all_inner_texts()
    return ["\n".join(message.splitlines()[-lines:]) for message in messages]


def hide_left_sidebar(page) -> None:
    """Close the file browser, so screenshots show more of the notebook."""
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()


def widget_outputs(page):
    """Every cell output that shows a live widget (not the text that stands in for one that failed)."""
    return page.locator(".jp-OutputArea-output:has(> .jupyter-widgets)")


def sliders(page) -> list:
    """Every ipywidgets slider on the page."""
    return page.locator(SLIDER).all()


def slider_panel(slider):
    """The box that holds `slider` and what it drives (slider_demo's VBox, or interact's)."""
    return slider.locator(f"xpath=ancestor::div[contains(concat(' ', @class, ' '), ' {BOX_CLASS} ')][1]")


def panel_output(panel) -> tuple[tuple, tuple]:
    """What a slider's box shows besides its sliders: the addresses of its images, and its texts."""
    images = tuple(image.get_attribute("src") for image in panel.locator("img").all())
    return images, tuple(panel.locator(DRIVEN_TEXT).all_inner_texts())


def slider_keys(slider) -> tuple[str, str]:
    """A long move then one step back: End, ArrowLeft; or Home, ArrowRight when the slider starts at its end."""
    handle = slider.locator(HANDLE).first
    at_end = float(handle.get_attribute("aria-valuenow")) >= float(handle.get_attribute("aria-valuemax"))
    return ("Home", "ArrowRight") if at_end else ("End", "ArrowLeft")


def move_slider(slider, key: str, timeout: float = 30) -> None:
    """Press `key` on the slider's handle; fail unless what it drives then changes, and shows no error."""
    handle, panel = slider.locator(HANDLE).first, slider_panel(slider)
    before, value = panel_output(panel), handle.get_attribute("aria-valuenow")
    handle.focus()
    handle.press(key)
    expect(handle).not_to_have_attribute("aria-valuenow", value)  # the key did move the slider
    moved_to = handle.get_attribute("aria-valuenow")
    deadline = time.monotonic() + timeout
    while (after := panel_output(panel)) == before:
        if time.monotonic() > deadline:
            raise AssertionError(
                f"after {key} the slider moved from {value} to {moved_to}, but what it drives did not change "
                f"within {timeout:.0f} s: is its callback broken? JupyterLab's log console: "
                f"{log_console_messages(slider.page) or 'empty'}"
            )
        slider.page.wait_for_timeout(200)
    shown = " ".join(after[1])
    if SLIDER_ERROR in shown:
        raise AssertionError(f"after {key} (slider at {moved_to}) the panel shows an error: {shown}")


@contextlib.contextmanager
def screenshot_on_failure(page, path: Path):
    """Save a screenshot of the page to `path` if the block fails, to see what went wrong."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            page.screenshot(path=path)
        raise


def close_notebook_tab(page, lab: JupyterLab, timeout: float = 30) -> None:
    """File > Close Tab, as a learner closes a notebook (discarding the run's unsaved outputs), then
    wait until the server runs no kernel: the course's setting shuts a closed notebook's kernel down.

    Fails if a kernel is still running `timeout` seconds after the tab closed.
    """
    tabs = page.locator(".jp-NotebookPanel")
    page.locator(".lm-MenuBar-item", has_text="File").first.click()
    page.get_by_role("menuitem", name=re.compile(r"^Close Tab")).first.click()  # its name ends with the shortcut
    dialog = page.locator(".jp-Dialog")
    with contextlib.suppress(Exception):  # no dialog when nothing is unsaved
        dialog.wait_for(timeout=5_000)
    if dialog.count():
        dialog.locator(".jp-Dialog-button", has_text=re.compile(r"Discard|Don.t Save")).first.click()
    expect(tabs).to_have_count(0, timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while running := lab.api("GET", "kernels"):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{len(running)} kernel(s) still running {timeout:.0f} s after the notebook's tab closed: "
                "closing a tab should shut its kernel down (jupyter/overrides.json, kernelShutdown)"
            )
        time.sleep(0.5)
