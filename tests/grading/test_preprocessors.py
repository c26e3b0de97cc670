"""The grader's nbgrader steps (autograder/preprocessors.py): the check outside the kernel raises when
its process cannot run the setup, and each cell gets its timeout."""

from __future__ import annotations

import copy

import pytest

from autograder import isolation


def test_verify_outside_kernel_raises_when_its_process_cannot_run_the_setup(monkeypatch):
    """The step itself raises (nbgrader's run fails: a fault of the grader) instead of failing every test."""
    import nbformat

    from autograder.preprocessors import STUDENT_PROCESS, StartStudentProcess, VerifyOutsideKernel

    cell = lambda source, **meta: nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta})  # noqa: E731
    nb = nbformat.v4.new_notebook(
        cells=[
            cell("import os\nos._exit(3)", grade_id="setup"),
            cell("def f():\n    return 1", grade_id="f", solution=True),
            cell("assert f() == 1", grade_id="test_f", grade=True, points=1),
        ]
    )
    with pytest.raises(RuntimeError, match="needs StartStudentProcess"):
        VerifyOutsideKernel().preprocess(nb, {})
    nb, resources = StartStudentProcess().preprocess(nb, {})
    student = resources[STUDENT_PROCESS]
    with pytest.raises(isolation.SetupFailed, match="before any student code ran"):
        VerifyOutsideKernel().preprocess(nb, resources)
    assert student.process is None and not student.workdir.exists()  # stopped and cleaned up


def test_only_the_instructors_cells_above_the_first_answer_get_the_setup_timeout():
    """No student code runs above the first answer cell (intake takes those cells from the release):
    they may import a framework for longer than the cell timeout; later cells keep it, but for the
    test cells tagged slow-test (they train a network), which get three times as long."""
    from nbformat.v4 import new_code_cell, new_notebook

    from autograder.preprocessors import SLOW_TEST, RecoveringExecute

    answer = new_code_cell("def f():\n    return 1")
    answer.metadata["nbgrader"] = {
        "solution": True,
        "grade": False,
        "grade_id": "f",
        "locked": False,
        "schema_version": 3,
    }
    slow = new_code_cell("train()")
    slow.metadata["tags"] = [SLOW_TEST]
    nb = new_notebook(
        cells=[new_code_cell("import numpy as np"), new_code_cell("x = 1"), answer, new_code_cell("f()"), slow]
    )
    execute = RecoveringExecute(timeout=10, setup_timeout=120)
    execute.nb = nb
    execute.reset_execution_trackers()
    assert [execute._get_timeout(cell) for cell in nb.cells] == [120, 120, 10, 10, 30], (
        "and a slow test gets three times 10 s"
    )
    assert execute._get_timeout(copy.deepcopy(nb.cells[0])) == 120, "a replayed copy keeps it"
