"""Intake: turn whatever a student handed in into a notebook that grades fairly.

A submission is never graded as it is. Its answers (the sources of its solution cells) are taken
out and typed into a fresh copy of the released notebook, so that every other cell (the setup,
the visible and hidden tests, the markdown) is the instructor's, in the instructor's order,
whatever the student deleted, edited, reordered or re-typed. What intake noticed on the way (an
unreadable file, an answer found only by its function name, cells that will not run) becomes a
note at the top of the notebook, which the feedback shows, and a problem in the summary table.

The student's file itself is only read, never changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from .cells import defined_functions, nbgrader, solution_cells

NOTES_CELL_ID = "grading-notes"


@dataclass
class Intake:
    """The notebook to grade and what was noticed on the way."""

    notebook: NotebookNode
    problems: list[str] = field(default_factory=list)  # lower the grade or may: shown in the summary
    notes: list[str] = field(default_factory=list)  # informational only


def read_notebook(data: bytes) -> tuple[NotebookNode | None, str | None, list[str]]:
    """Parse a submission's bytes: ``(notebook, why_not, notes)``."""
    if not data.strip():
        return None, "the file is empty", []
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, f"the file is not a notebook (not valid JSON: {str(error)[:80]})", []
    if not isinstance(raw, dict) or "cells" not in raw and "worksheets" not in raw:
        return None, "the file is JSON but not a Jupyter notebook", []
    notes = []
    try:
        if raw.get("nbformat", 4) < 4:
            notes.append(
                f"your notebook was saved by an older Jupyter (format {raw.get('nbformat')}); it was converted"
            )
        nb = nbformat.reads(json.dumps(raw), as_version=4)
    except Exception as error:  # nbformat raises many kinds; any of them means "unreadable"
        return None, f"the notebook could not be read ({type(error).__name__}: {str(error)[:80]})", notes
    return nb, None, notes


def take_answers(student: NotebookNode, release: NotebookNode) -> tuple[dict[str, str], list[str], list[str]]:
    """Find the student's answer for each solution cell of the release: by grade_id first, then by
    the name of the function the cell defines. Returns ``(answers, problems, notes)``."""
    answers, problems, notes, used = {}, [], [], set()
    by_id = solution_cells(student)
    code_cells = [c for c in student.cells if c.cell_type == "code"]
    for grade_id, cell in solution_cells(release).items():
        names = defined_functions(cell.source)
        found = by_id.get(grade_id)
        if found is None:
            found = next((c for c in code_cells if names and set(names) <= set(defined_functions(c.source))), None)
            if found is not None:
                notes.append(
                    f"the answer cell for {grade_id} had lost its grading metadata; it was found by its function name"
                )
        if found is None:
            problems.append(f"no answer found for {grade_id}")
            continue
        answers[grade_id] = found.source
        used.add(id(found))
    # the release's own cells (its demonstrations too) are not the student's additions
    release_ids = {c.get("id") for c in release.cells} - {None}
    release_sources = {c.source.strip() for c in release.cells}
    extra = [
        c
        for c in code_cells
        if c.source.strip()
        and id(c) not in used
        and not nbgrader(c)
        and c.get("id") not in release_ids
        and c.source.strip() not in release_sources
    ]
    if extra:
        notes.append(f"only the answer cells are graded: {len(extra)} cell(s) you added were not run")
    return answers, problems, notes


def prepare(data: bytes, release: NotebookNode, other_assignments: dict[str, set[str]] | None = None) -> Intake:
    """The notebook to grade for one submission (its raw bytes) of the assignment ``release``."""
    nb = nbformat.from_dict(json.loads(json.dumps(release)))  # a deep copy
    student, why_not, notes = read_notebook(data)
    problems: list[str] = []
    if student is None:
        problems.append(why_not)
        answers = {}
    else:
        answers, missing, more_notes = take_answers(student, release)
        notes += more_notes
        if not answers:
            ids = set(solution_cells(student))
            other = next((name for name, grade_ids in (other_assignments or {}).items() if ids & grade_ids), None)
            problems.append(
                f"this is the notebook of another assignment ({other})"
                if other
                else "none of the answers of this assignment were found in the file"
            )
        else:
            problems += missing
    for grade_id, cell in solution_cells(nb).items():
        if grade_id in answers:
            cell.source = answers[grade_id]
    intake = Intake(nb, problems, notes)
    if problems or notes:
        text = "\n".join(f"- {line}" for line in problems + notes)
        note = nbformat.v4.new_markdown_cell(f"**Grading notes**\n\n{text}")
        note.id = NOTES_CELL_ID
        nb.cells.insert(0, note)
    return intake


def stage(
    submission: Path, release_notebook: Path, target: Path, other_assignments: dict[str, set[str]] | None = None
) -> Intake:
    """Prepare ``submission`` for grading and write the result to ``target``."""
    release = nbformat.read(release_notebook, as_version=4)
    intake = prepare(submission.read_bytes() if submission.exists() else b"", release, other_assignments)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(intake.notebook, target)
    return intake
