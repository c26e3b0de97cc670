"""Seconds to execute each source notebook top to bottom, and to autograde one submission of it.

    python benchmarks/bench_notebooks.py [--repeat N] [--only ASSIGNMENT ...]

Prints a table; nothing is asserted (targets live in the issues, figures in the commit notes).
Targets to execute on 2 cores: Initialization under 20 s, Regularization under 30 s, Gradient_Checking under 20 s,
Optimization under 45 s, Tuning_and_Batch_Norm under 60 s, TensorFlow_Introduction under 60 s (TensorFlow's
import included).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the repository root, where tests.support is

from autograder.course import Course  # noqa: E402
from tests.support.grading_helpers import build_submission, load_case  # noqa: E402


def execute_seconds(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def autograde_seconds(course: Course, assignment: str, student: str) -> float:
    start = time.perf_counter()
    course.nbgrader("autograde", assignment, f"--student={student}", "--create", "--force")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="+", metavar="ASSIGNMENT", help="these assignments (or the playground) alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        course = Course.at(Path(tmp) / "course")
        course.release()
        print(f"{'notebook':24s} {'execute (s)':>12s} {'autograde one (s)':>18s}   median of {args.repeat}")

        def wanted(name: str) -> bool:
            return args.only is None or name in args.only

        for assignment in filter(wanted, course.assignments()):
            for source in sorted((ROOT / "notebooks" / assignment).glob("*.ipynb")):
                released = course.root / "release" / assignment / source.name
                target = course.root / "submitted" / "bench" / assignment / source.name
                target.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(build_submission(released, load_case(assignment, "reference")), target)
                executed = [execute_seconds(source) for _ in range(args.repeat)]
                graded = [autograde_seconds(course, assignment, "bench") for _ in range(args.repeat)]
                print(f"{source.stem:24s} {statistics.median(executed):12.1f} {statistics.median(graded):18.1f}")
        for name in filter(wanted, course.ungraded()):  # the playground: executed, never graded
            for source in sorted((ROOT / "notebooks" / name).glob("*.ipynb")):
                executed = [execute_seconds(source) for _ in range(args.repeat)]
                print(f"{source.stem:24s} {statistics.median(executed):12.1f} {'(ungraded)':>18s}")


if __name__ == "__main__":
    main()
