"""The warm nbgrader (autograder/warm.py): the same commands as a fresh ``python -m nbgrader``,
a run past its time killed with its kernel, and the next submission graded as if nothing happened."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import nbformat

from autograder import course as course_module
from autograder import worker
from grading_helpers import build_submission, load_case


def kernels_running() -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"autograder.sandbox" in words and b"kernel" in words or any(w.endswith(b"autograder/kernel.py") for w in words):
            found.append(cmdline.parent.name)
    return found


def submission(assignment: str, case: str) -> dict[str, bytes]:
    released = worker.private_course(assignment).released_notebooks(assignment)[0]
    nb = build_submission(released, load_case(assignment, case))
    return {released.name: nb if isinstance(nb, bytes) else nbformat.writes(nb).encode()}


def test_warm_command_prints_what_a_fresh_one_prints(tmp_path):
    course = course_module.Course.at(tmp_path / "course")
    cold = course.nbgrader("--version")
    warm = course.nbgrader("--version", warm=True)
    assert warm.returncode == cold.returncode == 0
    assert warm.stdout == cold.stdout and "nbgrader" in warm.stdout.lower() + warm.stderr.lower()
    failed = course.nbgrader("autograde", "no-such-assignment", warm=True, check=False)
    assert failed.returncode != 0
    assert failed.returncode == course.nbgrader("autograde", "no-such-assignment", check=False).returncode
    assert "no-such-assignment" in failed.stdout + failed.stderr


def test_a_run_past_its_time_is_killed_and_the_next_one_is_graded(monkeypatch):
    before = set(kernels_running())
    monkeypatch.setattr(worker, "RUN_TIMEOUT", 8)  # the cells would time out only after 60 s each
    start = time.perf_counter()
    stopped = worker.grade_task("initialization", "looper", submission("initialization", "infinite_loop"))
    assert time.perf_counter() - start < 40
    assert not stopped["finished"] and any("GradingTimeout" in p for p in stopped["problems"]), stopped["problems"]
    deadline = time.time() + 10
    while set(kernels_running()) - before and time.time() < deadline:
        time.sleep(0.5)
    assert not set(kernels_running()) - before, "the killed run left its kernel behind"

    monkeypatch.setattr(worker, "RUN_TIMEOUT", 300)
    graded = worker.grade_task("initialization", "after", submission("initialization", "reference"))
    assert graded["finished"] and graded["problems"] == []
    [notebook] = graded["notebooks"].values()
    assert notebook["scores"] == notebook["max_scores"] and notebook["scores"]


def test_warm_process_that_died_is_replaced(tmp_path):
    course = course_module.Course.at(tmp_path / "course")
    course.nbgrader("--version", warm=True)
    course_module._warm[0].process.kill()
    course_module._warm[0].process.wait()
    assert course.nbgrader("--version", warm=True).returncode == 0
    assert course_module._warm[0].alive()


def test_warm_server_ends_with_its_caller():
    code = ("from autograder import course, warm; import os, sys; c = course.Course.at(sys.argv[1]);"
            "c.nbgrader('--version', warm=True); print(course._warm[0].process.pid); os._exit(0)")
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        pid = int(subprocess.run([sys.executable, "-c", code, folder], capture_output=True, text=True, check=True,
                                 cwd=Path(__file__).resolve().parents[1]).stdout.split()[-1])
    deadline = time.time() + 10
    while Path(f"/proc/{pid}").exists() and time.time() < deadline:
        state = (Path(f"/proc/{pid}/stat").read_text().split()[2:3] or ["?"])[0] if Path(f"/proc/{pid}").exists() else "X"
        if state == "Z":
            break
        time.sleep(0.2)
    assert not Path(f"/proc/{pid}").exists() or state == "Z", "the warm nbgrader outlived the process it served"
