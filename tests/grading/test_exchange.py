"""JupyterHub's way in and out, nbgrader's exchange, with this course: the instructor releases
through a local exchange folder, a student fetches, works and submits, the instructor collects,
`make autograde` grades what was collected, and the feedback goes back through the exchange without
the hidden tests. Every nbgrader step is its real command line."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

from autograder import batch
from autograder.course import COURSE_ID, PIPELINE_MARK, Course
from tests.grading.test_batch import ASSIGNMENT
from tests.support.grading_helpers import build_submission, load_case, write_submission

NOTEBOOK = "Initialization.ipynb"


# nbgrader's exchange names a submission after the system user who submits it (on a JupyterHub,
# each student's own account): here the test's user plays the student.
STUDENT = pwd.getpwuid(os.getuid()).pw_name


def nbgrader(cwd: Path, *args: str) -> str:
    """``nbgrader <args>`` in ``cwd``, typed by hand (not through the pipeline)."""
    env = {k: v for k, v in os.environ.items() if k != PIPELINE_MARK}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"nbgrader {' '.join(args)}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    return done.stdout + done.stderr


def test_release_fetch_submit_collect_grade_and_feedback_through_the_exchange(tmp_path):
    course = Course.at(tmp_path / "course")
    course.release()
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # as on a JupyterHub: every user writes into it
    where = f"--Exchange.root={exchange}"
    home = tmp_path / "student"
    home.mkdir()

    nbgrader(course.root, "release_assignment", ASSIGNMENT, where)
    assert (exchange / COURSE_ID / "outbound" / ASSIGNMENT / NOTEBOOK).exists()

    nbgrader(home, "fetch_assignment", ASSIGNMENT, f"--course={COURSE_ID}", where)
    fetched = home / ASSIGNMENT / NOTEBOOK
    write_submission(fetched, build_submission(fetched, load_case(ASSIGNMENT, "reference")))
    nbgrader(home, "submit", ASSIGNMENT, f"--course={COURSE_ID}", where)

    nbgrader(course.root, "collect", ASSIGNMENT, where)
    collected = course.root / "submitted" / STUDENT / ASSIGNMENT
    assert (collected / NOTEBOOK).exists() and (collected / "timestamp.txt").exists()

    graded = batch.autograde(course, workers=0, progress=False)
    [score] = graded.scores
    assert graded.graded == [(STUDENT, ASSIGNMENT)] and score.score == score.max_score > 0

    course.feedback(progress=False)
    nbgrader(course.root, "release_feedback", ASSIGNMENT, where)
    nbgrader(home, "fetch_feedback", ASSIGNMENT, f"--course={COURSE_ID}", where)
    [page] = (home / ASSIGNMENT / "feedback").glob("*/*.html")
    text = page.read_text()
    assert f"{score.score:g}" in text and "BEGIN HIDDEN TESTS" not in text
    source = (course.source / ASSIGNMENT / NOTEBOOK).read_text()
    hidden = source.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]
    assert any(line.strip() for line in hidden.splitlines())
    for line in (line.strip().strip('\\n",') for line in hidden.splitlines()):
        if len(line) > 25:
            assert line not in text, f"a hidden test's line reached the student: {line}"
