"""The warm nbgrader (autograder/warm.py): the same commands as a fresh ``python -m nbgrader``,
a run past its time killed with its kernel, and the next submission graded as if nothing happened."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from autograder import course as course_module
from autograder import worker
from tests.support.grading_helpers import build_submission, load_case, submission_bytes


def kernels_running() -> list[str]:
    """pids of the grading kernels (and their launchers) that this process's nbgrader runs started:
    their connection file is in its runtime folder. Not those of other test processes (make test
    grades in two at once)."""
    mine = course_module._runtime_dir().encode()
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        launcher = b"autograder.sandbox" in words and b"kernel" in words
        if (launcher or any(w.endswith(b"kernel.py") and b"autograder" in w for w in words)) and any(
            mine in w for w in words
        ):
            found.append(cmdline.parent.name)
    return found


def warm_pid() -> int | None:
    """pid of this process's warm nbgrader, None if there is none running."""
    warm = course_module._warm
    return warm[0].process.pid if warm and warm[0].alive() else None


def gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its reaper counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def submission(assignment: str, case: str) -> dict[str, bytes]:
    released = worker.private_course(assignment).released_notebooks(assignment)[0]
    return {released.name: submission_bytes(build_submission(released, load_case(assignment, case)))}


def test_warm_command_prints_what_a_fresh_one_prints(tmp_path):
    course = course_module.Course.at(tmp_path / "course")
    cold = course.nbgrader("--version")
    warm = course.nbgrader("--version", warm=True)
    served_by = warm_pid()
    assert served_by is not None, "the warm nbgrader did not run it (a fresh Python did)"
    assert warm.returncode == cold.returncode == 0
    assert warm.stdout == cold.stdout and "nbgrader" in warm.stdout.lower() + warm.stderr.lower()
    failed = course.nbgrader("autograde", "no-such-assignment", warm=True, check=False)
    assert failed.returncode != 0
    assert failed.returncode == course.nbgrader("autograde", "no-such-assignment", check=False).returncode
    assert "no-such-assignment" in failed.stdout + failed.stderr
    assert warm_pid() == served_by, "a failing command must not cost the warm nbgrader"


def test_a_run_past_its_time_is_killed_and_the_next_one_is_graded(monkeypatch):
    assert worker.can_grade("initialization") is None  # checked (once per process) before the time limit is cut
    worker.private_course("initialization").nbgrader("--version", warm=True)
    served_by, before = warm_pid(), set(kernels_running())
    monkeypatch.setenv("GRADING_RUN_TIMEOUT", "8")  # the cells would time out only after 60 s each
    start = time.perf_counter()
    stopped = worker.grade_task("initialization", "looper", submission("initialization", "infinite_loop"))
    assert time.perf_counter() - start < 50, "stopped by the run timeout, not after the 60 s cell timeout"
    # the student's problem, not the grader's: every test scores 0, and the reason is given
    assert stopped["fault"] is None and any("grading stopped after 8 s" in p for p in stopped["problems"]), stopped
    [zeros] = stopped["notebooks"].values()
    assert set(zeros["scores"].values()) == {0.0} and set(zeros["scores"]) == set(zeros["max_scores"])
    assert b"grading stopped after 8 s" in zeros["autograded"]
    deadline = time.time() + 120  # a wait for the event: generous, a busy machine is slow
    while set(kernels_running()) - before and time.time() < deadline:
        time.sleep(0.5)
    assert not set(kernels_running()) - before, "the killed run left its kernel behind"

    monkeypatch.setenv("GRADING_RUN_TIMEOUT", "300")
    graded = worker.grade_task("initialization", "after", submission("initialization", "reference"))
    assert graded["fault"] is None and graded["problems"] == []
    [notebook] = graded["notebooks"].values()
    assert notebook["scores"] == notebook["max_scores"] and notebook["scores"]
    assert warm_pid() == served_by, "both runs went through the same warm nbgrader"


def test_warm_process_that_died_is_replaced(tmp_path):
    course = course_module.Course.at(tmp_path / "course")
    course.nbgrader("--version", warm=True)
    killed = warm_pid()
    course_module._warm[0].process.kill()
    course_module._warm[0].process.wait()
    assert course.nbgrader("--version", warm=True).returncode == 0
    assert warm_pid() not in {None, killed}


def test_warm_server_ends_with_its_caller(tmp_path):
    code = (
        "from autograder import course; import os, sys; c = course.Course.at(sys.argv[1]);"
        "c.nbgrader('--version', warm=True); print(course._warm[0].process.pid); os._exit(0)"
    )
    pid = int(
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / "course")],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        ).stdout.split()[-1]
    )
    deadline = time.time() + 120  # a wait for the event: generous, a busy machine is slow
    while not gone(pid) and time.time() < deadline:
        time.sleep(0.2)
    assert gone(pid), "the warm nbgrader outlived the process it served"


def test_the_warm_process_preloads_the_instructors_imports_but_never_tensorflow():
    """The setup cells' imports, which the outside-kernel step runs in nbgrader's process for every
    submission, are imported once before the forks; TensorFlow (5 to 12 s) only where it is used."""
    import subprocess
    import sys

    from autograder.course import instructor_imports

    names = instructor_imports()
    assert {"numpy", "matplotlib.pyplot", "course_utils.checks.initialization", "course_utils.tensorflow_tools"} <= set(
        names
    )
    assert not any(name.split(".")[0] == "tensorflow" for name in names)
    code = (
        "import sys; from autograder.course import instructor_imports; from autograder.warm import _preload; "
        "_preload(instructor_imports()); print('matplotlib.pyplot' in sys.modules, 'tensorflow' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["True", "False"]
