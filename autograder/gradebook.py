"""The gradebook: what counts as graded, writing one result, reading the scores back.

nbgrader's gradebook (``gradebook.db``, SQLite, or the database ``$GRADEBOOK_URL`` names) holds
the scores. Beside nbgrader's tables the grader keeps one of its own, ``autograder_graded``: one
row per graded submission with the fingerprint of what was graded (the submitted files, the
release, the configuration) and the problems found. The row and the scores are written in one
transaction, so a submission counts as graded exactly when the gradebook in use holds its scores:
a new gradebook (a deleted ``gradebook.db``, a course moved to PostgreSQL) grades everything
again, whatever files lie on disk. Only the coordinating process writes here (``batch.py``).

Two more tables feed the class report (``report.py``), written in the same transaction as the
scores: ``autograder_tests``, one structured record per graded test (``records.py``: its score,
what happened, the function and the mistake a check named), and ``autograder_events``, what
happened to a submission as a whole: what intake repaired (``intake``), what grading stopped or
gave up on (``grading``), and why the grader could not grade it (``fault``, the only row a
submission without scores has; it goes when the submission is graded).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import shutil
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa

from .course import COURSE_ID

_METADATA = sa.MetaData()


def _submission(primary_key: bool = True) -> list[sa.Column]:
    """The columns that say which submission a row is about (new ones for each table)."""
    return [
        sa.Column(name, sa.String(128), primary_key=primary_key, nullable=False)
        for name in ("course_id", "student_id", "assignment")
    ]


GRADED = sa.Table(
    "autograder_graded",
    _METADATA,
    *_submission(),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("problems", sa.Text, nullable=False),  # a JSON list of strings
    sa.Column("graded_at", sa.DateTime, nullable=False),
)

TESTS = sa.Table(
    "autograder_tests",
    _METADATA,
    *_submission(),
    sa.Column("notebook", sa.String(128), primary_key=True),
    sa.Column("test", sa.String(128), primary_key=True),
    sa.Column("function", sa.String(128), nullable=False),
    sa.Column("score", sa.Float, nullable=True),  # None: left for manual grading
    sa.Column("max_score", sa.Float, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),  # records.KINDS
    sa.Column("problem", sa.Text, nullable=False),
    sa.Column("hint", sa.Text, nullable=False),
    sa.Column("mistake", sa.Text, nullable=False),  # the hint, else the problem, for a failed check; else ""
)
EVENTS = sa.Table(
    "autograder_events",
    _METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    *_submission(primary_key=False),
    sa.Column("kind", sa.String(16), nullable=False),  # EVENT_KINDS
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("autograder_events_submission", "course_id", "student_id", "assignment"),
)
EVENT_KINDS = ("intake", "grading", "fault")
_OWN_TABLES = (GRADED, TESTS, EVENTS)


@dataclass(frozen=True)
class Score:
    """One graded notebook of one student, and its per-test scores."""

    student: str
    assignment: str
    notebook: str
    score: float
    max_score: float
    tests: dict[str, tuple[float, float]]  # grade_id -> (score, max)
    problems: tuple[str, ...] = ()
    graded: bool = True  # False: the gradebook holds no scores for it (yet)


@contextlib.contextmanager
def opened(url: str) -> Iterator[Any]:
    """nbgrader's ``Gradebook`` at ``url``, with the grader's own table made if it is missing."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    # nbgrader runs `alembic` when it makes a new gradebook: it must find this Python's.
    here = str(Path(sys.executable).parent)
    if here not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = here + os.pathsep + os.environ.get("PATH", "")
    with Gradebook(url, course_id=COURSE_ID) as gradebook, warnings.catch_warnings():
        # nbgrader's own autograde triggers the same SQLAlchemy autoflush warnings; they are harmless
        warnings.simplefilter("ignore", category=SAWarning)
        for table in _OWN_TABLES:
            table.create(gradebook.engine, checkfirst=True)
        yield gradebook


def _query(url: str, tables: set[str], sql: str, **values: Any) -> list[tuple]:
    """Rows of ``sql``, or none when the database or one of ``tables`` does not exist yet. Only
    reads: a gradebook that does not exist stays so."""
    address = sa.engine.make_url(url)
    if (
        address.get_backend_name() == "sqlite"
        and address.database not in (None, "", ":memory:")
        and not Path(address.database).exists()
    ):
        return []
    engine = sa.create_engine(address)
    try:
        with engine.connect() as connection:
            if not tables <= set(sa.inspect(connection).get_table_names()):
                return []
            return [tuple(row) for row in connection.execute(sa.text(sql), values).all()]
    finally:
        engine.dispose()


def graded(url: str) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """``(student, assignment) -> (fingerprint, problems)`` of every submission whose scores the
    gradebook at ``url`` holds."""
    rows = _query(
        url,
        {GRADED.name, "submitted_assignment", "assignment"},
        f"SELECT g.student_id, g.assignment, g.fingerprint, g.problems FROM {GRADED.name} g"
        " JOIN assignment a ON a.name = g.assignment AND a.course_id = g.course_id"
        " JOIN submitted_assignment s ON s.assignment_id = a.id AND s.student_id = g.student_id"
        " WHERE g.course_id = :course",
        course=COURSE_ID,
    )
    return {(s, a): (f, json.loads(p)) for s, a, f, p in rows}


def missing_assignments(url: str, assignments: list[str]) -> list[str]:
    """Those of ``assignments`` that the gradebook does not know (nbgrader adds an assignment when
    it generates the release: a new gradebook has none)."""
    known = {
        name
        for (name,) in _query(
            url, {"assignment"}, "SELECT name FROM assignment WHERE course_id = :course", course=COURSE_ID
        )
    }
    return [name for name in assignments if name not in known]


# What nbgrader keeps beside a submitted notebook and reads again later: the submission's time
# (formgrader shows it; `make collect` and the exchange write it) and the exchange's secret, without
# which `nbgrader release_feedback` cannot name the student's feedback. The feedback gets them from
# the autograded folder, as after nbgrader's own autograde.
BESIDE_THE_NOTEBOOK = ("timestamp.txt", "submission_secret.txt")


def _submitted_at(handed_in: Path) -> dict[str, Any]:
    """``{"timestamp": when}`` from the submission's ``timestamp.txt`` (none when it has none or it
    does not parse: the submission is graded all the same)."""
    from nbgrader.utils import parse_utc

    try:
        return {"timestamp": parse_utc((handed_in / "timestamp.txt").read_text().strip())}
    except (OSError, ValueError):
        return {}


def record(url: str, root: Path, outcome: dict, fingerprint: str) -> None:
    """Write one graded submission: its scores and comments, the autograded notebooks under
    ``root/autograded/``, the grader's row (fingerprint, problems), its test records and its events
    (a fault noted earlier goes), committed together.

    A test the outcome holds no score for is left for manual grading (``needs_manual_grade``);
    an outcome with no notebook at all scores 0 on every test.
    """
    student, assignment = outcome["student"], outcome["assignment"]
    handed_in = root / "submitted" / student / assignment
    with opened(url) as gradebook:
        gradebook.update_or_create_student(student)
        submission = gradebook.update_or_create_submission(assignment, student, **_submitted_at(handed_in))
        results = outcome["notebooks"]
        for notebook in submission.notebooks:
            result = results.get(notebook.name, {"scores": {}, "comments": {}})
            for grade in notebook.grades:
                score = result["scores"].get(grade.name, 0.0 if not results else None)
                grade.auto_score = score
                grade.needs_manual_grade = grade.manual_score is not None or score is None
            for comment in notebook.comments:
                if comment.name in result["comments"]:
                    comment.auto_comment = result["comments"][comment.name]
        for notebook, result in results.items():
            target = root / "autograded" / student / assignment / f"{notebook}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(result["autograded"])
        for name in BESIDE_THE_NOTEBOOK:
            if (handed_in / name).is_file() and results:
                shutil.copy2(handed_in / name, root / "autograded" / student / assignment / name)
        for table in _OWN_TABLES:
            gradebook.db.execute(sa.delete(table).where(_submission(table, student, assignment)))
        gradebook.db.execute(
            sa.insert(GRADED).values(
                course_id=COURSE_ID,
                student_id=student,
                assignment=assignment,
                fingerprint=fingerprint,
                problems=json.dumps(outcome["problems"]),
                graded_at=datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None),
            )
        )
        tests = [
            dict(record, course_id=COURSE_ID, student_id=student, assignment=assignment, notebook=notebook)
            for notebook, result in results.items()
            for record in result.get("tests", [])
        ]
        if tests:
            gradebook.db.execute(sa.insert(TESTS), tests)
        repaired = list(outcome.get("intake", []))
        events = [("intake", text) for text in repaired] + [
            ("grading", text) for text in outcome["problems"] if text not in repaired
        ]
        if events:
            gradebook.db.execute(
                sa.insert(EVENTS),
                [
                    dict(course_id=COURSE_ID, student_id=student, assignment=assignment, kind=kind, text=text)
                    for kind, text in events
                ],
            )
        gradebook.db.commit()


def _submission(table: sa.Table, student: str, assignment: str) -> Any:
    return (table.c.course_id == COURSE_ID) & (table.c.student_id == student) & (table.c.assignment == assignment)


def record_fault(url: str, student: str, assignment: str, why: str) -> None:
    """Note that the grader could not grade this submission, and why (its scores, if it has any
    from an earlier run, stay as they are); the next ``record`` of it removes the note."""
    with opened(url) as gradebook:
        gradebook.db.execute(
            sa.delete(EVENTS).where(_submission(EVENTS, student, assignment) & (EVENTS.c.kind == "fault"))
        )
        gradebook.db.execute(
            sa.insert(EVENTS).values(
                course_id=COURSE_ID, student_id=student, assignment=assignment, kind="fault", text=why
            )
        )
        gradebook.db.commit()


def report_rows(url: str) -> tuple[list[dict], list[dict], list[dict]]:
    """What the class report reads, and all it reads: ``(submissions, tests, events)`` as dictionaries
    (the grader's row of each graded submission, every test record, every event)."""
    graded_rows = _query(
        url,
        {GRADED.name},
        f"SELECT student_id, assignment, graded_at FROM {GRADED.name} WHERE course_id = :course",
        course=COURSE_ID,
    )
    test_columns = [c.name for c in TESTS.columns if c.name != "course_id"]
    # Quoted: "function" and "text" are keywords in PostgreSQL.
    test_rows = _query(
        url,
        {TESTS.name},
        f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in test_columns)} FROM {TESTS.name} "
        "WHERE course_id = :course",
        course=COURSE_ID,
    )
    event_rows = _query(
        url,
        {EVENTS.name},
        f'SELECT student_id, assignment, kind, "text" FROM {EVENTS.name} WHERE course_id = :course ORDER BY id',
        course=COURSE_ID,
    )
    return (
        [dict(zip(("student_id", "assignment", "graded_at"), row)) for row in graded_rows],
        [dict(zip(test_columns, row)) for row in test_rows],
        [dict(zip(("student_id", "assignment", "kind", "text"), row)) for row in event_rows],
    )


def manual_scores(url: str) -> dict[tuple[str, str, str, str], float]:
    """``(student, assignment, notebook, test) -> score`` for every grade an instructor set by hand
    in formgrader (nbgrader's ``manual_score``, which replaces the autograder's, plus any extra
    credit): what the class report counts instead of the recorded score."""
    rows = _query(
        url,
        {"grade", "base_cell", "submitted_notebook", "notebook", "submitted_assignment", "assignment"},
        "SELECT sa.student_id, a.name, nb.name, bc.name, g.auto_score, g.manual_score, g.extra_credit FROM grade g"
        " JOIN base_cell bc ON bc.id = g.cell_id"
        " JOIN submitted_notebook sn ON sn.id = g.notebook_id"
        " JOIN notebook nb ON nb.id = sn.notebook_id"
        " JOIN submitted_assignment sa ON sa.id = sn.assignment_id"
        " JOIN assignment a ON a.id = sa.assignment_id"
        " WHERE a.course_id = :course AND (g.manual_score IS NOT NULL OR g.extra_credit IS NOT NULL)",
        course=COURSE_ID,
    )
    return {
        (student, assignment, notebook, test): (manual if manual is not None else auto or 0.0) + (extra or 0.0)
        for student, assignment, notebook, test, auto, manual, extra in rows
    }


def scores(url: str, submissions: list[tuple[str, str, list[str]]]) -> list[Score]:
    """What the gradebook holds for each ``(student, assignment, notebooks)``; a notebook it holds
    no scores for is a ``Score`` with ``graded=False``."""
    from nbgrader.api import MissingEntry

    problems = {key: tuple(found) for key, (_, found) in graded(url).items()}
    rows = []
    with opened(url) as gradebook:
        for student, assignment, notebooks in submissions:
            trouble = problems.get((student, assignment), ())
            for name in notebooks:
                try:
                    nb = gradebook.find_submission_notebook(name, assignment, student)
                except MissingEntry:
                    rows.append(Score(student, assignment, name, 0.0, 0.0, {}, (), graded=False))
                    continue
                if (student, assignment) not in problems:  # nbgrader's rows without the grader's: never finished
                    rows.append(Score(student, assignment, name, 0.0, 0.0, {}, (), graded=False))
                    continue
                tests = {g.name: (float(g.score), float(g.max_score)) for g in nb.grades}
                rows.append(Score(student, assignment, name, float(nb.score), float(nb.max_score), tests, trouble))
    return rows
