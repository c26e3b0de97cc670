"""What intake takes of a submission (autograder/intake.py): the cells a student added are noted as
not run, the release's own are not."""

from __future__ import annotations

import json

import nbformat

from tests.support.grading_helpers import ROOT

ASSIGNMENT = "initialization"


def test_only_the_cells_a_student_added_are_noted_as_not_run():
    """The release's own cells (setup, demonstrations) are not the student's additions."""
    from autograder.intake import take_answers

    release = nbformat.read(next((ROOT / "notebooks" / ASSIGNMENT).glob("*.ipynb")), as_version=4)
    student = nbformat.from_dict(json.loads(json.dumps(release)))
    assert take_answers(student, release)[2] == []
    student.cells.insert(3, nbformat.v4.new_code_cell("print('my experiment')"))
    student.cells.insert(5, nbformat.v4.new_code_cell("x = 1"))
    assert take_answers(student, release)[2] == ["only the answer cells are graded: 2 cell(s) you added were not run"]
