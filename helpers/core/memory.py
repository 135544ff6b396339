"""Memory settings for small machines (Binder): glibc's malloc told to keep less freed memory, and
thread pools sized by the CPUs this process may use."""

from __future__ import annotations

import ctypes
import math
import os
import sys
from pathlib import Path

from helpers.core.validation import check_int

__all__ = ["configure_process", "limit_malloc_arenas", "map_large_allocations", "usable_cpus"]

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8  # glibc's <malloc.h>


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Let glibc's malloc use at most `arenas` heaps (default: 8 per core, one per allocating thread).

    The same as starting Python with MALLOC_ARENA_MAX=2; applies to threads started afterwards.
    True if applied; False off Linux or without glibc (e.g. musl on Alpine).
    """
    arenas = check_int(arenas, "arenas", low=1)
    mallopt = _mallopt()
    return bool(mallopt and mallopt(M_ARENA_MAX, arenas))


def map_large_allocations(threshold_bytes: int = 8 * 2**20) -> bool:
    """Give every allocation of `threshold_bytes` or more its own memory mapping, returned to the
    operating system as soon as it is freed.

    glibc does this from 128 KB up, but raises the threshold each time such a block is freed (up to
    32 MB), after which freed arrays of that size stay in the process's heap. A notebook that makes
    and drops a few 13 MB users x films matrices then keeps them all resident: notebook 05 peaked
    ~55 MB higher. 8 MB keeps TensorFlow's 6 MB training tensors in the heap, where reusing them
    is cheap. Fixing the threshold also fixes when glibc gives the heap's free top back (128 KB by
    default), which made I-AutoRec's training ~20% slower; that is set to 8 times the threshold.
    True if applied; False off Linux or without glibc.
    """
    threshold_bytes = check_int(threshold_bytes, "threshold_bytes", low=1)
    mallopt = _mallopt()
    return bool(
        mallopt and mallopt(M_MMAP_THRESHOLD, threshold_bytes) and mallopt(M_TRIM_THRESHOLD, 8 * threshold_bytes)
    )


def _mallopt():
    """glibc's mallopt, or None off Linux or without glibc (e.g. musl on Alpine)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return None


def usable_cpus() -> int:
    """CPUs this process may use: its affinity mask, lowered by a cgroup v2 CPU quota.

    A container (Binder) usually sees every core of its node but may use only its quota; thread
    pools sized by the node's cores cost memory, not speed.
    """
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        if quota != "max":
            count = min(count, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return count


_CONFIGURED = False


def configure_process() -> None:
    """The course's process settings for a small machine, in one place; safe to call more than once.

    Importing `helpers` changes nothing in the process. The models that need these settings call
    this first: the Keras helpers (`helpers.models.neural`, before TensorFlow is imported) and
    `start_spark`. It caps glibc's malloc at 2 heaps and maps large allocations
    (`limit_malloc_arenas`, `map_large_allocations`): each thread that allocates may otherwise get
    a heap of its own that keeps freed memory (worth ~300 MB in notebook 05 on a many-core Binder
    node). It also caps TensorFlow's two thread pools at min(usable CPUs, 4) through the
    environment variables TensorFlow reads when it starts (values already set are kept): in a
    container TensorFlow would size them by the whole node's cores (notebook 05 peaked ~430 MB
    higher on 16 cores, for no speed).
    """
    global _CONFIGURED
    if _CONFIGURED:
        return
    limit_malloc_arenas()
    map_large_allocations()
    threads = str(min(usable_cpus(), 4))
    os.environ.setdefault("TF_NUM_INTRAOP_THREADS", threads)
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", threads)
    _CONFIGURED = True
