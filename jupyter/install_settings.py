"""Install the course's Jupyter settings into this Python's JupyterLab and Jupyter server.

- overrides.json (beside this file) goes where JupyterLab reads default overrides,
  <application directory>/settings/overrides.json: closing a notebook's tab shuts its kernel down.
  Settings already in an overrides.json there are kept; a learner's own choice in
  Settings > Settings Editor still wins over both.
- server_config.json is merged into <sys.prefix>/etc/jupyter/jupyter_server_config.json, which
  the Jupyter server reads at start: a kernel idle for 10 minutes is shut down, even with its tab
  open, as mybinder.org's own configuration does (mybinder.org-deploy, `MappingKernelManager`
  cull_idle_timeout 600, cull_interval 60, cull_connected true), so tabs left open do not pile
  kernels up in a Binder session's 2 GB.

Run by the README's first command (`make lab`, through `make setup`) and by Binder's postBuild.
"""

import json
import sys
from pathlib import Path

from jupyterlab.commands import get_app_dir

HERE = Path(__file__).parent
LAB_SETTINGS = HERE / "overrides.json"
SERVER_SETTINGS = HERE / "server_config.json"


def _merge(source: Path, target: Path) -> Path:
    """Merge `source`'s sections into the JSON file `target`: the course's values replace the same keys, others stay."""
    settings = json.loads(target.read_text()) if target.exists() else {}
    for section, values in json.loads(source.read_text()).items():
        settings.setdefault(section, {}).update(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(settings, indent=2) + "\n")
    return target


def install(app_dir: Path) -> Path:
    """Merge overrides.json into JupyterLab's overrides in `app_dir`; return the file written."""
    return _merge(LAB_SETTINGS, app_dir / "settings" / "overrides.json")


def install_server_config(prefix: Path) -> Path:
    """Merge server_config.json into `prefix`/etc/jupyter/jupyter_server_config.json; return that file.

    (The server reads only whole-file configs there: a file in jupyter_server_config.d/ is read for
    the extensions it enables, not for other settings.)
    """
    return _merge(SERVER_SETTINGS, prefix / "etc" / "jupyter" / "jupyter_server_config.json")


if __name__ == "__main__":
    app_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(get_app_dir())
    prefix = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(sys.prefix)
    print(f"JupyterLab settings: {install(app_dir)} (closing a notebook shuts its kernel down)")
    print(f"Jupyter server settings: {install_server_config(prefix)} (idle kernels stop after 10 minutes)")
