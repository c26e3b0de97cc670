"""autograder/cells.py: what a cell is to the grader, read one way, and read only there."""

from __future__ import annotations

import re

import nbformat

from autograder import cells
from tests.support.grading_helpers import ROOT


def cell(source: str = "", kind: str = "code", **nbgrader):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    return make(source, metadata={"nbgrader": nbgrader} if nbgrader else {})


def test_the_facts_of_each_kind_of_cell():
    setup = cell("import numpy as np", grade_id="setup", locked=True, solution=False, grade=False)
    answer = cell("def f():\n    return 1", grade_id="f", solution=True, grade=False, locked=False)
    test = cell("check(f)", grade_id="test_f", grade=True, points=5, locked=True, solution=False)
    prose = cell("Some text", kind="markdown")
    assert [cells.is_setup(c) for c in (setup, answer, test, prose)] == [True, False, False, False]
    assert [cells.is_solution(c) for c in (setup, answer, test, prose)] == [False, True, False, False]
    assert [cells.is_grade(c) for c in (setup, answer, test, prose)] == [False, False, True, False]
    assert [cells.is_test(c) for c in (setup, answer, test, prose)] == [False, False, True, False]
    assert [cells.is_locked(c) for c in (setup, answer, test, prose)] == [True, False, True, False]
    assert [cells.grade_id(c) for c in (setup, answer, test, prose)] == ["setup", "f", "test_f", None]
    assert [cells.points(c) for c in (setup, answer, test, prose)] == [0.0, 0.0, 5.0, 0.0]
    assert cells.function_tested("test_f") == "f" and cells.function_tested("setup") is None
    assert cells.function_tested("test_") is None
    nb = nbformat.v4.new_notebook(cells=[setup, answer, test, prose])
    assert cells.solution_cells(nb) == {"f": answer} and cells.graded_tests(nb) == [test]
    assert cells.setup_source(nb) == "import numpy as np"
    # nbgrader's manually graded task (a markdown cell with points) is no test of the autograder
    assert not cells.is_test(cell("Explain", kind="markdown", grade=True, points=2, solution=False))


def test_a_cell_whose_metadata_is_missing_or_damaged_is_none_of_them():
    """A student's file may hold anything: such a cell is neither an answer nor a test, and no reader raises."""
    for metadata in ({}, {"nbgrader": None}, {"nbgrader": "solution"}, {"nbgrader": ["grade"]}, {"tags": "slow-test"}):
        damaged = nbformat.v4.new_code_cell("def f():\n    pass")
        damaged["metadata"] = metadata
        assert cells.nbgrader(damaged) == {} and not cells.is_solution(damaged) and not cells.is_test(damaged)
        assert cells.grade_id(damaged) is None and cells.points(damaged) == 0 and cells.tags(damaged) == []
    no_metadata = {"cell_type": "code", "source": ""}
    assert cells.nbgrader(no_metadata) == {} and cells.tags(no_metadata) == []
    assert cells.tags(nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["slow-test"]})) == ["slow-test"]


def test_magics_and_defined_functions():
    source = (
        "%matplotlib inline\n  !pip install x\nimport numpy as np\n\ndef f(x):\n    def inner():\n        pass\n"
        "    return x\n\ndef  g (y):\n    return y\nclass C:\n    def method(self):\n        pass\n"
    )
    assert cells.without_magics(source).splitlines()[0] == "import numpy as np"
    assert "%" not in cells.without_magics(source) and "!pip" not in cells.without_magics(source)
    assert cells.defined_functions(source) == ["f", "g"]  # top level only
    assert cells.defined_functions("def broken(:\n    ...\ndef fine():\n    pass") == [
        "broken",
        "fine",
    ]  # no need to parse


# Where the grader reads a cell's nbgrader metadata or leaves IPython's magics out of a cell: only in
# cells.py. (course_utils, the students' package, reads the answer cells of its own notebooks: it
# cannot import the grader, which a student edition does not hold.)
READS_METADATA = re.compile(
    r"""metadata\b.*(?:\.get\(\s*["']nbgrader["']|\[\s*["']nbgrader["']\s*\](?!\s*=)|\.nbgrader\b)"""
)
FILTERS_MAGICS = re.compile(r"""startswith\(\(\s*["']%["']\s*,\s*["']!["']\s*\)\)""")


def test_only_cells_py_reads_nbgrader_metadata_and_magics():
    found = []
    for path in sorted(
        [
            *(ROOT / "autograder").glob("*.py"),
            *(path for path in (ROOT / "tests").rglob("*.py") if "submissions" not in path.parts),
            *(ROOT / "benchmarks").glob("*.py"),
        ]
    ):
        if path.name in ("cells.py", "test_cells.py"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if READS_METADATA.search(line) or FILTERS_MAGICS.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "read it through autograder/cells.py:\n" + "\n".join(found)
