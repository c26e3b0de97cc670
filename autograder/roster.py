"""Who the students are, for the LMS in and out: nbgrader's own student table, or its CSV.

nbgrader keeps each student's ``id`` (the folder name in ``submitted/``), ``first_name``,
``last_name``, ``email`` and ``lms_user_id`` (the LMS's own number for them); instructors fill it
with ``nbgrader db student import students.csv`` from a CSV with those columns. The same CSV can
be given directly (``ROSTER=students.csv``). Collecting an LMS download maps the LMS's user ids to
student ids through it; exporting grades for an LMS writes the LMS's ids and names from it. When no
student has an ``lms_user_id``, the LMS's id is the student id (and export writes it back as such).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("id", "first_name", "last_name", "email", "lms_user_id")


@dataclass(frozen=True)
class Student:
    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    lms_user_id: str = ""

    @property
    def sortable_name(self) -> str:
        """``Last, First`` as LMS gradebooks show it (the id when no name is known)."""
        if self.last_name or self.first_name:
            return ", ".join(part for part in (self.last_name, self.first_name) if part)
        return self.id


class Roster(dict):
    """``{student id: Student}``, with the LMS's user ids mapped back."""

    def by_lms_id(self) -> dict[str, str]:
        """``{lms_user_id: student id}`` of the students that have one."""
        return {s.lms_user_id: s.id for s in self.values() if s.lms_user_id}

    def student_id(self, lms_id: str) -> str | None:
        """The student the LMS's ``lms_id`` is: through ``lms_user_id`` when the roster has any, else
        the LMS's id itself (None when the roster maps LMS ids and does not know this one)."""
        mapped = self.by_lms_id()
        if not mapped:
            return lms_id
        return mapped.get(lms_id)

    def get_or_bare(self, student_id: str) -> Student:
        return self.get(student_id) or Student(student_id)


def from_csv(path: Path) -> Roster:
    """The roster in nbgrader's student-import CSV (``id`` required; the other columns optional)."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if "id" not in (reader.fieldnames or []):
            raise ValueError(
                f"{path}: a roster needs an 'id' column (nbgrader's: {', '.join(COLUMNS)}); found {reader.fieldnames}"
            )
        rows = list(reader)
    return Roster(
        (row["id"].strip(), Student(**{c: (row.get(c) or "").strip() for c in COLUMNS}))
        for row in rows
        if (row.get("id") or "").strip()
    )


def from_gradebook(url: str) -> Roster:
    """The students nbgrader's gradebook at ``url`` knows (none when it does not exist yet)."""
    from .gradebook import _query

    rows = _query(url, {"student"}, "SELECT id, first_name, last_name, email, lms_user_id FROM student")
    return Roster((row[0], Student(*(value or "" for value in row))) for row in rows)
