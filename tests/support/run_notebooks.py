"""Execute notebooks in place, each top to bottom in a fresh kernel; print each one's time and peak memory.

Usage: python -m tests.support.run_notebooks notebooks/*.ipynb   (what `make notebooks` runs)
"""

import sys
from pathlib import Path

from tests.support.notebook_runner import execute_file

if __name__ == "__main__":
    total = 0.0
    for name in sys.argv[1:]:
        run = execute_file(Path(name))
        total += run.seconds
        print(f"{name}: {run.seconds:.1f} s, peak memory {run.peak_mb:.0f} MB (kernel and its children)", flush=True)
    print(f"total: {total:.1f} s")
