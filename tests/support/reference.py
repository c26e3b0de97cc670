"""The reference solutions, read from the source notebooks: the one way the tests and the benchmarks
get correct functions (course_utils never holds a graded solution, and tests/ never writes one a
second time).

``reference_solutions(notebook)`` runs a source notebook's imports, then its solution cells'
imports and ``def`` statements, as the playground reads a student's notebooks
(``course_utils.notebook_functions.answer_namespace``), and returns that namespace;
``given_functions`` adds functions that the notebook gives (cells that are not graded).
``optimization_functions``, ``regularization_functions`` and ``tensorflow_functions`` beside this
module are one notebook's solutions each, as a module, for the tests that import them by name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

from autograder import cells

ROOT = Path(__file__).resolve().parents[2]


def source_notebook(notebook: str) -> Path:
    """The source notebook called ``notebook`` (``"Optimization"``), in whichever folder it is."""
    return next((ROOT / "notebooks").glob(f"*/{notebook}.ipynb"))


def reference_solutions(notebook: str) -> dict:
    """The namespace in which a source notebook's solution cells define their functions (the
    playground's loader, ``course_utils.notebook_functions.answer_namespace``: the notebook's imports,
    then the solution cells' imports and definitions)."""
    from course_utils.notebook_functions import answer_namespace

    return answer_namespace(source_notebook(notebook))


def given_functions(notebook: str, names: set[str]) -> dict:
    """The functions ``names`` that a notebook's given cells define (neither setup, answer nor test:
    plain cells, and locked ones such as a backward pass with planted bugs), without the rest of
    those cells (which use the notebook's data)."""
    namespace = reference_solutions(notebook)
    nb = nbformat.read(source_notebook(notebook), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and not (cells.is_setup(cell) or cells.is_solution(cell) or cells.is_test(cell)):
            tree = ast.parse(cell.source)
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name in names:
                    exec(compile(ast.Module([node], []), "<given>", "exec"), namespace)
    return namespace


def public(namespace: dict) -> dict:
    """``namespace`` without its dunder names (``__builtins__``, ``__name__``): what a module made of
    it may take into its globals."""
    return {name: value for name, value in namespace.items() if not name.startswith("__")}
