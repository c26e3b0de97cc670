"""Correct answers saved by an editor that drops cell metadata: found by function name."""

EXPECTED = {}
PROBLEMS_MUST_CONTAIN = []
FEEDBACK_MUST_CONTAIN = ["found by its function name"]


def transform(nb):
    for cell in nb.cells:
        cell.metadata = {}
    return nb
