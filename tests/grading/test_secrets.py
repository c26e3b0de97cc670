"""Grading keeps the instructor's secrets (autograder/redact.py, autograder/sandbox.py).

The batch graded in conftest.py includes hostile submissions (tests/submissions/hostile/
sandbox_escape.py, hides_errors.py, patches_*.py); their scores are checked in test_sample_submissions.py.
Here: what goes back to students holds no hidden test, no solution and no classmate's work;
nothing was written outside the grading scratch folders; the sandbox holds on its own.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import cells, redact, sandbox
from autograder.course import NOTEBOOKS
from autograder.isolation import StudentProcess
from tests.support.grading_helpers import ASSIGNMENTS, CASES, ROOT

CLASSMATE = "CLASSMATE-PRIVATE-NOTE"  # in the `noisy` student's answers only


def student_files(course):
    """Everything under feedback/: what is handed back to students, by student."""
    return [p for p in (course.root / "feedback").rglob("*") if p.is_file()]


def not_the_students_own(nb) -> str:
    """The text of a returned notebook, except the student's own answer cells' code."""
    parts = []
    for cell in nb.cells:
        if not cells.is_solution(cell):
            parts.append(cell.source)
        parts += [json.dumps(output) for output in cell.get("outputs", [])]
    return "\n".join(parts)


def test_feedback_holds_no_hidden_test_and_no_solution(graded):
    course, _, _ = graded
    files = student_files(course)
    assert {p.suffix for p in files} >= {".html", ".ipynb"}, "feedback must hold the page and the notebook"
    for assignment in ASSIGNMENTS:
        hidden = redact.source_secrets(assignment, NOTEBOOKS) - redact.source_secrets(
            assignment, NOTEBOOKS, reveal_hidden=True
        )
        secrets = redact.source_secrets(assignment, NOTEBOOKS)
        assert len(hidden) > 5 and len(secrets) > len(hidden), "the source notebooks' secrets were not found"
        for path in [p for p in files if assignment in p.parts]:
            student = path.parts[-3]
            if path.suffix == ".ipynb":  # everything but the student's own code: no secret at all
                text = not_the_students_own(nbformat.read(path, as_version=4))
                leaked = [line for line in secrets if line in text or json.dumps(line)[1:-1] in text]
                assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text, path
            else:  # the page shows the student's code too, which may match a solution line: no hidden test
                text = html.unescape(path.read_text(errors="replace"))
                leaked = [line for line in hidden if line in text]
                assert "BEGIN HIDDEN TESTS" not in text or student == "sandbox_escape", path  # its own code says it
            assert not leaked, f"{path.relative_to(course.root)} quotes {leaked[:3]}"
            if student != "noisy":
                assert CLASSMATE not in text, f"{path} holds a classmate's answer"


def test_feedback_keeps_names_points_and_messages(graded):
    course, scores, _ = graded
    notes = 0
    for (student, assignment), score in scores.items():
        for path in (course.root / "feedback" / student / assignment).glob("*.ipynb"):
            nb = nbformat.read(path, as_version=4)
            tests = cells.graded_tests(nb)
            assert {cells.grade_id(c) for c in tests} == set(score.tests)
            for cell in tests:
                if "Hidden tests (" in cell.source:
                    notes += 1
                    assert f"{cells.points(cell):g} points" in cell.source
                for output in cell.outputs:
                    if output.output_type == "error":  # a message, not a traceback quoting the test
                        assert len(output.traceback) == 1 and output.ename in output.traceback[0]
    assert notes > 0, "no returned test cell says where its hidden tests went"


def test_instructor_copy_keeps_everything(graded):
    course, _, _ = graded
    for path in (course.root / "autograded" / "reference").rglob("*.ipynb"):
        assert "### BEGIN HIDDEN TESTS" in path.read_text()


def test_escape_attempts_found_nothing_and_wrote_nothing(graded):
    course, scores, _ = graded
    if not sandbox.available():
        pytest.skip(sandbox.status())
    escaping = [assignment for assignment, name in CASES if name == "sandbox_escape"]
    assert escaping, "no sample submission tries to escape the sandbox"
    for assignment in escaping:
        score = scores[("sandbox_escape", assignment)]
        assert score.score == score.max_score, score.tests
        for path in (course.root / "autograded" / "sandbox_escape" / assignment).glob("*.ipynb"):
            # what the escape code (at the top of the zeros cell) printed
            printed = "".join(
                o.get("text", "")
                for c in nbformat.read(path, as_version=4).cells
                if cells.grade_id(c) == "initialize_parameters_zeros"
                for o in c.get("outputs", [])
            )
            assert "BEGIN HIDDEN TESTS" not in printed and CLASSMATE not in printed and "BEGIN SOLUTION" not in printed
            # the package is a read-only bind wherever the course lives; its /tmp is its own (a checkout
            # under /tmp, as in CI, then looks writable to it, but only inside its private /tmp)
            assert "could not write " + str(ROOT / "course_utils" / "escaped_marker.py") in printed
            assert "network: connected" not in printed and "network:" in printed
    written = [
        p for top in (ROOT, ROOT / "course_utils", course.root, Path("/tmp")) for p in top.glob("escaped_marker*")
    ]
    # nothing else makes these names: one found is an escape, this run's or an earlier unsandboxed one's
    assert not written, f"a submission wrote {written} (delete them once the cause is found)"


def test_returned_notebook_redacts_quoted_secrets():
    source = "check(f)\n### BEGIN HIDDEN TESTS\n_expected = reference_solution(x, y, z)\n### END HIDDEN TESTS\n"
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source, metadata={"nbgrader": {"grade": True, "points": 5}})]
    )
    secrets = redact.secret_lines([nb])
    cell = nb.cells[0]
    cell.outputs = [
        nbformat.v4.new_output("stream", text="_expected = reference_solution(x, y, z)\n"),  # printed by the student
        nbformat.v4.new_output("stream", text="my own debug line\n"),
        nbformat.v4.new_output(
            "error",
            ename="AssertionError",
            evalue="W1 has the wrong spread",
            traceback=["Traceback", "----> 3 _expected = reference_solution(x, y, z)", "AssertionError"],
        ),
    ]
    student = redact.for_student(nb, secrets).cells[0]
    assert "reference_solution" not in json.dumps(student)
    assert "Hidden tests (5 points" in student.source and "check(f)" in student.source
    assert student.outputs[0].text == redact.REDACTED and student.outputs[1].text == "my own debug line\n"
    assert student.outputs[2].traceback == ["\x1b[0;31mAssertionError\x1b[0m: W1 has the wrong spread"]
    revealed = redact.for_student(nb, redact.secret_lines([nb], reveal_hidden=True), reveal_hidden=True).cells[0]
    assert revealed.source == source and len(revealed.outputs[2].traceback) == 3
    assert nb.cells[0].source == source, "the instructor's notebook must not change"


def test_reveal_hidden_shows_the_tests_after_the_deadline(graded):
    course, _, _ = graded
    page = course.root / "feedback" / "reference" / ASSIGNMENTS[0]
    try:
        course.feedback(reveal_hidden=True)
        assert "BEGIN HIDDEN TESTS" in "".join(p.read_text() for p in page.glob("*.ipynb"))
    finally:
        course.feedback()
    assert "BEGIN HIDDEN TESTS" not in "".join(p.read_text() for p in page.glob("*"))


@pytest.mark.skipif(not sandbox.available(), reason=sandbox.status())
def test_sandboxed_process_sees_and_writes_only_its_scratch(tmp_path):
    probe = (
        """
import os, socket
def probe():
    found = {"uid": os.getuid(), "cwd": os.getcwd()}
    for name, path in [("source", NOTEBOOKS), ("gradebook", GRADEBOOK), ("secret_env", None)]:
        try:
            found[name] = os.listdir(path) if path else os.environ.get("SECRET_OF_THE_GRADER", "absent")
        except OSError as error:
            found[name] = type(error).__name__
    for name, path in [("repo", REPO + "/probe.txt"), ("package", REPO + "/course_utils/probe.txt"), ("scratch", "probe.txt")]:
        try:
            open(path, "w").write("x")
            found["write_" + name] = "written"
        except OSError as error:
            found["write_" + name] = type(error).__name__
    try:
        socket.create_connection(("127.0.0.1", 22), timeout=1)
        found["network"] = "connected"
    except OSError as error:
        found["network"] = type(error).__name__
    import course_utils, numpy
    found["packages"] = "ok"
    return found
""".replace("NOTEBOOKS", repr(str(NOTEBOOKS)))
        .replace("GRADEBOOK", repr(str(ROOT / "autograder")))
        .replace("REPO", repr(str(ROOT)))
    )
    os.environ["SECRET_OF_THE_GRADER"] = "postgresql://grader:hunter2@db/grades"
    student = StudentProcess("", [probe])
    try:
        found = student.function("probe")()
        scratch = student.workdir
        assert (scratch / "probe.txt").exists()
    finally:
        student.close()
        del os.environ["SECRET_OF_THE_GRADER"]
    assert found["uid"] == 65534 and found["cwd"] == str(scratch.resolve())
    assert found["source"] == "FileNotFoundError" and found["gradebook"] == "FileNotFoundError"
    assert found["secret_env"] == "absent"
    assert found["write_package"] != "written" and found["write_scratch"] == "written"
    if not ROOT.is_relative_to("/tmp"):  # else the repository's path is inside the sandbox's private /tmp
        assert found["write_repo"] != "written"
    assert found["network"] != "connected" and found["packages"] == "ok"
    assert not (ROOT / "probe.txt").exists() and not (ROOT / "course_utils" / "probe.txt").exists()


def test_without_the_sandbox_grading_says_what_is_off(monkeypatch):
    monkeypatch.setenv("GRADING_SANDBOX", "off")
    env = dict(os.environ)
    line = subprocess.run(
        [sys.executable, "-m", "autograder.sandbox", "status"], env=env, capture_output=True, text=True, cwd=ROOT
    ).stdout
    assert line.startswith("SANDBOX OFF") and "GRADING_SANDBOX=off" in line and "read the source notebooks" in line
    assert not sandbox.available() and sandbox.command(["python", "x.py"], ROOT) == ["python", "x.py"]


def test_student_process_still_works_without_the_sandbox(monkeypatch):
    monkeypatch.setenv("GRADING_SANDBOX", "off")
    student = StudentProcess("import numpy as np", ["def double(x):\n    return np.asarray(x) * 2"])
    try:
        assert student.function("double")([1, 2]).tolist() == [2, 4]
    finally:
        student.close()


def test_a_solution_line_the_exercise_shows_is_no_secret():
    """A hint may repeat a line that the exercise's text spells out; the feedback keeps it."""
    text = nbformat.v4.new_markdown_cell("Draw the mask: `D = rng.random(A.shape) < keep_prob`.")
    answer = nbformat.v4.new_code_cell(
        "def f(A, rng, keep_prob):\n    ### BEGIN SOLUTION\n    D = rng.random(A.shape) < keep_prob\n"
        "    return A * D / keep_prob, D.astype(float)\n    ### END SOLUTION\n"
    )
    secrets = redact.secret_lines([nbformat.v4.new_notebook(cells=[text, answer])])
    assert secrets == {"return A * D / keep_prob, D.astype(float)"}
