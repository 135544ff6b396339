"""The memory figure behind the notebooks' memory check: a process tree's resident size."""

import subprocess
import sys

import psutil
import pytest

from tests.support.notebook_runner import MB, process_tree_rss

# A parent holding ~200 MB that forks a child which never runs a program of its own (as the JVM
# does before exec), and a child that does (a real second process).
FORKING_PARENT = """
import os, subprocess, sys, time
block = bytearray(200 * 2**20)
for i in range(0, len(block), 4096):
    block[i] = 1
if os.fork() == 0:
    time.sleep(30)
    os._exit(0)
child = subprocess.Popen(
    [sys.executable, "-c", "import time; block = b'x' * (50 * 2**20); print('ready', flush=True); time.sleep(30)"],
    stdout=subprocess.PIPE,
    text=True,
)
child.stdout.readline()  # its 50 MB are written (resident), however slow the machine
print("ready", flush=True)
time.sleep(30)
"""


@pytest.fixture
def forking_parent():
    process = subprocess.Popen([sys.executable, "-c", FORKING_PARENT], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    yield process
    for child in psutil.Process(process.pid).children(recursive=True):
        child.kill()
    process.kill()
    process.wait()


def test_a_forked_child_sharing_its_parents_memory_is_not_counted_twice(forking_parent):
    parent = psutil.Process(forking_parent.pid)
    children = parent.children(recursive=True)
    assert len(children) == 2
    own_program = next(c for c in children if c.memory_info().vms != parent.memory_info().vms)
    expected = parent.memory_info().rss + own_program.memory_info().rss
    measured = process_tree_rss(forking_parent.pid)
    assert abs(measured - expected) < 20 * MB, (measured / MB, expected / MB)
    assert measured > 250 * MB  # the parent's 200 MB and the real child's 50 MB are both there


def test_a_process_that_is_gone_counts_zero():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    assert process_tree_rss(process.pid) == 0
