"""The grader's scratch folders (autograder/scratch.py): those that dead processes left are removed,
and nothing else."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from autograder import scratch
from tests.support.grading_helpers import ROOT


def test_scratch_left_by_dead_processes_is_removed_and_nothing_else():
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from autograder import scratch; "
            "print(scratch.make('grading', 'left'), flush=True); sys.stdin.read()",
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    orphan = Path(child.stdout.readline().strip())
    assert orphan.name.startswith(f"grading-{child.pid}.") and orphan.is_dir()
    assert orphan not in scratch.remove_abandoned(), "its process is still running"
    child.send_signal(signal.SIGKILL)
    child.wait()
    mine, foreign = scratch.make("jr"), scratch.make("nbgrader")
    try:
        if os.geteuid() == 0:
            shutil.chown(foreign, "nobody")
            os.rename(foreign, foreign.with_name(orphan.name.replace("grading-", "nbgrader-")))
            foreign = foreign.with_name(orphan.name.replace("grading-", "nbgrader-"))  # a dead pid, another user
        removed = scratch.remove_abandoned()
        assert orphan in removed and not orphan.exists()
        assert mine.is_dir() and foreign.is_dir() and foreign not in removed
    finally:
        shutil.rmtree(mine, ignore_errors=True)
        shutil.rmtree(foreign, ignore_errors=True)
