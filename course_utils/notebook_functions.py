"""The functions a student wrote in the course's notebooks, read back for the playground.

The playground trains with the student's own functions (course_utils never holds a graded
solution): ``course_functions(folder)`` reads every notebook in the folders beside the
playground's, and from each answer cell (nbgrader ``solution`` cells) defines its functions.
Only imports and ``def`` statements run, never a notebook's trainings, so loading takes a moment.
In the instructor's sources the answers are the reference solutions; in a student's copy they are
the student's, and an answer not written yet still raises ``NotImplementedError`` when called,
which the playground reports by name and notebook.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Callable, Iterable, Mapping

import nbformat


class CourseFunctions(dict):
    """``{function name: function}``, remembering the notebook each came from."""

    def __init__(self, functions: Mapping[str, Callable] = (), notebooks: Mapping[str, str] | None = None):
        super().__init__(functions)
        self.notebooks = dict(notebooks or {})

    def notebook_of(self, name: str) -> str:
        """The notebook that defines ``name`` (the course's, by the roadmap, when it was not found)."""
        return self.notebooks.get(name) or EXPECTED_NOTEBOOK.get(name, "the course's notebooks")


# Where each function the playground uses is written (to name it when it is missing).
EXPECTED_NOTEBOOK = {
    **dict.fromkeys(
        ("initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he"),
        "Initialization.ipynb",
    ),
    **dict.fromkeys(("forward_propagation_with_dropout", "backward_propagation_with_dropout"), "Regularization.ipynb"),
    **dict.fromkeys(
        (
            "update_parameters_with_gd",
            "random_mini_batches",
            "initialize_velocity",
            "update_parameters_with_momentum",
            "initialize_rmsprop",
            "update_parameters_with_rmsprop",
            "initialize_adam",
            "update_parameters_with_adam",
            "update_lr",
            "schedule_lr_decay",
        ),
        "Optimization.ipynb",
    ),
    **dict.fromkeys(("batchnorm_forward", "batchnorm_backward"), "Tuning_and_Batch_Norm.ipynb"),
}


def _is_answer(cell) -> bool:
    return cell.cell_type == "code" and cell.get("metadata", {}).get("nbgrader", {}).get("solution", False)


def _statements(source: str, keep: tuple[type, ...]) -> str:
    """The top-level statements of ``source`` of the kinds ``keep`` (nothing when it does not parse)."""
    # IPython's magics (%matplotlib, !pip) are not Python: they are left out, like everything else
    source = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    return "\n".join(ast.get_source_segment(source, node) for node in tree.body if isinstance(node, keep))


def answer_names(nb: nbformat.NotebookNode) -> list[str]:
    """The names of the functions the notebook's answer cells define."""
    return [
        node.name
        for cell in nb.cells
        if _is_answer(cell)
        for node in ast.parse(_statements(cell.source, (ast.FunctionDef,))).body
    ]


def answer_namespace(path: Path, nb: nbformat.NotebookNode | None = None) -> dict:
    """The namespace in which the notebook's answer cells define their functions: the import
    statements of every code cell, then each answer cell's imports and ``def`` statements."""
    nb = nb or nbformat.read(path, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    namespace: dict = {"__name__": f"course_notebook_{Path(path).stem}"}
    exec(
        compile("\n".join(_statements(c.source, (ast.Import, ast.ImportFrom)) for c in code), str(path), "exec"),
        namespace,
    )
    for cell in filter(_is_answer, code):
        exec(
            compile(
                _statements(cell.source, (ast.Import, ast.ImportFrom, ast.FunctionDef)), f"{path} (answer cell)", "exec"
            ),
            namespace,
        )
    return namespace


def notebook_functions(path: Path, nb: nbformat.NotebookNode | None = None) -> dict[str, Callable]:
    """The functions that the answer cells of the notebook at ``path`` define (``answer_namespace``)."""
    nb = nb or nbformat.read(path, as_version=4)
    namespace = answer_namespace(path, nb)
    return {name: namespace[name] for name in answer_names(nb)}


def course_functions(
    folder: Path | str = "..", wanted: Iterable[str] = tuple(EXPECTED_NOTEBOOK), exclude: str = "playground"
) -> CourseFunctions:
    """The functions ``wanted`` (by default those the playground uses) as the answer cells of the
    notebooks in ``folder/*/`` define them (the course's notebooks beside the playground's folder,
    ``exclude``), with the notebook each came from. A notebook that defines none of them is not
    loaded (the TensorFlow notebook's imports would take seconds)."""
    wanted = set(wanted)
    functions, notebooks = {}, {}
    for path in sorted(Path(folder).glob("*/*.ipynb")):
        if path.parent.name == exclude or ".ipynb_checkpoints" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        if not wanted & set(answer_names(nb)):
            continue
        for name, function in notebook_functions(path, nb).items():
            if name in wanted:
                functions[name], notebooks[name] = function, path.name
    return CourseFunctions(functions, notebooks)
