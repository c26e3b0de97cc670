"""Grading steps of our own, one small nbgrader preprocessor per concern (nbgrader's style)."""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor
from nbformat import NotebookNode


class StderrToStdout(NbGraderPreprocessor):  # nbgrader's base: enabled by default
    """Turn the stderr output of graded cells into stdout output, keeping the text.

    nbgrader's ``determine_grade`` scores a graded cell 0 as soon as it has *any* stderr output:
    a student's debug print to ``sys.stderr``, a NumPy warning or a progress bar would cost a
    correct answer its marks. Errors are ``error`` outputs, not streams, so a failing check
    still scores 0.
    """

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
            for output in cell.get("outputs", []):
                if output.output_type == "stream" and output.name == "stderr":
                    output.name = "stdout"
        return cell, resources
