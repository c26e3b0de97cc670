"""Grading a class on real components, started and stopped here on 127.0.0.1: a `dask scheduler`
with two `dask worker` processes (one killed with SIGKILL mid-batch), and a PostgreSQL 15 server
made with `initdb` in a temporary folder, run as the unprivileged `postgres` user.

The 10 submissions (5 per notebook) are built from the sample cases of tests/submissions/ (correct,
partly wrong, hostile); each must score exactly what its case says it is worth (``EXPECTED``, as in
test_sample_submissions.py), and report the problems it must. These tests do not need the graded batch of
conftest.py: `make test` runs them beside it.
"""

from __future__ import annotations

import csv
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from autograder.batch import autograde
from autograder.course import Course
from autograder.gradebook import graded as graded_in
from tests.support.grading_helpers import (
    CELL_TIMEOUT,
    ROOT,
    build_submission,
    free_port,
    load_case,
    start_dask,
    write_submission,
)

# Cases that grade in a few seconds each (the runaway ones are in the graded batch already), of two
# notebooks: every notebook is graded on a local Dask cluster by the graded batch (conftest.py), and
# each notebook more here would cost a reference grading per worker of every cluster these tests start.
# The first STUDENTS / 2 of each list are handed in: Initialization's hostile cases first (all of
# them are graded in the graded batch too), and for gradient checking a check that hands the
# student's own functions back to them (backward_wrong_variable_and_no_copy) and a course function (the L2 cost).
CASES = {
    "initialization": [
        "reference",
        "corrupt_file",
        "kernel_exit",
        "sandbox_escape",
        "patches_numpy_and_checks",
        "untouched",
        "other_assignment",
        "renamed_function",
        "edited_tests",
        "own_statistics_transposed_unscaled_xavier",
        "noisy",
        "hardcoded_visible",
    ],
    "gradient_checking": [
        "reference",
        "backward_wrong_variable_and_no_copy",
        "correct_unusual",
        "absolute_difference_and_one_sided",
        "gradient_order_and_fixed_numerical",
        "changes_parameters_and_fixed_bug_left_in",
    ],
}
CLUSTER_ASSIGNMENTS = sorted(CASES)
STUDENTS = 10


def submissions(course: Course, n: int = STUDENTS) -> dict[str, tuple[str, str]]:
    """Hand in ``n`` submissions; returns student -> (assignment, case)."""
    made = {}
    for i in range(n):
        assignment = CLUSTER_ASSIGNMENTS[i % len(CLUSTER_ASSIGNMENTS)]
        case = CASES[assignment][i // len(CLUSTER_ASSIGNMENTS) % len(CASES[assignment])]
        released = course.released_notebooks(assignment)[0]
        student = f"s{i:02d}-{case}"
        write_submission(
            course.root / "submitted" / student / assignment / released.name,
            build_submission(released, load_case(assignment, case)),
        )
        made[student] = (assignment, case)
    return made


def made_keys(made: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(student, assignment) of every submission ``submissions`` made."""
    return [(student, assignment) for student, (assignment, _) in made.items()]


def check_against_cases(scores, made) -> None:
    """Every submission graded once, each test scoring what its case says, the problems reported."""
    assert sorted(s.student for s in scores) == sorted(made), "every submission is graded, once"
    for score in scores:
        assignment, name = made[score.student]
        case = load_case(assignment, name)
        assert score.graded and score.max_score > 0, score.student
        for grade_id, (got, maximum) in score.tests.items():
            expected = 0 if case.all_zero else case.expected.get(grade_id, maximum)
            assert got == expected, f"{score.student}: {grade_id} scored {got}/{maximum}, expected {expected}"
        assert bool(score.problems) == bool(case.problems_must_contain), f"{score.student}: {score.problems}"
        for phrase in case.problems_must_contain:
            assert phrase in " ".join(score.problems), f"{score.student}: {score.problems} lacks {phrase!r}"


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    """A `dask scheduler` and two `dask worker` processes (no nanny: a killed worker stays dead)."""
    address, workers, stop = start_dask(
        2,
        logs=tmp_path_factory.mktemp("dask"),
        nanny=False,
        GRADING_CELL_TIMEOUT=str(CELL_TIMEOUT),
        DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="2",
    )  # the scheduler's own setting
    try:
        yield address, workers
    finally:
        stop()


@pytest.fixture(scope="module")
def cluster_batch(dask_cluster, tmp_path_factory):
    """The submissions graded on the scheduler's workers, one worker SIGKILLed mid-batch."""
    address, workers = dask_cluster
    course = Course.at(tmp_path_factory.mktemp("cluster-course"))
    course.release()
    made = submissions(course)
    result: dict = {}
    grading = threading.Thread(
        target=lambda: result.update(scores=autograde(course, scheduler=address, progress=False).scores)
    )
    grading.start()
    deadline = time.monotonic() + 600
    # Results are recorded as they come back: once a third is in, the rest is in flight or queued.
    while len(list((course.root / "autograded").glob("*/*/*.ipynb"))) < STUDENTS // 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    os.kill(workers[0].pid, signal.SIGKILL)
    killed_at = len(list((course.root / "autograded").glob("*/*/*.ipynb")))
    grading.join(timeout=900)
    assert not grading.is_alive(), "the batch did not finish after a worker was killed"
    return course, made, result["scores"], killed_at


def test_each_worker_of_a_scheduler_grades_with_the_settings_it_was_started_with(dask_cluster):
    """On a cluster the GRADING_* settings are those of each `dask worker`'s environment, not the
    coordinator's (autograder/README.md): the fixture started them with GRADING_CELL_TIMEOUT set."""
    from autograder import settings
    from autograder.cluster import Workers

    address, workers = dask_cluster
    assert settings.get("GRADING_CELL_TIMEOUT") != CELL_TIMEOUT, "this process must not have the workers' value"
    with Workers(scheduler=address) as pool:
        seen = pool.everywhere(settings.current, [()])
    assert len(seen) == len(workers)
    assert all(values == [{**settings.current(), "GRADING_CELL_TIMEOUT": CELL_TIMEOUT}] for values in seen.values()), (
        seen
    )


def test_a_killed_worker_loses_nothing(cluster_batch):
    course, made, scores, killed_at = cluster_batch
    assert 0 < killed_at < STUDENTS, "the worker must die mid-batch"
    check_against_cases(scores, made)


def exit_on_poison(value: str) -> str:
    """A task that kills the worker process running it, every time, when handed "poison"."""
    if value == "poison":
        os._exit(1)
    return value.upper()


def test_a_task_that_kills_every_worker_fails_alone():
    from distributed import KilledWorker

    from autograder.cluster import run_tasks

    seen = []
    results = run_tasks(
        exit_on_poison,
        [("a",), ("poison",), ("b",)],
        workers=2,
        progress=False,
        on_result=lambda i, result: seen.append(i),
    )
    assert results[0] == "A" and results[2] == "B"
    assert isinstance(results[1], KilledWorker), results[1]
    assert sorted(seen) == [0, 1, 2], "every result, the failure too, is handed over as it comes"


def test_a_killed_coordinator_resumes_without_regrading(tmp_path):
    """SIGKILL `python -m autograder autograde` mid-batch, run it again: it grades only what is
    missing, every grade is what its case is worth, and the gradebook has no duplicate rows."""
    course = Course.at(tmp_path / "course")
    course.release()
    made = submissions(course, 8)
    env = dict(os.environ, PYTHONPATH=str(ROOT), GRADING_CELL_TIMEOUT=str(CELL_TIMEOUT))
    first = subprocess.Popen(
        [sys.executable, "-m", "autograder", "--course-dir", str(course.root), "autograde", "--workers", "2"],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    done = lambda: graded_in(course.db_url)  # noqa: E731
    deadline = time.monotonic() + 600
    while len(done()) < 3 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.5)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    kept = set(done())
    assert 0 < len(kept) < len(made), "the coordinator must die mid-batch"
    files = {
        p: p.stat().st_mtime_ns
        for p in (course.root / "autograded").glob("*/*/*.ipynb")
        if (p.parent.parent.name, p.parent.name) in kept
    }

    result = autograde(course, workers=0, progress=False)
    scores = result.scores
    assert set(result.graded) == set(made_keys(made)) - kept and result.already == len(kept), (
        "what was done was graded again"
    )
    assert all(p.stat().st_mtime_ns == t for p, t in files.items()) and len(done()) == len(made)
    check_against_cases(scores, made)
    import sqlite3

    with sqlite3.connect(course.root / "gradebook.db") as db:
        assert db.execute("SELECT COUNT(*) FROM submitted_assignment").fetchone()[0] == len(made)
        assert db.execute("SELECT COUNT(*) FROM grade").fetchone()[0] == sum(len(s.tests) for s in scores)


@pytest.fixture(scope="module")
def postgres():
    """A throwaway PostgreSQL server on a free port: (SQLAlchemy URL, stop())."""
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if os.geteuid() != 0 or not binaries or shutil.which("runuser") is None:
        pytest.skip("needs root and Debian's postgresql package (make test installs it)")
    bindir = Path(binaries[-1]).parent
    data = Path(tempfile.mkdtemp(prefix="pg-"))  # under /tmp: the postgres user can reach it
    shutil.chown(data, "postgres", "postgres")
    port = free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_postgres, str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres", "--no-sync"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_postgres,
            str(bindir / "pg_ctl"),
            "-D",
            str(data / "db"),
            "-l",
            str(data / "log"),
            "-w",
            "-o",
            f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        connection.autocommit = True
        connection.cursor().execute("CREATE DATABASE gradebook")
        connection.close()
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(
            [*as_postgres, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(data, ignore_errors=True)


def rows(path: Path) -> list[dict]:
    with open(path) as f:
        return sorted(csv.DictReader(f), key=lambda r: (r["assignment"], r["student_id"]))


def test_postgresql_gradebook_holds_the_same_grades(cluster_batch, postgres, tmp_path):
    """The course moves from its trial gradebook (SQLite) to PostgreSQL, with release/, autograded/
    and every other file kept: the new database gets the assignment by itself and every submission
    is graded again, with the same grades; a second run changes nothing."""
    sqlite_course, made, _, _ = cluster_batch
    sqlite_rows = rows(sqlite_course.export_grades(tmp_path / "sqlite.csv"))
    course = Course.at(sqlite_course.root, gradebook_url=postgres)
    result = autograde(course, progress=False)  # the default: a local cluster, one worker per core
    assert sorted(result.graded) == sorted(made_keys(made)) and not result.faults
    scores = result.scores
    check_against_cases(scores, made)
    exported = rows(course.export_grades(tmp_path / "pg.csv"))
    # The new gradebook holds the assignments it graded (the trial one every assignment released)
    assert exported == [r for r in sqlite_rows if r["assignment"] in CLUSTER_ASSIGNMENTS]
    assert len(exported) == STUDENTS * len(CLUSTER_ASSIGNMENTS)  # nbgrader: a row per student and assignment

    before = _grade_rows(postgres)
    again = autograde(course, progress=False)  # nothing changed: nothing is graded again
    assert again.graded == [] and again.already == STUDENTS
    assert [(s.student, s.tests) for s in again.scores] == [(s.student, s.tests) for s in scores]
    assert rows(course.export_grades(tmp_path / "pg-again.csv")) == exported
    assert _grade_rows(postgres) == before, "a re-run must not add or change rows"
    # The class report reads PostgreSQL's records ("function" and "text" are keywords there) as SQLite's.
    from autograder import report

    in_postgres, in_sqlite = report.gather(postgres), report.gather(sqlite_course.db_url)
    assert in_postgres.totals == {a: v for a, v in in_sqlite.totals.items() if a in CLUSTER_ASSIGNMENTS}
    assert in_postgres.functions == {a: v for a, v in in_sqlite.functions.items() if a in CLUSTER_ASSIGNMENTS}


def _grade_rows(url: str) -> list[tuple]:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    with engine.connect() as connection:
        result = connection.execute(
            sqlalchemy.text("SELECT id, auto_score, manual_score FROM grade ORDER BY id")
        ).fetchall()
    engine.dispose()
    return [tuple(r) for r in result]
