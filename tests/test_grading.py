"""A full nbgrader round trip on the sample submissions of tests/submissions/: release, submit,
autograde, feedback, export. Each case must score exactly what its answers are worth."""

from __future__ import annotations

import csv

import nbformat
import pytest

from grading_helpers import ROOT, build_submission, case_names, load_case

ASSIGNMENTS = sorted(p.name for p in (ROOT / "tests" / "submissions").iterdir() if p.is_dir())
CASES = [(a, name) for a in ASSIGNMENTS for name in case_names(a)]
CASES_KEYS = [(name, a) for a, name in CASES]


@pytest.fixture(scope="module")
def graded(released_course):
    """Every case submitted by a student named after it, graded in one batch."""
    course = released_course
    for assignment, name in CASES:
        released = next((course.root / "release" / assignment).glob("*.ipynb"))
        target = course.root / "submitted" / name / assignment / released.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(build_submission(released, load_case(assignment, name)), target)
    # a file that is no notebook at all must be reported without stopping the batch
    corrupt = course.root / "submitted" / "corrupt" / ASSIGNMENTS[0] / released.name
    corrupt.parent.mkdir(parents=True)
    corrupt.write_text('{"cells": [ this is not json')
    scores = {(s.student, s.assignment): s for s in course.autograde()}
    course.feedback()
    return course, scores


@pytest.mark.parametrize("assignment, name", CASES, ids=[f"{a}-{n}" for a, n in CASES])
def test_case_scores_what_its_answers_are_worth(graded, assignment, name):
    _, scores = graded
    score = scores[(name, assignment)]
    case = load_case(assignment, name)
    assert not score.problems
    assert score.max_score > 0 and len(score.tests) >= 3
    for grade_id, (got, maximum) in score.tests.items():
        if case.all_zero:
            expected = 0
        else:
            expected = case.expected.get(grade_id, maximum)
        assert got == expected, f"{name}: {grade_id} scored {got}/{maximum}, expected {expected}"


def test_a_corrupt_file_is_reported_and_the_batch_goes_on(graded):
    _, scores = graded
    corrupt = scores[("corrupt", ASSIGNMENTS[0])]
    assert corrupt.score == 0 and corrupt.problems
    assert all(key in scores for key in CASES_KEYS)


@pytest.mark.parametrize("assignment, name", [c for c in CASES if load_case(*c).feedback_must_contain],
                         ids=lambda v: v if isinstance(v, str) else None)
def test_feedback_names_the_failing_check(graded, assignment, name):
    course, _ = graded
    html = "\n".join(p.read_text() for p in (course.root / "feedback" / name / assignment).glob("*.html"))
    for phrase in load_case(assignment, name).feedback_must_contain:
        assert phrase in html, f"{name}: feedback lacks {phrase!r}"


def test_grades_export_has_one_row_per_submission(graded, tmp_path):
    course, scores = graded
    path = course.export_grades(tmp_path / "grades.csv")
    rows = list(csv.DictReader(path.open()))
    by_student = {(r["student_id"], r["assignment"]): float(r["raw_score"]) for r in rows}
    for key, score in scores.items():
        if key[0] == "corrupt":
            continue
        assert by_student[key] == pytest.approx(score.score)


def test_regrading_gives_the_same_grades(graded):
    course, first = graded
    student, assignment = next(k for k, s in first.items() if 0 < s.score < s.max_score)
    course.nbgrader("autograde", assignment, f"--student={student}", "--force")
    again = {(s.student, s.assignment): (s.score, s.tests) for s in course.scores() if s.student != "corrupt"}
    assert again == {k: (s.score, s.tests) for k, s in first.items() if k[0] != "corrupt"}


def test_course_config_loads_and_wires_the_stderr_step():
    # nbgrader only logs a config file that fails to load, then grades with its defaults.
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "autograder")).load_config()
    steps = [p.__name__ for p in config.Autograde.autograde_preprocessors]
    assert steps[steps.index("Execute") + 1] == "StderrToStdout"
    assert "NotImplementedError(\"Not written yet" in config.ClearSolutions.code_stub["python"]
    assert config.CourseDirectory.course_id
