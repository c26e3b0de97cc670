"""A hint reaches the student only if it quotes no secret: the feedback's redaction
(autograder/redact.py) replaces any output holding a line of a reference solution or of a hidden
test by a note, and the hint goes with it. So no hint of the checks modules may hold such a line."""

from __future__ import annotations

import importlib
import pkgutil

import nbformat
import pytest

import course_utils.checks
from autograder import redact
from tests.support.grading_helpers import ROOT

MODULES = sorted(m.name for m in pkgutil.iter_modules(course_utils.checks.__path__))


def secrets() -> set[str]:
    notebooks = [nbformat.read(p, as_version=4) for p in sorted((ROOT / "notebooks").glob("*/*.ipynb"))]
    return redact.secret_lines(notebooks)


@pytest.mark.parametrize("module", MODULES)
def test_no_hint_quotes_a_solution_or_hidden_line(module):
    lines = secrets()
    assert lines, "no secret line found: the notebooks' solution markers changed?"
    texts = {
        name: value
        for name, value in vars(importlib.import_module(f"course_utils.checks.{module}")).items()
        if name.isupper() and isinstance(value, str)
    }
    quoted = {name: line for name, text in texts.items() for line in lines if line in text}
    assert not quoted, f"hints that the feedback would remove: {quoted}"
