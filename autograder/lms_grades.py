"""Grades in the import formats of Canvas and Moodle: one CSV per assignment and LMS.

What this guarantees:

- The score is what nbgrader's own export gives (``make grades``): the submission's score,
  manual points and adjustments made in formgrader included, less nbgrader's late penalty; the
  column is out of the points the notebook is worth (the assignment's maximum in the gradebook).
- Canvas (Gradebook > Import): the columns Canvas's own export has, ``Student, ID, SIS User ID,
  SIS Login ID, Section``, then one column for the assignment, and a ``Points Possible`` row under
  the header. Canvas matches a row by ``ID`` (the roster's ``lms_user_id``) or by ``SIS Login ID``
  (here the course's student id, for a student the roster gives no LMS id). A column named
  ``<title> (<Canvas assignment id>)`` fills that assignment; a plain title makes a new one.
- Moodle (Grades > Import > CSV file): ``Email address``, ``Full name``, ``Student ID``, then the
  assignment; in Moodle's import, map "Email address" to the user's email (or "Student ID" to the
  user's ID number) and the assignment's column to its grade item.
- A student with no submission is not written (the LMS keeps what it has), and one that the LMS
  cannot match (no email for Moodle) is named in ``unmatched``, never silently dropped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .roster import Roster

FORMATS = ("canvas", "moodle")
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_COLUMNS = ("Email address", "Full name", "Student ID")


@dataclass(frozen=True)
class Grade:
    student: str
    score: float


@dataclass
class Assignment:
    name: str
    max_score: float
    grades: list[Grade] = field(default_factory=list)


@dataclass
class Written:
    path: Path
    rows: int
    unmatched: list[str]


def gather(url: str) -> list[Assignment]:
    """Every assignment of the gradebook at ``url`` with its maximum and each submission's score."""
    from .gradebook import opened

    assignments = []
    with opened(url) as gradebook:
        for assignment in sorted(gradebook.assignments, key=lambda a: a.name):
            entry = Assignment(assignment.name, float(assignment.max_score))
            for submission in sorted(assignment.submissions, key=lambda s: s.student.id):
                penalty = float(submission.late_submission_penalty or 0.0)
                entry.grades.append(Grade(submission.student.id, max(float(submission.score) - penalty, 0.0)))
            assignments.append(entry)
    return assignments


def title(name: str) -> str:
    """An assignment's name as the LMS shows it: ``tuning_batchnorm`` -> ``Tuning Batchnorm``."""
    return name.replace("_", " ").title()


def write(
    lms: str, assignment: Assignment, roster: Roster, folder: Path, lms_assignment_id: str | None = None
) -> Written:
    """``<folder>/<lms>-<assignment>.csv`` in the LMS's import format."""
    if lms not in FORMATS:
        raise ValueError(f"unknown LMS {lms!r}: choose one of {', '.join(FORMATS)}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lms}-{assignment.name}.csv"
    column = title(assignment.name) + (f" ({lms_assignment_id})" if lms_assignment_id else "")
    unmatched, rows = [], []
    for grade in assignment.grades:
        student = roster.get_or_bare(grade.student)
        score = f"{grade.score:g}"
        if lms == "canvas":
            rows.append(
                [student.sortable_name, student.lms_user_id, "", "" if student.lms_user_id else student.id, "", score]
            )
        elif student.email:
            name = " ".join(part for part in (student.first_name, student.last_name) if part)
            rows.append([student.email, name, student.id, score])
        else:
            unmatched.append(f"{student.id}: no email address in the roster, Moodle cannot match the row")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        if lms == "canvas":
            out.writerow([*CANVAS_COLUMNS, column])
            out.writerow(["    Points Possible", "", "", "", "", f"{assignment.max_score:g}"])
        else:
            out.writerow([*MOODLE_COLUMNS, column])
        out.writerows(rows)
    return Written(path, len(rows), unmatched)
