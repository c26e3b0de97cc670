"""Grading one submission where no gradebook is shared: the unit of work of a batch.

``grade_task`` takes plain data (the assignment's name, the student's id and the bytes of the
files handed in) and returns plain data (per-test scores, the problems found, the autograded
notebooks as bytes, a structured record per test for the class report (``records.py``), what intake
repaired, and ``fault``: why the grader itself could not grade it, or None). It runs
nbgrader in a private course of its own process, built from the course installed on this
machine, so it can run on any Dask worker; only the coordinating process writes the real
gradebook (``batch.py``).

Before its first submission of an assignment, a worker grades the assignment's reference
solution (the source notebook) the same way; unless that scores full marks, the worker cannot
grade, and says why in one line (``can_grade``) instead of giving every student a zero.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
from pathlib import Path
from typing import Any

import nbformat

from . import cells, problems, records, scratch, settings
from .course import COURSE_ID, NOTEBOOKS, STAGED, Course
from .intake import stage

REFERENCE_STUDENT = "reference-solution-check"
_private: dict[str, Course] = {}  # per worker process: assignment-version -> a private course with its release
_checked: dict[str, str | None] = {}  # assignment-version -> None if this process grades it right, else why not


def version(assignment: str) -> str:
    """``assignment-<hash of its source notebooks>``: a new version whenever the instructor edits them."""
    sources = sorted((NOTEBOOKS / assignment).glob("*.ipynb"))
    if not sources:
        raise ValueError(f"no assignment {assignment!r} in {NOTEBOOKS}")
    return f"{assignment}-{hashlib.sha256(b''.join(p.read_bytes() for p in sources)).hexdigest()[:12]}"


def private_course(assignment: str) -> Course:
    """A throwaway course in this process with ``assignment`` released (made once per process
    and per version of the source notebook). The first one a process makes also removes the
    scratch folders that dead grading processes of this user left behind."""
    key = version(assignment)
    if key not in _private:
        if not _private:
            scratch.remove_abandoned()
        course = Course.at(scratch.make("grading", key))
        atexit.register(shutil.rmtree, course.root, True)
        course.nbgrader("generate_assignment", assignment, "--force")
        _private[key] = course
    return _private[key]


def other_assignments(assignment: str) -> dict[str, set[str]]:
    """grade ids of every other assignment's solution cells, to recognise a wrong notebook."""
    return {
        folder.name: {g for p in folder.glob("*.ipynb") for g in cells.solution_cells(nbformat.read(p, as_version=4))}
        for folder in NOTEBOOKS.iterdir()
        if folder.is_dir() and folder.name != assignment
    }


def can_grade(assignment: str) -> str | None:
    """None if the reference solution of ``assignment`` scores full marks when graded here, else
    why not, in one line. Checked once per process and version of the assignment."""
    key = version(assignment)
    if key not in _checked:
        course = private_course(assignment)
        files = {
            release.name: (NOTEBOOKS / assignment / release.name).read_bytes()
            for release in course.released_notebooks(assignment)
        }
        outcome = _grade(course, assignment, REFERENCE_STUDENT, files)
        if outcome["fault"]:
            _checked[key] = outcome["fault"]
        else:
            got = sum(sum(v or 0 for v in n["scores"].values()) for n in outcome["notebooks"].values())
            best = sum(sum(n["max_scores"].values()) for n in outcome["notebooks"].values())
            lost = [line for n in outcome["notebooks"].values() for line in _failures(n["autograded"])]
            _checked[key] = (
                None
                if outcome["notebooks"] and got == best and not outcome["problems"]
                else f"the reference solution scored {got:g}/{best:g} here: "
                + "; ".join(outcome["problems"] + lost or ["no notebook was graded"])[:1000]
            )
    return _checked[key]


def grade_task(assignment: str, student: str, files: dict[str, bytes]) -> dict[str, Any]:
    """Grade one submission; never raises for anything the submission does."""
    cause = can_grade(assignment)
    if cause is not None:
        return {
            "assignment": assignment,
            "student": student,
            "problems": [],
            "intake": [],
            "notebooks": {},
            "fault": f"this worker cannot grade {assignment}: {cause}",
        }
    return _grade(private_course(assignment), assignment, student, files)


def _grade(course: Course, assignment: str, student: str, files: dict[str, bytes]) -> dict[str, Any]:
    from nbgrader.api import Gradebook

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
    found: list[str] = []
    repaired: list[str] = []  # what intake noticed and repaired (the notes too): the class report lists it
    others = other_assignments(assignment)
    for release in course.released_notebooks(assignment):
        source = submitted / release.name
        if not source.exists() and len(handed_in) == 1:
            source = handed_in[0]  # renamed, e.g. "Initialization (1).ipynb"
            found.append(f"graded {source.name} as {release.name}")
            repaired.append(found[-1])
        intake = stage(source, release, staged / release.name, others)
        found += intake.problems
        repaired += intake.problems + intake.notes
    run_timeout = settings.get("GRADING_RUN_TIMEOUT")
    result = course.nbgrader(
        "autograde",
        assignment,
        f"--student={student}",
        "--create",
        "--force",
        f"--CourseDirectory.submitted_directory={STAGED}",
        check=False,
        timeout=run_timeout,
        warm=True,
    )
    notebooks: dict[str, dict[str, Any]] = {}
    fault = None
    if result.returncode != 0:
        said, graders = problems.explain_failed_run(result.stdout + result.stderr, run_timeout)
        if graders:
            fault = said
        else:  # the student's notebook ran past the run timeout: every test 0, the reason in the feedback
            found.append(said)
            notebooks = {
                release.stem: _not_run(staged / release.name, said) for release in course.released_notebooks(assignment)
            }
    else:
        with Gradebook(course.db_url, course_id=COURSE_ID) as gradebook:
            for release in course.released_notebooks(assignment):
                nb = gradebook.find_submission_notebook(release.stem, assignment, student)
                autograded = (course.root / "autograded" / student / assignment / release.name).read_bytes()
                graded_nb = nbformat.reads(autograded.decode(), as_version=4)
                scores, max_scores = {g.name: g.auto_score for g in nb.grades}, {g.name: g.max_score for g in nb.grades}
                notebooks[release.stem] = {
                    "scores": scores,
                    "max_scores": max_scores,
                    "comments": {c.name: c.auto_comment for c in nb.comments},
                    "autograded": autograded,
                    "tests": records.records_of(graded_nb, scores, max_scores),
                }
                found += problems.from_notebook(graded_nb)
    # Nothing of this student stays on the worker for the next submission's code to find.
    for folder in (submitted, staged, course.root / "autograded" / student):
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "assignment": assignment,
        "student": student,
        "problems": found,
        "intake": repaired,
        "notebooks": notebooks,
        "fault": fault,
    }


def _not_run(staged: Path, why: str) -> dict[str, Any]:
    """Scores and a notebook for a submission whose notebook did not run to its end: 0 for every
    test, and the reason at the top of the notebook the feedback is made from."""
    nb = nbformat.read(staged, as_version=4)
    tests = {cells.grade_id(c): cells.points(c) for c in cells.graded_tests(nb)}
    note = nbformat.v4.new_markdown_cell(
        f"**Not graded to the end**: {why}. Every test scores 0; the cells were not run."
    )
    nb.cells.insert(0, note)
    return {
        "scores": {name: 0.0 for name in tests},
        "max_scores": tests,
        "comments": {},
        "autograded": nbformat.writes(nb).encode(),
        "tests": records.not_run_records(nb, why),
    }


def _failures(autograded: bytes) -> list[str]:
    """``test_id: the first line of its error`` for every graded cell that failed."""
    nb = nbformat.reads(autograded.decode(), as_version=4)
    lines = []
    for cell in nb.cells:
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if errors and cells.is_grade(cell):
            message = " / ".join(
                line.strip() for line in problems.plain(errors[-1].evalue or "").splitlines() if line.strip()
            )
            lines.append(f"{cells.grade_id(cell)}: {errors[-1].ename}: {message[:300]}")
    return lines
