"""Correct answers saved by an old Jupyter (notebook format 3): converted, full marks."""
import nbformat

EXPECTED = {}
FEEDBACK_MUST_CONTAIN = ["older Jupyter"]


def transform(nb):
    return nbformat.writes(nbformat.convert(nb, 3)).encode()
