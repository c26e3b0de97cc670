"""One grade, whichever door: nbgrader's own autograde, run in the course root as an nbgrader
instructor would, is refused with the command to run, and changes nothing; the pipeline grades, and
nbgrader's other doors (export, feedback) read its grades."""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from autograder import batch
from autograder.course import PIPELINE_MARK, Course
from tests.grading.test_batch import ASSIGNMENT, hand_in


def snapshot(root: Path) -> dict[str, str]:
    """Every file nbgrader could touch (the gradebook, autograded/, submitted/), by content."""
    files = [
        root / "gradebook.db",
        *(p for d in ("autograded", "submitted") for p in (root / d).rglob("*") if p.is_file()),
    ]
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def plain_nbgrader(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``nbgrader <args>`` in the course root, as an instructor types it (not through the pipeline)."""
    env = {k: v for k, v in os.environ.items() if k != PIPELINE_MARK}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


def test_nbgrader_autograde_is_refused_with_the_command_and_changes_nothing(tmp_path):
    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "untouched", "bob": "own_statistics_transposed_unscaled_xavier"})
    first = batch.autograde(course, workers=0, progress=False)
    assert len(first.graded) == 2
    hand_in(course, {"cy": "untouched"})  # a new submission nbgrader would grade
    before = snapshot(course.root)
    for args in (
        ("autograde", ASSIGNMENT),
        ("autograde", ASSIGNMENT, "--force"),
        ("autograde", ASSIGNMENT, "--student=ada"),
    ):
        done = plain_nbgrader(course.root, *args)
        said = done.stdout + done.stderr
        assert done.returncode == 1, said[-2000:]
        assert "This course is not graded by nbgrader's own autograde" in said
        assert f"python -m autograder autograde --course-dir {course.root}" in said and "make autograde" in said
        assert snapshot(course.root) == before, f"nbgrader {' '.join(args)} changed the course"
    # the pipeline's door still grades, and grades the new one
    again = batch.autograde(course, workers=0, progress=False)
    assert again.graded == [("cy", ASSIGNMENT)] and again.already == 2
    # nbgrader's other doors read the pipeline's grades: its export and its feedback
    exported = plain_nbgrader(course.root, "export", f"--to={tmp_path / 'grades.csv'}")
    assert exported.returncode == 0, exported.stderr[-2000:]
    with open(tmp_path / "grades.csv") as handle:
        assert {row["student_id"] for row in csv.DictReader(handle)} == {"ada", "bob", "cy"}
    feedback = plain_nbgrader(course.root, "generate_feedback", ASSIGNMENT)
    assert feedback.returncode == 0, feedback.stderr[-2000:]
    assert (course.root / "feedback" / "cy" / ASSIGNMENT / "Initialization.html").exists()
