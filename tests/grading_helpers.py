"""Building submitted notebooks from sample submissions kept as plain Python under
tests/submissions/<assignment>/<case>.py.

A case file is "the student's answers": the functions it defines replace the solution cells
whose nbgrader grade_id is the function's name (with the file's imports), in the released
notebook; every other solution cell gets the reference answer, so a case states only its mistake. Two cases need no file: ``reference`` (the source notebook's own solutions) and
``untouched`` (the release as handed out).
"""

from __future__ import annotations

import ast
import runpy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SUBMISSIONS = Path(__file__).resolve().parent / "submissions"
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def source_notebook(assignment: str) -> Path:
    return next((ROOT / "notebooks" / assignment).glob("*.ipynb"))


def reference_answers(assignment: str) -> dict[str, str]:
    """grade_id -> the source's solution cell with the solution markers removed."""
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    return {nbgrader_meta(c)["grade_id"]: "\n".join(line for line in c.source.splitlines() if line.strip() not in MARKERS)
            for c in nb.cells if nbgrader_meta(c).get("solution")}


@dataclass
class Case:
    """One sample submission and what grading it must give."""

    name: str
    answers: dict[str, str]  # grade_id -> cell source
    expected: dict[str, float] = field(default_factory=dict)  # grade_id -> score; the rest full marks
    feedback_must_contain: list[str] = field(default_factory=list)
    all_zero: bool = False


def load_case(assignment: str, name: str) -> Case:
    if name == "reference":
        return Case(name, reference_answers(assignment))
    if name == "untouched":
        return Case(name, {}, all_zero=True)
    path = SUBMISSIONS / assignment / f"{name}.py"
    text = path.read_text()
    tree = ast.parse(text)
    imports = "\n".join(ast.get_source_segment(text, n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    answers = reference_answers(assignment)
    answers |= {n.name: (imports + "\n\n\n" if imports else "") + ast.get_source_segment(text, n)
               for n in tree.body if isinstance(n, ast.FunctionDef)}
    module = runpy.run_path(str(path))
    return Case(name, answers, dict(module.get("EXPECTED", {})), list(module.get("FEEDBACK_MUST_CONTAIN", [])))


def case_names(assignment: str) -> list[str]:
    return ["reference", "untouched"] + sorted(p.stem for p in (SUBMISSIONS / assignment).glob("*.py"))


def build_submission(released: Path, case: Case) -> nbformat.NotebookNode:
    """The released notebook with the case's answers typed into its solution cells."""
    nb = nbformat.read(released, as_version=4)
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if nbgrader_meta(cell).get("solution") and grade_id in case.answers:
            cell.source = case.answers[grade_id]
    return nb
