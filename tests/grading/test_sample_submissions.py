"""A full nbgrader round trip on the sample submissions of tests/submissions/: release, submit,
autograde, feedback, export. Each case must score exactly what its answers are worth."""

from __future__ import annotations

import csv
import sqlite3
from html import unescape

import nbformat
import pytest

from autograder.batch import autograde
from autograder.cells import grade_id, tags
from autograder.preprocessors import SKIP_IN_GRADING
from tests.support.grading_helpers import CASES, ROOT, load_case

CASES_KEYS = [(name, a) for a, name in CASES]


@pytest.mark.parametrize("assignment, name", CASES, ids=[f"{a}-{n}" for a, n in CASES])
def test_case_scores_what_its_answers_are_worth(graded, assignment, name):
    _, scores, _ = graded
    score = scores[(name, assignment)]
    case = load_case(assignment, name)
    assert bool(score.problems) == bool(case.problems_must_contain), score.problems
    assert score.max_score > 0 and len(score.tests) >= 3
    for test_id, (got, maximum) in score.tests.items():
        if case.all_zero:
            expected = 0
        else:
            expected = case.expected.get(test_id, maximum)
        assert got == expected, f"{name}: {test_id} scored {got}/{maximum}, expected {expected}"


def test_every_submission_is_graded_and_none_is_changed(graded):
    _, scores, unchanged = graded
    assert sorted(scores) == sorted(CASES_KEYS)
    assert unchanged


@pytest.mark.parametrize(
    "assignment, name",
    [c for c in CASES if load_case(*c).problems_must_contain],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_problems_are_reported_in_the_summary(graded, assignment, name):
    _, scores, _ = graded
    problems = " ".join(scores[(name, assignment)].problems)
    for phrase in load_case(assignment, name).problems_must_contain:
        assert phrase in problems


@pytest.mark.parametrize(
    "assignment, name",
    [c for c in CASES if load_case(*c).feedback_must_contain],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_feedback_names_the_failing_check(graded, assignment, name):
    course, _, _ = graded
    # what the student reads: nbconvert writes quotes in outputs as entities (&#x27;)
    text = unescape("\n".join(p.read_text() for p in (course.root / "feedback" / name / assignment).glob("*.html")))
    for phrase in load_case(assignment, name).feedback_must_contain:
        assert phrase in text, f"{name}: feedback lacks {phrase!r}"


def test_grades_export_has_one_row_per_submission(graded, tmp_path):
    course, scores, _ = graded
    path = course.export_grades(tmp_path / "grades.csv")
    rows = list(csv.DictReader(path.open()))
    by_student = {(r["student_id"], r["assignment"]): float(r["raw_score"]) for r in rows}
    for key, score in scores.items():
        assert by_student[key] == pytest.approx(score.score)


def test_rerun_resumes_and_regrading_gives_the_same_grades(graded):
    course, first, _ = graded
    # as after a crash: one submission's grading never finished (the grader's row is written last)
    student, assignment = next(k for k, s in first.items() if 0 < s.score < s.max_score)
    with sqlite3.connect(course.root / "gradebook.db") as db:
        db.execute("DELETE FROM autograder_graded WHERE student_id = ? AND assignment = ?", (student, assignment))
    graded_files = {p: p.stat().st_mtime_ns for p in (course.root / "autograded").glob("*/*/*.ipynb")}
    result = autograde(course, workers=0, progress=False)  # the default local cluster: test_cluster.py
    assert result.graded == [(student, assignment)] and result.already == len(first) - 1 and not result.faults
    again = {(s.student, s.assignment): (s.score, s.tests) for s in result.scores}
    assert again == {k: (s.score, s.tests) for k, s in first.items()}
    regraded = {p for p, t in graded_files.items() if p.stat().st_mtime_ns != t}
    assert {(p.parent.parent.name, p.parent.name) for p in regraded} == {(student, assignment)}


def test_course_config_loads_and_wires_our_steps():
    # nbgrader only logs a config file that fails to load, then grades with its defaults.
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "autograder")).load_config()
    steps = [p.__name__ for p in config.Autograde.autograde_preprocessors]
    assert "Execute" not in steps and steps[steps.index("RecoveringExecute") + 1] == "StderrToStdout"
    # The student's process starts before the kernel runs, and is used after it.
    assert (
        steps.index("StartStudentProcess") + 1 == steps.index("RecoveringExecute") < steps.index("VerifyOutsideKernel")
    )
    assert 'NotImplementedError("Not written yet' in config.ClearSolutions.code_stub["python"]
    assert config.CourseDirectory.course_id


@pytest.mark.parametrize("name", ["infinite_loop", "ignores_interrupts", "calls_a_loop"])
def test_a_function_that_never_returns_costs_one_timeout(graded, name):
    """Only the first cell that calls it waits for the cell timeout; later cells that call it fail
    at once, with one line that says why (no KeyboardInterrupt, no 40-line traceback)."""
    course, _, _ = graded
    [path] = (course.root / "autograded" / name / "initialization").glob("*.ipynb")
    cells = nbformat.read(path, as_version=4).cells
    errors = [o for c in cells for o in c.get("outputs", []) if o.output_type == "error"]
    names = [o.ename for o in errors]
    assert names.count("TimedOut") == 1, names
    assert "KeyboardInterrupt" not in names and "CellTimeoutError" not in names
    assert all(len(o.traceback) == 1 for o in errors if o.ename in ("TimedOut", "Skipped"))
    if name == "calls_a_loop":  # random init calls zeros, which had timed out: its test fails at once
        [test] = [c for c in cells if grade_id(c) == "test_initialize_parameters_random"]
        assert [o.ename for o in test.outputs if o.output_type == "error"] == ["Skipped"]


def test_grading_skips_the_demonstrations_and_runs_everything_else(graded):
    """Cells tagged skip-in-grading are not run (no outputs, no execution count); every other code
    cell of the reference submission is."""
    course, _, _ = graded
    for path in (course.root / "autograded" / "reference").glob("*/*.ipynb"):
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code" and c.source.strip()]
        skipped = [c for c in code if SKIP_IN_GRADING in tags(c)]
        assert skipped, f"{path.name}: no demonstration is skipped"
        assert all(not c.outputs and c.execution_count is None for c in skipped)
        assert all(c.execution_count for c in code if c not in skipped)
