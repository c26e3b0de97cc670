"""How long the class report takes for a large class (target: seconds for 1,000 graded submissions).

    python benchmarks/bench_report.py [--submissions 1000 6000]

Fills a fresh SQLite gradebook with the grader's records of N graded submissions, spread over
the course's notebooks (their real tests and points, read from notebooks/): each test passes, or
fails with one of four classic mistakes of its function (numbers in the hint vary, as the layer or
shape a check names does), or was not written, or timed out; a few submissions carry intake notes.
Then times ``report.gather`` (reading and grouping) and ``report.write`` (the HTML page with its
charts, and the CSV files). Prints its figures; asserts nothing.

Measured on a 2-core machine (2026-12-02, about 2-3x slower than the one the grading figures came
from): 1,000 submissions (5,999 test records) 0.18 s to gather, 3.26 s to write (matplotlib's first
import included); 6,000 (1,000 students x 6 notebooks, 36,000 records) 1.25 s and 2.49 s; 144
distinct mistakes, a 342-463 kB page.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder import gradebook, report  # noqa: E402
from autograder.cells import grade_id, graded_tests, points  # noqa: E402
from autograder.course import COURSE_ID, NOTEBOOKS  # noqa: E402

MISTAKES = ("the square root is missing", "fan-out instead of fan-in", "transposed", "epsilon outside the root")


def course_tests() -> dict[str, list[tuple[str, float]]]:
    """assignment -> [(test grade_id, points)] of its source notebook."""
    found = {}
    for source in sorted(NOTEBOOKS.glob("*/*.ipynb")):
        notebook = nbformat.read(source, as_version=4)
        found[source.parent.name] = [(grade_id(c), points(c)) for c in graded_tests(notebook)]
    return found


def fill(url: str, submissions: int, seed: int = 0) -> int:
    """Write ``submissions`` graded submissions' records into the gradebook at ``url``; returns the
    number of test records."""
    rng = random.Random(seed)
    engine = sa.create_engine(url)
    for table in (gradebook.GRADED, gradebook.TESTS, gradebook.EVENTS):
        table.create(engine, checkfirst=True)
    tests = course_tests()
    assignments = sorted(tests)
    graded, rows, events = [], [], []
    now = datetime.datetime.now()
    for number in range(submissions):
        assignment = assignments[number % len(assignments)]
        student = f"s{number // len(assignments):05d}"
        graded.append(
            dict(
                course_id=COURSE_ID,
                student_id=student,
                assignment=assignment,
                fingerprint="x" * 64,
                problems="[]",
                graded_at=now,
            )
        )
        for test, test_points in tests[assignment]:
            function, draw = test.removeprefix("test_"), rng.random()
            kind, problem, hint, score = "passed", "", "", test_points
            if draw < 0.25:
                layer = rng.randint(1, 3)
                kind, score = "failed", 0.0
                problem = f"W{layer} has wrong values (first big difference at index ({rng.randint(0, 9)}, {rng.randint(0, 9)}))."
                hint = f"{rng.choice(MISTAKES)} in {function}: in layer {layer}, shape ({rng.randint(2, 9)}, 1)."
            elif draw < 0.35:
                kind, score, problem = "not written", 0.0, "not written yet."
            elif draw < 0.37:
                kind, score, problem = "timed out", 0.0, f"`{function}` did not return within 60 s: an infinite loop?"
            rows.append(
                dict(
                    course_id=COURSE_ID,
                    student_id=student,
                    assignment=assignment,
                    notebook=assignment,
                    test=test,
                    function=function,
                    score=score,
                    max_score=points,
                    kind=kind,
                    problem=problem,
                    hint=hint,
                    mistake=hint or (problem if kind == "failed" else ""),
                )
            )
        if rng.random() < 0.05:
            events.append(
                dict(
                    course_id=COURSE_ID,
                    student_id=student,
                    assignment=assignment,
                    kind="intake",
                    text="the answer cell for f had lost its grading metadata; it was found by its function name",
                )
            )
    with engine.begin() as connection:
        connection.execute(sa.insert(gradebook.GRADED), graded)
        connection.execute(sa.insert(gradebook.TESTS), rows)
        if events:
            connection.execute(sa.insert(gradebook.EVENTS), events)
    engine.dispose()
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, nargs="+", default=[1000, 6000])
    args = parser.parse_args()
    for n in args.submissions:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/gradebook.db"
            count = fill(url, n)
            start = time.perf_counter()
            gathered = report.gather(url)
            middle = time.perf_counter()
            page = report.write(gathered, Path(tmp) / "reports")
            end = time.perf_counter()
            mistakes = sum(len(f.mistakes) for summaries in gathered.functions.values() for f in summaries)
            print(
                f"{n} graded submissions ({count} test records): gather {middle - start:.2f} s, write {end - middle:.2f} s "
                f"(HTML {page.stat().st_size / 1e3:.0f} kB, {mistakes} distinct mistakes); total {end - start:.2f} s "
                "(target: seconds)",
                flush=True,
            )


if __name__ == "__main__":
    main()
