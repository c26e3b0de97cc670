"""Grading one submission where no gradebook is shared: the unit of work of a batch.

``grade_task`` takes plain data (the assignment's name, the student's id and the bytes of the
files handed in) and returns plain data (per-test scores, the problems intake found, the
autograded notebooks as bytes). It runs nbgrader in a private course of its own process, built
from the course installed on this machine, so it can run on any Dask worker; only the
coordinating process writes the real gradebook (``course.Course.record``).
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

import nbformat

from .course import COURSE_ID, NOTEBOOKS, RUN_TIMEOUT, STAGED, Course, _last_error
from .intake import solution_cells, stage

_private: dict[str, Course] = {}  # per worker process: assignment -> a private course with its release


def private_course(assignment: str) -> Course:
    """A throwaway course in this process with ``assignment`` released (made once per process
    and per version of the source notebook)."""
    sources = sorted((NOTEBOOKS / assignment).glob("*.ipynb"))
    if not sources:
        raise ValueError(f"no assignment {assignment!r} in {NOTEBOOKS}")
    version = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]
    key = f"{assignment}-{version}"
    if key not in _private:
        course = Course.at(Path(tempfile.mkdtemp(prefix=f"grading-{key}-")))
        atexit.register(shutil.rmtree, course.root, True)
        course.nbgrader("generate_assignment", assignment, "--force")
        _private[key] = course
    return _private[key]


def other_assignments(assignment: str) -> dict[str, set[str]]:
    """grade ids of every other assignment's solution cells, to recognise a wrong notebook."""
    return {folder.name: {g for p in folder.glob("*.ipynb") for g in solution_cells(nbformat.read(p, as_version=4))}
            for folder in NOTEBOOKS.iterdir() if folder.is_dir() and folder.name != assignment}


def grade_task(assignment: str, student: str, files: dict[str, bytes]) -> dict[str, Any]:
    """Grade one submission; never raises for anything the submission does."""
    from nbgrader.api import Gradebook

    course = private_course(assignment)
    submitted = course.root / "handed_in" / student
    staged = course.root / STAGED / student / assignment
    for folder in (submitted, staged, course.root / "autograded" / student):
        shutil.rmtree(folder, ignore_errors=True)
    submitted.mkdir(parents=True)
    for name, data in files.items():
        (submitted / Path(name).name).write_bytes(data)
    staged.mkdir(parents=True)
    if (submitted / "timestamp.txt").exists():
        shutil.copy2(submitted / "timestamp.txt", staged / "timestamp.txt")
    handed_in = sorted(submitted.glob("*.ipynb"))
    problems: list[str] = []
    others = other_assignments(assignment)
    for release in course.released_notebooks(assignment):
        source = submitted / release.name
        if not source.exists() and len(handed_in) == 1:
            source = handed_in[0]  # renamed, e.g. "Initialization (1).ipynb"
            problems.append(f"graded {source.name} as {release.name}")
        problems += stage(source, release, staged / release.name, others).problems
    result = course.nbgrader("autograde", assignment, f"--student={student}", "--create", "--force",
                             f"--CourseDirectory.submitted_directory={STAGED}", check=False, timeout=RUN_TIMEOUT,
                             warm=True)
    notebooks: dict[str, dict[str, Any]] = {}
    if result.returncode != 0:
        problems.append(_last_error(result.stdout + result.stderr))
    else:
        with Gradebook(course.db_url, course_id=COURSE_ID) as gradebook:
            for release in course.released_notebooks(assignment):
                nb = gradebook.find_submission_notebook(release.stem, assignment, student)
                autograded = course.root / "autograded" / student / assignment / release.name
                notebooks[release.stem] = {
                    "scores": {g.name: g.auto_score for g in nb.grades},
                    "max_scores": {g.name: g.max_score for g in nb.grades},
                    "comments": {c.name: c.auto_comment for c in nb.comments},
                    "autograded": autograded.read_bytes(),
                }
    # Nothing of this student stays on the worker for the next submission's code to find.
    for folder in (submitted, staged, course.root / "autograded" / student):
        shutil.rmtree(folder, ignore_errors=True)
    return {"assignment": assignment, "student": student, "problems": problems, "notebooks": notebooks,
            "finished": result.returncode == 0}
