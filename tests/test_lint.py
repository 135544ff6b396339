"""The code style every change keeps: ruff's linter and formatter, on helpers, tests, bench and notebooks.

`make format` fixes most findings; pyproject.toml's [tool.ruff] section says which rules apply.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["ruff check", "ruff format --check"])
def test_ruff_is_clean(command):
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, (
        f"ruff {' '.join(command)} found problems (run `make format`):\n{done.stdout}{done.stderr}"
    )
