"""The memory settings that keep a notebook's kernel under Binder's limit."""

import os
import subprocess
import sys

import pytest

from helpers.core.memory import limit_malloc_arenas, map_large_allocations, usable_cpus


def test_usable_cpus_is_at_least_one_and_at_most_the_visible_cores():
    assert 1 <= usable_cpus() <= (os.cpu_count() or 1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's")
def test_malloc_arenas_are_capped_on_glibc():
    assert limit_malloc_arenas(2) is True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's")
def test_large_allocations_are_mapped_on_glibc():
    assert map_large_allocations(8 * 2**20) is True


@pytest.mark.parametrize("threshold, error", [(0, ValueError), (1e6, TypeError), (None, TypeError)])
def test_map_large_allocations_refuses_bad_thresholds(threshold, error):
    with pytest.raises(error, match="threshold_bytes"):
        map_large_allocations(threshold)


@pytest.mark.parametrize("arenas, error", [(0, ValueError), (2.5, TypeError), ("2", TypeError)])
def test_limit_malloc_arenas_refuses_bad_counts(arenas, error):
    with pytest.raises(error, match="arenas"):
        limit_malloc_arenas(arenas)


@pytest.mark.slow
def test_tensorflow_thread_pools_follow_usable_cpus():
    code = (
        "import os, helpers.models.neural\n"
        "print(os.environ['TF_NUM_INTRAOP_THREADS'], os.environ['TF_NUM_INTEROP_THREADS'])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TF_NUM_")}
    printed = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True)
    expected = str(min(usable_cpus(), 4))
    assert printed.stdout.split() == [expected, expected]


def test_importing_helpers_changes_no_process_setting():
    code = (
        "import os, helpers\n"
        "from helpers import fit_als, rank_k_view, check_exercise, start_spark, evaluate_ranking\n"
        "import helpers.core.memory as m\n"
        "assert not m._CONFIGURED, 'importing helpers configured the process'\n"
        "assert 'TF_NUM_INTRAOP_THREADS' not in os.environ\n"
        "m.configure_process(); m.configure_process()\n"
        "print(os.environ['TF_NUM_INTRAOP_THREADS'])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TF_NUM_")}
    printed = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert printed.stdout.split() == [str(min(usable_cpus(), 4))]
