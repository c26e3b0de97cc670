"""What a notebook cell is to the grader: the facts nbgrader's metadata and the cell's source give.

nbgrader marks a cell in ``cell.metadata["nbgrader"]``: ``solution`` (an answer cell: the
student writes it), ``grade`` (graded, worth ``points``), ``locked`` (read-only in the release)
and ``grade_id`` (its name). The course names them by one rule: an answer cell's ``grade_id`` is
the name of the function it defines, its test cell's is ``test_<function>``, and the cell of the
instructor's imports and data is ``setup``. Every part of the grader and of its tests reads those
facts here, one way: a cell without that metadata (or whose metadata is not a mapping: a
student's file may hold anything) is none of these.

Two facts come from the source: the lines IPython runs that are not Python (magics ``%``, shell
``!``), which code that executes or parses a cell leaves out, and the functions a cell defines
at its top level, found by a regular expression, so that an answer that does not parse still
names its functions.

Nothing here imports the rest of the package. (No name here starts with ``test``: a test module
that imports one must not have pytest collect it.)
"""

from __future__ import annotations

import re
from typing import Any

SETUP = "setup"  # the grade_id of the setup cell: the instructor's imports and data
TEST_PREFIX = "test_"  # a test cell's grade_id is this and the name of the function it tests
_DEF = re.compile(r"^def\s+([A-Za-z_]\w*)\s*\(", flags=re.M)


def nbgrader(cell: Any) -> dict:
    """The cell's nbgrader metadata; ``{}`` when it has none."""
    metadata = cell.get("metadata")
    found = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return found if isinstance(found, dict) else {}


def is_solution(cell: Any) -> bool:
    """An answer cell: the student writes it (nbgrader's ``solution``)."""
    return bool(nbgrader(cell).get("solution"))


def is_grade(cell: Any) -> bool:
    """A graded cell: it is worth ``points`` (nbgrader's ``grade``)."""
    return bool(nbgrader(cell).get("grade"))


def is_locked(cell: Any) -> bool:
    """A cell the release keeps read-only (nbgrader's ``locked``)."""
    return bool(nbgrader(cell).get("locked"))


def is_test(cell: Any) -> bool:
    """A test cell: a graded code cell that is not an answer (nbgrader's "autograder tests")."""
    return cell.get("cell_type") == "code" and is_grade(cell) and not is_solution(cell)


def is_setup(cell: Any) -> bool:
    """The setup cell: the instructor's imports and data, above the first answer."""
    return grade_id(cell) == SETUP


def grade_id(cell: Any) -> str | None:
    """The cell's nbgrader name, None when it has none."""
    return nbgrader(cell).get("grade_id")


def points(cell: Any) -> float:
    """What a graded cell is worth (0 for any other)."""
    return float(nbgrader(cell).get("points", 0) or 0)


def function_tested(test_id: str) -> str | None:
    """The function a test cell named ``test_id`` tests (``test_f`` tests ``f``), None if the name
    does not say."""
    return test_id[len(TEST_PREFIX) :] if test_id.startswith(TEST_PREFIX) and len(test_id) > len(TEST_PREFIX) else None


def tags(cell: Any) -> list[str]:
    """The cell's tags (``skip-in-grading``, ``slow-test``...)."""
    metadata = cell.get("metadata")
    found = metadata.get("tags", []) if isinstance(metadata, dict) else []
    return list(found) if isinstance(found, (list, tuple)) else []


def solution_cells(nb: Any) -> dict[str, Any]:
    """grade_id -> answer cell, for every answer cell that has a grade_id."""
    return {grade_id(c): c for c in nb.cells if is_solution(c) and grade_id(c) is not None}


def graded_tests(nb: Any) -> list[Any]:
    """The notebook's test cells, in order."""
    return [c for c in nb.cells if is_test(c)]


def setup_source(nb: Any) -> str:
    """The source of the setup cell (of every cell named ``setup``, should there be several)."""
    return "\n".join(c.source for c in nb.cells if is_setup(c))


def without_magics(source: str) -> str:
    """``source`` without the lines IPython runs that are not Python (``%matplotlib``, ``!pip``)."""
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


def defined_functions(source: str) -> list[str]:
    """The names of the functions ``source`` defines at its top level (``def`` at a line's start)."""
    return _DEF.findall(source)
