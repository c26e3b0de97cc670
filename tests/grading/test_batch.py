"""Grading a batch an instructor can trust (autograder/batch.py, worker.py): a fault of the grader is
never a student's zero and never silent, and resuming trusts the gradebook.

The sample submissions that crash, exit, loop or break the kernel are graded with the others in
the batch of conftest.py (test_sample_submissions.py checks their scores, problems and feedback).
Here: the grader's own faults, and the gradebook. The process that calls the student's functions:
test_isolation.py.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from autograder import batch, gradebook, problems, worker
from autograder.__main__ import main
from autograder.course import Course
from tests.grading.test_problems import NBGRADER_CRASH
from tests.support.grading_helpers import ROOT, build_submission, load_case, write_submission

ASSIGNMENT = "initialization"


def hand_in(course: Course, cases: dict[str, str]) -> None:
    """``{student: case}``: each student hands in that sample case."""
    released = worker.private_course(ASSIGNMENT).released_notebooks(ASSIGNMENT)[0]
    for student, case in cases.items():
        write_submission(
            course.root / "submitted" / student / ASSIGNMENT / released.name,
            build_submission(released, load_case(ASSIGNMENT, case)),
        )


def exported(course: Course, path: Path) -> list[dict]:
    with open(course.export_grades(path)) as f:
        return sorted(csv.DictReader(f), key=lambda r: r["student_id"])


# ---- a fault of the grader is never a student's zero, and never silent ----


def test_grading_works_through_a_linked_venv(tmp_path):
    """A venv reached through a symbolic link (a shared environment linked into the checkout): the
    sandboxed kernel is started by the linked path, which must exist inside the sandbox too."""
    link = tmp_path / "linked-venv"
    link.symlink_to(Path(sys.prefix).resolve(), target_is_directory=True)
    code = "import sys; from autograder import worker; print(sys.prefix); print(worker.can_grade('initialization'))"
    run = subprocess.run([str(link / "bin" / "python"), "-c", code], cwd=ROOT, capture_output=True, text=True)
    prefix, verdict = run.stdout.strip().splitlines()[-2:]
    assert prefix == str(link), "the interpreter must see the linked path, or this test proves nothing"
    assert verdict == "None", (
        f"the reference solution does not score full marks through the link: {run.stdout}{run.stderr[-2000:]}"
    )


def test_a_worker_that_cannot_grade_stops_the_batch_before_the_gradebook(tmp_path, monkeypatch, capsys):
    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "reference", "bob": "untouched"})
    monkeypatch.setattr(worker, "_checked", {})  # this process must check again, under the broken setting
    monkeypatch.setenv("GRADING_MEMORY_MB", "40")  # too little for the kernel to start
    assert main(["--course-dir", str(course.root), "autograde", "--workers", "0"]) == 2
    err = capsys.readouterr().err
    assert "checking the reference solutions" in err  # the progress bar of the check that failed
    said = [
        line for line in err.strip().splitlines() if line.strip() and "checking the reference solutions" not in line
    ]
    assert said[0].startswith("cannot grade initialization on this machine") and "kernel could not start" in said[0]
    assert "MemoryError" in said[0] and "GRADING_MEMORY_MB" in said[0], said[0]
    assert said[1:] == ["Nothing was graded and the gradebook was not touched."]
    assert not (course.root / "gradebook.db").exists() and not (course.root / "autograded").exists()


def test_a_fault_of_the_grader_is_never_recorded_and_the_next_run_grades_it(tmp_path, monkeypatch, capsys):
    from distributed import KilledWorker

    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "untouched", "bob": "untouched", "cy": "untouched"})
    real = worker.grade_task

    def unlucky(assignment: str, student: str, files: dict) -> dict:
        if student == "bob":
            raise KilledWorker("grade_task-bob", None, 2)
        if student == "cy":
            outcome = real(assignment, student, files)
            return dict(outcome, notebooks={}, fault=problems.explain_failed_run(NBGRADER_CRASH, 900)[0])
        return real(assignment, student, files)

    monkeypatch.setattr(batch, "grade_task", unlucky)
    assert main(["--course-dir", str(course.root), "autograde", "--workers", "0"]) == 1
    out, err = capsys.readouterr()
    assert "2 submission(s) could not be graded" in err
    assert "bob/initialization: worker lost" in err
    assert "cy/initialization: nbgrader failed: OperationalError: (sqlite3.OperationalError) disk I/O error" in err
    rows = {line.split()[0]: line for line in out.splitlines() if line.split()[:1] in (["ada"], ["bob"], ["cy"])}
    assert rows["bob"].split()[2:4] == ["-", "-"] and "NOT GRADED: worker lost" in rows["bob"]
    assert rows["ada"].split()[2:4] == ["0", "20"], "the student's own zero is recorded"
    assert set(gradebook.graded(course.db_url)) == {("ada", ASSIGNMENT)}, "only what was graded is recorded"

    monkeypatch.setattr(batch, "grade_task", real)
    again = batch.autograde(course, workers=0, progress=False)
    assert sorted(again.graded) == [("bob", ASSIGNMENT), ("cy", ASSIGNMENT)] and again.already == 1 and not again.faults
    assert {s.student: s.score for s in again.scores} == {"ada": 0, "bob": 0, "cy": 0}


def test_a_notebook_that_runs_too_long_is_the_students_zero_with_the_reason(tmp_path, monkeypatch):
    """Past the run timeout the notebook has no outputs to grade: every test scores 0, recorded
    (the student's problem, not the grader's), and the feedback says why."""
    assert worker.can_grade(ASSIGNMENT) is None  # checked (once per process) before the time limit is cut
    monkeypatch.setenv("GRADING_RUN_TIMEOUT", "8")  # the looping cell alone would take a minute
    course = Course.at(tmp_path / "course")
    hand_in(course, {"slow": "infinite_loop"})
    result = batch.autograde(course, workers=0, progress=False)
    [score] = result.scores
    assert result.graded == [("slow", ASSIGNMENT)] and not result.faults
    assert score.graded and score.score == 0 and score.max_score == 20
    assert score.problems == ("grading stopped after 8 s (GRADING_RUN_TIMEOUT): the notebook as a whole ran too long",)
    course.feedback()
    [page] = (course.root / "feedback" / "slow" / ASSIGNMENT).glob("*.html")
    assert "Not graded to the end" in page.read_text() and "grading stopped after 8 s" in page.read_text()


# ---- resuming trusts the gradebook, not a file beside the submission ----


def test_a_new_gradebook_grades_everything_again(tmp_path):
    """A first run, then the gradebook deleted (release/ and every file on disk kept) and a student
    added: the next run grades all of them into the new gradebook, with the same grades."""
    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "untouched", "bob": "corrupt_file"})
    first = batch.autograde(course, workers=0, progress=False)
    assert len(first.graded) == 2
    before = exported(course, tmp_path / "first.csv")
    (course.root / "gradebook.db").rename(tmp_path / "old-gradebook.db")
    hand_in(course, {"cy": "untouched"})
    again = batch.autograde(course, workers=0, progress=False)
    assert sorted(again.graded) == [("ada", ASSIGNMENT), ("bob", ASSIGNMENT), ("cy", ASSIGNMENT)] and not again.faults
    after = exported(course, tmp_path / "again.csv")
    assert [r for r in after if r["student_id"] != "cy"] == before
    assert batch.autograde(course, workers=0, progress=False).already == 3, "and then nothing is graded twice"
