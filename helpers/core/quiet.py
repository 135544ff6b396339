"""Keep native libraries' start-up chatter (TensorFlow's C++ core, kernels) out of notebooks."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

__all__ = ["quiet_native_stderr"]


@contextmanager
def quiet_native_stderr():
    """Send file descriptor 2 to /dev/null for a moment: native code writes there, bypassing Python."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
