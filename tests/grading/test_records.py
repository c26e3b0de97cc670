"""What a worker keeps of each graded test (autograder/records.py): parsed from the check's own
message, one kind per outcome, the mistake keyed without its numbers."""

from __future__ import annotations

import nbformat
import pytest

from autograder import records
from autograder.preprocessors import VerifyOutsideKernel
from course_utils.checks.core import CheckFailed


def _test_cell(grade_id: str, *errors: tuple[str, str], points: float = 5) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(
        "check(f)", metadata={"nbgrader": {"grade": True, "grade_id": grade_id, "points": points, "solution": False}}
    )
    cell.outputs = [nbformat.v4.new_output("error", ename=name, evalue=value, traceback=[]) for name, value in errors]
    return cell


def test_a_check_message_gives_its_function_problem_and_hint():
    error = CheckFailed(
        "initialize_parameters_he",
        "W2 has the wrong spread (n_l=20).",
        expected="std 0.32",
        got="0.22",
        hint="that is Xavier initialization, sqrt(1/n_(l-1)).",
    )
    assert records.parse_check_message(str(error)) == (
        "initialize_parameters_he",
        "W2 has the wrong spread (n_l=20).",
        "that is Xavier initialization, sqrt(1/n_(l-1)).",
    )
    assert records.parse_check_message("name 'f' is not defined") == ("", "name 'f' is not defined", "")


def test_the_same_mistake_found_with_other_numbers_has_one_key():
    visible = "that is W1 transposed: W1 has shape (layers_dims[1], layers_dims[0]) = (3, 2)."
    hidden = "that is W2 transposed: W2 has shape (layers_dims[2], layers_dims[1]) = (10, 5)."
    assert records.mistake_key(visible) == records.mistake_key(hidden)
    assert records.mistake_key("the spread is 1: multiply by scale.") != records.mistake_key(
        "the spread is 1: divide by scale."
    )


def test_each_outcome_of_a_test_gets_its_kind():
    failed = str(CheckFailed("f", "W1 has wrong values.", hint="use np.dot."))
    nb = nbformat.v4.new_notebook(
        cells=[
            _test_cell("test_passes"),
            _test_cell("test_wrong", ("CheckFailed", failed)),
            _test_cell(
                "test_outside",
                *[
                    (o.ename, o.evalue)
                    for o in [
                        VerifyOutsideKernel._run_test(  # the step's own message
                            "from course_utils.checks.core import CheckFailed\nraise CheckFailed('f', 'W1 has wrong values.', hint='use np.dot.')",
                            "",
                            {},
                        )
                    ]
                ],
            ),
            _test_cell(
                "test_stub", ("CheckFailed", str(CheckFailed("stub", "not written yet.", hint="replace the line")))
            ),
            _test_cell("test_loop", ("TimedOut", "`loop` did not return within 10 s: an infinite loop?")),
            _test_cell("test_after", ("Skipped", "`loop` did not return within 10 s earlier: not run again.")),
            _test_cell("test_died", ("KernelDied", "`crash` stopped the kernel")),
            _test_cell("test_renamed", ("NameError", "name 'renamed' is not defined")),
            nbformat.v4.new_code_cell(
                "def f(): pass", metadata={"nbgrader": {"grade_id": "f", "solution": True, "grade": False}}
            ),
        ]
    )
    scores = {"test_passes": 5.0, "test_outside": 0.0}
    got = {r["test"]: r for r in records.records_of(nb, scores, {"test_passes": 5.0})}
    assert {t: r["kind"] for t, r in got.items()} == {
        "test_passes": "passed",
        "test_wrong": "failed",
        "test_outside": "failed outside the kernel",
        "test_stub": "not written",
        "test_loop": "timed out",
        "test_after": "skipped",
        "test_died": "kernel died",
        "test_renamed": "error",
    }
    assert got["test_wrong"]["function"] == "f" and got["test_wrong"]["mistake"] == "use np.dot."
    assert got["test_outside"]["mistake"] == "use np.dot." and got["test_outside"]["score"] == 0.0
    assert got["test_wrong"]["score"] is None and got["test_wrong"]["max_score"] == 5.0  # no score: manual grading
    assert got["test_loop"]["function"] == "loop" and got["test_loop"]["mistake"] == ""
    assert got["test_renamed"]["problem"] == "NameError: name 'renamed' is not defined"
    assert got["test_passes"]["mistake"] == got["test_passes"]["problem"] == ""


@pytest.mark.parametrize("kind", records.KINDS)
def test_every_kind_fits_the_gradebooks_column(kind):
    from autograder.gradebook import TESTS

    assert len(kind) <= TESTS.c.kind.type.length


def test_the_report_lists_what_it_cannot_count(tmp_path):
    """A graded submission without test records (graded before the grader kept them) and a fault
    are listed; only recorded tests are counted."""
    import datetime

    import sqlalchemy as sa

    from autograder import gradebook, report
    from autograder.course import COURSE_ID

    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        for table in (gradebook.GRADED, gradebook.TESTS, gradebook.EVENTS):
            table.create(connection)
        connection.execute(
            sa.insert(gradebook.GRADED),
            [
                dict(
                    course_id=COURSE_ID,
                    student_id=s,
                    assignment="a",
                    fingerprint="x",
                    problems="[]",
                    graded_at=datetime.datetime.now(),
                )
                for s in ("old", "new")
            ],
        )
        connection.execute(
            sa.insert(gradebook.TESTS),
            [
                dict(
                    course_id=COURSE_ID,
                    student_id="new",
                    assignment="a",
                    notebook="A",
                    test="test_f",
                    function="f",
                    score=0.0,
                    max_score=2.0,
                    kind="failed",
                    problem="W1 is wrong.",
                    hint="use np.dot.",
                    mistake="use np.dot.",
                )
            ],
        )
        connection.execute(
            sa.insert(gradebook.EVENTS),
            [dict(course_id=COURSE_ID, student_id="lost", assignment="a", kind="fault", text="worker lost")],
        )
    engine.dispose()
    got = report.gather(url)
    assert got.totals == {"a": {"new": (0.0, 2.0)}}
    [f] = got.functions["a"]
    assert [(m.label, m.students) for m in f.mistakes] == [("use np.dot.", ["new"])] and f.full_marks == 0
    assert {(s, kind) for _, s, kind, _ in got.problems} == {
        ("old", "no test records"),
        ("lost", "could not be graded"),
    }
