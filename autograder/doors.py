"""Which door grades: nbgrader's own ``autograde`` (its command line, formgrader's Autograde
button) refuses, and says which command grades this course.

The course's grade comes from ``python -m autograder autograde`` (``make autograde``): intake
rebuilds each submission from the release, a sandboxed kernel with a memory limit runs it, every
test runs again outside the kernel, and one record per test feeds the class report. nbgrader's own
``autograde`` reads this folder's ``nbgrader_config.py`` but does none of the first two and writes
no records: its grade would be a weaker one, silently. So ``nbgrader_config.py`` makes
``RefuseOtherDoors`` autograde's exporter when the run was not started by the pipeline (which marks its runs with
``GRADING_KERNEL``), and that door stops before nbgrader touches anything, with this module's message.
Every other nbgrader door (formgrader's manual grading and comments, ``generate_feedback``,
``export``, the exchange's ``release_assignment``, ``collect``) works as nbgrader's does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbconvert.exporters import NotebookExporter


def message(root: str) -> str:
    """What a refused door says: why, and the command that grades."""
    return (
        "This course is not graded by nbgrader's own autograde (its command line or formgrader's "
        "Autograde button): that would skip the course's intake, its sandboxed and memory-limited "
        "grading kernel, and the records of the class report, so the grade would differ. Grade with\n"
        f"    make autograde            (in the repository; or: python -m autograder autograde --course-dir {root})\n"
        "which grades every new or changed submission; formgrader then shows its scores, for manual "
        "grading and comments."
    )


class RefuseOtherDoors(NotebookExporter):
    """nbgrader's autograde outside the pipeline gets this as its exporter (``nbgrader_config.py``):
    making it stops the run with ``message`` before nbgrader has looked at a submission, so that
    nothing is written, in the gradebook or on disk (nbgrader removes a submission's autograded
    folder when a later step fails, and replaces it under ``--force``)."""

    def __init__(self, *args: Any, parent: Any = None, **kwargs: Any) -> None:
        converter = parent
        app = getattr(converter, "parent", None)
        root = getattr(getattr(converter, "coursedir", None), "root", ".")
        said = message(str(Path(root).resolve()))
        from nbgrader.apps.api import NbGraderAPI

        if app is None or isinstance(app, NbGraderAPI) or not hasattr(app, "fail"):
            # formgrader's button: its error window shows the exception, whose last line is this
            raise GradingDoorRefused(said)
        app.fail(said)  # the command line: the message as nbgrader's error, exit status 1


class GradingDoorRefused(RuntimeError):
    """What formgrader's Autograde button gets: the message, as an exception."""
