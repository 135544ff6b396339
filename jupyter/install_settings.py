"""Install the course's JupyterLab settings (overrides.json beside this file) into this Python's
JupyterLab, where JupyterLab reads default overrides: <application directory>/settings/overrides.json.

Run by the README's first command (`make lab`, through `make setup`) and by Binder's postBuild.
The one setting: closing a notebook's tab shuts its kernel down, so kernels do not pile up in a
Binder session's memory. Settings already in an overrides.json there are kept; a learner's own
choice in Settings > Settings Editor still wins over both.
"""

import json
import sys
from pathlib import Path

from jupyterlab.commands import get_app_dir

COURSE_SETTINGS = Path(__file__).with_name("overrides.json")


def install(app_dir: Path) -> Path:
    target = app_dir / "settings" / "overrides.json"
    settings = json.loads(target.read_text()) if target.exists() else {}
    for plugin, values in json.loads(COURSE_SETTINGS.read_text()).items():
        settings.setdefault(plugin, {}).update(values)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(settings, indent=2) + "\n")
    return target


if __name__ == "__main__":
    app_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(get_app_dir())
    print(f"JupyterLab settings: {install(app_dir)} (closing a notebook shuts its kernel down)")
