"""Submissions autograded per minute on this machine: serially and on a local Dask cluster, and
how much of each grading is fixed overhead (nbgrader, kernel start, the notebook's own cells)
rather than the student's code.

    python benchmarks/bench_grading.py [--submissions 50] [--workers 2]

The submissions are generated from the sample cases in tests/submissions/ (correct, partly
wrong, hostile), cycled across every notebook that has cases. Prints its figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from autograder.course import Course  # noqa: E402
from grading_helpers import build_submission, case_names, load_case, write_submission  # noqa: E402


def make_course(folder: Path, n: int) -> Course:
    course = Course.at(folder)
    course.release()
    assignments = sorted(p.name for p in (ROOT / "tests" / "submissions").iterdir() if p.is_dir())
    cases = itertools.cycle([(a, c) for a in assignments for c in case_names(a)])
    for i, (assignment, case) in zip(range(n), cases):
        released = course.released_notebooks(assignment)[0]
        write_submission(course.root / "submitted" / f"s{i:03d}-{case}" / assignment / released.name,
                         build_submission(released, load_case(assignment, case)))
    return course


def code_seconds(assignment: str) -> tuple[float, float]:
    """(kernel start, time spent running the cells) for the reference solution of ``assignment``."""
    source = next((ROOT / "notebooks" / assignment).glob("*.ipynb"))
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(source.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        started = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        done = time.perf_counter()
    return started - start, done - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    figures = {}
    for label, workers in (("serial (this process)", 0), (f"local Dask cluster, {args.workers} workers", args.workers)):
        with tempfile.TemporaryDirectory() as tmp:
            course = make_course(Path(tmp), args.submissions)
            start = time.perf_counter()
            scores = course.autograde(workers=workers, progress=False)
            seconds = time.perf_counter() - start
            figures[label] = seconds
            print(f"{label:34s} {len(scores)} submissions in {seconds:6.1f} s = {60 * len(scores) / seconds:5.1f} per minute")
    serial, parallel = figures.values()
    print(f"speed-up: {serial / parallel:.2f}x")
    per_submission = serial / args.submissions
    kernel, cells = code_seconds("initialization")
    print(f"per submission (serial): {per_submission:.1f} s, of which the reference notebook's cells take {cells:.1f} s "
          f"and a kernel start {kernel:.1f} s; the rest, {per_submission - cells - kernel:.1f} s "
          f"({(per_submission - cells) / per_submission:.0%} with the kernel start), is nbgrader, intake and the "
          f"out-of-kernel verification")


if __name__ == "__main__":
    main()
