"""Every clause of every contract is tested (tests/contracts/): each graded function of a notebook
has its table; each clause is said in the notebook's text, and a sample submission breaks it, losing
that function's points with the check's message in its feedback (graded by
tests/grading/test_sample_submissions.py, which asserts the feedback holds the message)."""

from __future__ import annotations

import importlib
import re

import nbformat
import pytest

from autograder import cells
from autograder.course import Course
from tests.support.grading_helpers import ROOT, case_files, load_case

ASSIGNMENTS = Course().assignments()


def contract(assignment: str) -> dict | None:
    try:
        return importlib.import_module(f"tests.contracts.{assignment}").CONTRACT
    except ModuleNotFoundError:
        return None


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_clause_is_in_the_text_and_broken_by_a_sample(assignment):
    table = contract(assignment)
    assert table is not None, f"{assignment}: no contract table (tests/contracts/{assignment}.py)"
    [path] = sorted((ROOT / "notebooks" / assignment).glob("*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    points = {cells.function_tested(cells.grade_id(c)): cells.points(c) for c in cells.graded_tests(nb)}
    assert sorted(table) == sorted(points), (
        "a graded function without its contract, or a contract of no graded function"
    )
    text = plain(" ".join(c.source for c in nb.cells if c.cell_type == "markdown"))
    for function, clauses in table.items():
        assert clauses, f"{function}: no clause"
        for clause in clauses:
            where = f"{assignment}.{function}: {clause.says!r}"
            assert plain(clause.says) in text, f"{where} is not what the notebook's text says"
            assert clause.sample in {p.stem for p in case_files(assignment)}, f"{where}: no sample {clause.sample}"
            case = load_case(assignment, clause.sample)
            lost = case.expected.get(f"test_{function}")
            assert lost is not None and lost < points[function], f"{where}: {clause.sample} does not lose its points"
            assert any(clause.message in phrase for phrase in case.feedback_must_contain), (
                f"{where}: {clause.sample}'s feedback is not required to say {clause.message!r}"
            )


def test_the_tables_name_only_real_assignments():
    tables = {p.stem for p in (ROOT / "tests" / "contracts").glob("*.py") if p.stem != "__init__"}
    assert tables <= set(ASSIGNMENTS)
