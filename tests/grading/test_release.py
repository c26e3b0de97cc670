"""The student release: no solution and no hidden test in it, valid nbgrader metadata, and
every exercise says clearly that it is not written yet. The demonstrations that grading skips
are only demonstrations: no other cell needs what they compute."""

from __future__ import annotations

import ast
import builtins

import nbformat
import pytest
from nbclient import NotebookClient

from autograder import cells
from autograder.course import Course
from autograder.preprocessors import SKIP_IN_GRADING
from tests.support.grading_helpers import REGIONS, ROOT, region_lines

ASSIGNMENTS = Course().assignments()  # the graded ones (the playground is released as it is)
TRIVIAL = {"", "parameters = {}", "return parameters", "L = len(layers_dims) - 1"}


def pairs(released_course):
    for assignment in ASSIGNMENTS:
        for source in sorted((ROOT / "notebooks" / assignment).glob("*.ipynb")):
            yield (
                nbformat.read(source, as_version=4),
                nbformat.read(released_course.root / "release" / assignment / source.name, as_version=4),
            )


def test_release_holds_no_solution_and_no_hidden_test(released_course):
    for source, release in pairs(released_course):
        text = "\n".join(c.source for c in release.cells)
        for marker in (m for pair in REGIONS.values() for m in pair):
            assert marker.removeprefix("### ") not in text
        # a solution line that the notebook shows anyway is no secret (Gradient Checking's fix keeps
        # most lines of the given, buggy backward pass)
        shown = {line for c in source.cells for line in region_lines(c.source)[1]}
        secret = [
            line
            for c in source.cells
            for lines in region_lines(c.source)[0].values()
            for line in lines
            if line not in TRIVIAL and line not in shown
        ]
        assert secret, "the source should have solutions and hidden tests"
        released_lines = {line.strip() for line in text.splitlines()}
        leaked = [line for line in secret if line in released_lines]
        assert not leaked, f"released: {leaked}"


def test_nbgrader_metadata_is_valid():
    for assignment in ASSIGNMENTS:
        for path in (ROOT / "notebooks" / assignment).glob("*.ipynb"):
            nb = nbformat.read(path, as_version=4)
            metas = [cells.nbgrader(c) for c in nb.cells if cells.nbgrader(c)]
            ids = [m["grade_id"] for m in metas]
            assert len(ids) == len(set(ids)), f"{path.name}: duplicate grade ids"
            assert all(m["schema_version"] == 3 for m in metas)
            graded = [m for m in metas if m.get("grade")]
            assert graded and all(m["points"] > 0 and m["locked"] for m in graded)
            solutions = {m["grade_id"] for m in metas if m.get("solution")}
            # one graded test cell per graded function, named after it
            assert {m["grade_id"] for m in graded} == {f"test_{s}" for s in solutions}


def test_source_notebooks_are_committed_without_outputs():
    for path in (ROOT / "notebooks").glob("*/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert not any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code"), (
            path.name
        )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_exercise_says_it_is_not_written_yet(released_course, assignment):
    path = next((released_course.root / "release" / assignment).glob("*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    tests = [c for c in nb.cells if cells.is_grade(c)]
    assert tests
    for cell in tests:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert len(errors) == 1, cell.source
        error = errors[0]
        function = cells.function_tested(cells.grade_id(cell))
        assert error.ename == "CheckFailed"
        assert f"{function}: not written yet" in error.evalue
        # what the student sees: the message, a hint, and no traceback from inside course_utils
        assert len(error.traceback) <= 4 and not any(
            "Traceback" in line or "course_utils" in line for line in error.traceback
        )


def test_workspace_copies_the_release_and_never_overwrites_a_students_work(released_course, tmp_path):
    first = released_course.workspace(tmp_path)
    assert first and all(copied for _, copied in first)
    notebook = next(path for path, _ in first if path.suffix == ".ipynb")
    notebook.write_text("my work in progress")
    second = released_course.workspace(tmp_path)
    assert not any(copied for _, copied in second)
    assert notebook.read_text() == "my work in progress"


def names(source: str) -> tuple[set[str], set[str]]:
    """(names a cell binds anywhere: assignments, imports, definitions, parameters; names it reads)."""
    tree = ast.parse(cells.without_magics(source))
    bound, read = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (bound if isinstance(node.ctx, (ast.Store, ast.Del)) else read).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return bound, read


def skipped(cell) -> bool:
    return SKIP_IN_GRADING in cells.tags(cell)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_graded_cell_needs_a_cell_that_grading_skips(assignment):
    for path in (ROOT / "notebooks" / assignment).glob("*.ipynb"):
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        demos = [c for c in code if skipped(c)]
        assert demos, f"{path.name}: mark its demonstrations (training runs, plots) with the tag {SKIP_IN_GRADING!r}"
        assert not any(cells.nbgrader(c) for c in demos), "a setup, answer or test cell must never be skipped"
        run = [c for c in code if not skipped(c)]
        available = set(dir(builtins)) | {n for c in run for n in names(c.source)[0]}
        only_in_demos = {n for c in demos for n in names(c.source)[0]} - available
        for cell in run:
            needed = names(cell.source)[1] & only_in_demos
            assert not needed, (
                f"{path.name}: a cell that grading runs reads {sorted(needed)}, which only skipped cells compute:\n{cell.source[:200]}"
            )


def test_release_keeps_the_marks_for_grading(released_course):
    for source, release in pairs(released_course):
        assert [c.id for c in source.cells if skipped(c)] == [c.id for c in release.cells if skipped(c)]
