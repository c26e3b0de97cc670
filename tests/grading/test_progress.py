"""Every long step of the instructor's workflow shows how far it is: the reference check that
opens a grading batch, grading itself, and the feedback, one submission at a time."""

from __future__ import annotations

import re

from autograder import course as course_module
from autograder.__main__ import main
from autograder.course import Course
from tests.grading.test_batch import ASSIGNMENT, hand_in


def test_reference_check_grading_and_feedback_show_progress(tmp_path, capsys, monkeypatch):
    course = Course.at(tmp_path / "course")
    hand_in(course, {"ada": "untouched", "bob": "own_statistics_transposed_unscaled_xavier"})
    root = ["--course-dir", str(course.root)]
    assert main([*root, "autograde", "--workers", "0"]) == 0
    err = capsys.readouterr().err
    # tqdm's last state of each bar: every assignment checked, every submission graded
    assert re.search(r"checking the reference solutions: 100%.*\| 1/1 ", err), err[-2000:]
    assert re.search(r"grading: 100%.*\| 2/2 ", err), err[-2000:]
    monkeypatch.setattr(course_module, "FEEDBACK_CHUNK", 1)  # one student per nbgrader run: the others excluded
    assert main([*root, "feedback"]) == 0
    out, err = capsys.readouterr()
    assert re.search(r"feedback: 100%.*\| 2/2 ", err), err[-2000:]
    assert "feedback written to" in out
    pages = sorted(
        p.relative_to(course.root / "feedback").as_posix() for p in (course.root / "feedback").rglob("*.html")
    )
    assert pages == [f"ada/{ASSIGNMENT}/Initialization.html", f"bob/{ASSIGNMENT}/Initialization.html"]
