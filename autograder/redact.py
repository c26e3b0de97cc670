"""What goes back to a student: the autograded notebook without the instructor's secrets.

The instructor's autograded copy keeps everything. The student's copy (the feedback HTML and
the notebook next to it) keeps, for every graded test, its name, its points and the failure
message, but:

- the hidden tests' code is replaced by one comment line (``reveal_hidden`` keeps it, for
  after the deadline);
- an error in a cell with hidden tests shows only the exception's name and message, never a
  traceback, which would quote the hidden lines;
- any output that quotes a line of a hidden test or of a reference solution is replaced by a
  note, however it got there (a student's function can print its caller's code or IPython's
  history; without the sandbox it can even print the source notebook).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Iterable

from nbformat import NotebookNode

from . import cells

HIDDEN = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
MIN_SECRET = 16  # shorter lines ("return params") are too common to be worth hiding
HIDDEN_NOTE = "# Hidden tests ({points:g} points with the visible ones): their code is shown after the deadline."
REDACTED = "[output removed from your feedback: it quoted the instructor's hidden tests or solutions]\n"


def regions(source: str, markers: tuple[str, str]) -> list[str]:
    """The lines between each pair of ``markers`` in ``source``."""
    inside, found = False, []
    for line in source.splitlines():
        if line.strip() == markers[0]:
            inside = True
        elif line.strip() == markers[1]:
            inside = False
        elif inside:
            found.append(line)
    return found


def secret_lines(notebooks: Iterable[NotebookNode], reveal_hidden: bool = False) -> set[str]:
    """Lines of the hidden tests and reference solutions of ``notebooks`` long enough to recognise,
    less those the released notebook shows anyway (an exercise's text may spell out a line of its
    solution, ``D = rng.random(A.shape) < keep_prob``, and a check's hint may repeat it: that hint
    must reach the student)."""
    secrets, shown = set(), []
    for nb in notebooks:
        for cell in nb.cells:
            lines = regions(cell.source, SOLUTION) + ([] if reveal_hidden else regions(cell.source, HIDDEN))
            secrets |= {line.strip() for line in lines if len(line.strip()) >= MIN_SECRET}
            shown.append(_outside(cell.source, (SOLUTION, HIDDEN)))
    released = "\n".join(shown)
    return {line for line in secrets if line not in released}


def _outside(source: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``source`` without the lines between (and on) each pair of markers: what a release keeps."""
    kept, closing = [], None
    for line in source.splitlines():
        if closing is None:
            closing = next((end for begin, end in pairs if line.strip() == begin), None)
            if closing is None:
                kept.append(line)
        elif line.strip() == closing:
            closing = None
    return "\n".join(kept)


def _texts(output: NotebookNode) -> list[str]:
    texts = [output.get("text", ""), output.get("evalue", ""), *output.get("traceback", [])]
    for value in output.get("data", {}).values():
        texts.append(
            value if isinstance(value, str) else "".join(value) if isinstance(value, list) else json.dumps(value)
        )
    return texts


def quotes_secret(output: NotebookNode, secrets: set[str]) -> bool:
    text = "\n".join(_texts(output))
    return any(secret in text for secret in secrets)


def for_student(nb: NotebookNode, secrets: set[str], reveal_hidden: bool = False) -> NotebookNode:
    """A copy of the autograded ``nb`` fit to return to the student (see the module docstring)."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        hidden = any(line.strip() == HIDDEN[0] for line in cell.source.splitlines())
        if hidden and not reveal_hidden:
            cell.source = _without_hidden(cell.source, cells.points(cell))
        outputs = []
        for output in cell.get("outputs", []):
            if output.output_type == "error" and hidden and not reveal_hidden:
                output.traceback = [f"\x1b[0;31m{output.ename}\x1b[0m: {output.evalue}"]
            if quotes_secret(output, secrets):
                if output.output_type == "error":  # the test still failed: say so, without the quote
                    output.evalue = REDACTED.strip()
                    output.traceback = [f"\x1b[0;31m{output.ename}\x1b[0m: {output.evalue}"]
                else:
                    output = NotebookNode(output_type="stream", name="stdout", text=REDACTED)
            outputs.append(output)
        cell.outputs = outputs
    return nb


def _without_hidden(source: str, points: float) -> str:
    kept, inside = [], False
    for line in source.splitlines():
        if line.strip() == HIDDEN[0]:
            inside = True
            kept.append(line[: len(line) - len(line.lstrip())] + HIDDEN_NOTE.format(points=points))
        elif line.strip() == HIDDEN[1]:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def source_secrets(assignment: str, notebooks_dir: Path, reveal_hidden: bool = False) -> set[str]:
    """``secret_lines`` of the instructor's source notebooks of ``assignment``."""
    import nbformat

    return secret_lines(
        [nbformat.read(p, as_version=4) for p in sorted((notebooks_dir / assignment).glob("*.ipynb"))], reveal_hidden
    )
