"""Grading a class: the coordinator behind ``make autograde``.

1. Decide what to grade: every submission in ``submitted/`` unless the gradebook in use already
   holds its scores from the same files (``gradebook.graded``); nothing on disk beside the
   submission decides it.
2. Check that every worker can grade each assignment at all (its reference solution must score
   full marks there, ``worker.can_grade``). If one cannot, the batch stops with the cause in
   one line (``CannotGrade``) before the gradebook is touched.
3. Give the gradebook what it needs (a new gradebook gets the assignments from the release),
   grade one task per submission, and record each result as it comes back, so a stopped run
   loses nothing done.

A submission the grader could not grade (its fault, not the student's: ``problems.py``) gets no
scores, only the reason (a ``fault`` event, for the class report); ``BatchResult.faults`` says why,
``make autograde`` exits non-zero, and the next run grades it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import gradebook, problems
from .cluster import Workers
from .course import Course
from .gradebook import Score
from .worker import can_grade, grade_task


class CannotGrade(RuntimeError):
    """A worker cannot grade an assignment (its reference solution does not score full marks there)."""


@dataclass
class BatchResult:
    """What one ``autograde`` did."""

    scores: list[Score]  # every submission in submitted/, graded now, before, or not at all
    graded: list[tuple[str, str]] = field(default_factory=list)  # (student, assignment) recorded by this run
    already: int = 0  # submissions left alone: the gradebook holds their scores from the same files
    faults: dict[tuple[str, str], str] = field(default_factory=dict)  # could not be graded: why (nothing recorded)


def autograde(
    course: Course, force: bool = False, workers: int | None = None, scheduler: str | None = None, progress: bool = True
) -> BatchResult:
    """Grade every submission of ``course`` not yet graded from the same files (all with ``force``).

    On a Dask cluster: a local one with ``workers`` processes (one per core) by default, or the
    scheduler at ``scheduler`` (or $DASK_SCHEDULER); ``workers=0`` grades in this process. Raises
    ``CannotGrade`` when a worker cannot grade an assignment at all.
    """
    submissions = course.submissions()
    done = {} if force else gradebook.graded(course.db_url)
    todo = [
        (s, a)
        for s, a in submissions
        if (s, a) not in done or not course.released_notebooks(a) or done[(s, a)][0] != course.fingerprint(s, a)
    ]
    faults: dict[tuple[str, str], str] = {}
    if todo:
        with Workers(workers, scheduler) as pool:
            assignments = sorted({a for _, a in todo})
            _check_references(pool, assignments, progress)
            _ensure_release(course, assignments)
            fingerprints = {key: course.fingerprint(*key) for key in todo}
            tasks = [(a, s, _files(course, s, a)) for s, a in todo]

            def keep(i: int, outcome: Any) -> None:  # called as each submission comes back
                key = todo[i]
                if isinstance(outcome, BaseException):
                    faults[key] = problems.explain_task_error(outcome)
                elif outcome["fault"]:
                    faults[key] = outcome["fault"]
                if key in faults:  # no scores: only the reason, for the class report
                    gradebook.record_fault(course.db_url, *key, faults[key])
                else:
                    gradebook.record(course.db_url, course.root, outcome, fingerprints[key])

            pool.map(grade_task, tasks, on_result=keep, progress=progress)
    return BatchResult(
        scores(course, faults), [k for k in todo if k not in faults], len(submissions) - len(todo), faults
    )


def _check_references(pool: Workers, assignments: list[str], progress: bool) -> None:
    """Each worker grades each assignment's reference solution (``worker.can_grade``), one
    assignment at a time on every worker at once, with a progress bar: it takes a minute or more."""
    from tqdm.auto import tqdm

    with tqdm(assignments, desc="checking the reference solutions", unit="assignment", disable=not progress) as bar:
        for assignment in bar:
            bar.set_postfix_str(assignment)
            for worker, (cause,) in pool.everywhere(can_grade, [(assignment,)]).items():
                if cause is not None:
                    said = problems.explain_task_error(cause) if isinstance(cause, BaseException) else cause
                    raise CannotGrade(f"cannot grade {assignment} on {worker}: {said}")


def scores(course: Course, faults: dict[tuple[str, str], str] | None = None) -> list[Score]:
    """What the gradebook holds for every submission in ``submitted/``; one that could not be
    graded in this run says why among its problems."""
    faults = faults or {}
    wanted = [
        (
            s,
            a,
            [p.stem for p in course.released_notebooks(a)]
            or [p.stem for p in sorted((course.root / "submitted" / s / a).glob("*.ipynb"))],
        )
        for s, a in course.submissions()
    ]
    rows = gradebook.scores(course.db_url, wanted)
    return [
        Score(
            r.student,
            r.assignment,
            r.notebook,
            r.score,
            r.max_score,
            r.tests,
            (f"NOT GRADED: {faults[(r.student, r.assignment)]}",),
            graded=False,
        )
        if (r.student, r.assignment) in faults
        else r
        for r in rows
    ]


def _ensure_release(course: Course, assignments: list[str]) -> None:
    """The release of each assignment, and the assignment in the gradebook (a new gradebook has
    none: nbgrader adds an assignment when it generates the release)."""
    missing = [a for a in assignments if not course.released_notebooks(a)]
    missing += [a for a in gradebook.missing_assignments(course.db_url, assignments) if a not in missing]
    for assignment in missing:
        course.nbgrader("generate_assignment", assignment, "--force")


def _files(course: Course, student: str, assignment: str) -> dict[str, bytes]:
    folder = course.root / "submitted" / student / assignment
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def summary_table(scores: list[Score]) -> str:
    """Student, assignment, score, max, problems: one line each, aligned. The problems column
    holds what grading found (a function that did not return, a repaired file...) and then the
    tests that lost points."""
    header = ("student", "assignment", "score", "max", "problems")
    rows = []
    for s in scores:
        lost = [f"{k} {v[0]:g}/{v[1]:g}" for k, v in s.tests.items() if v[0] < v[1]]
        said = "; ".join([*s.problems, *([", ".join(lost)] if lost else [])]) or ("-" if s.graded else "not graded")
        rows.append(
            (
                s.student,
                s.assignment,
                f"{s.score:g}" if s.graded else "-",
                f"{s.max_score:g}" if s.graded else "-",
                said,
            )
        )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)) + "  " + header[4]]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[4] for r in rows]
    return "\n".join(lines)
