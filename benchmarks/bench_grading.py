"""How fast a class is graded on this machine, and what a cluster would take.

    python benchmarks/bench_grading.py [--submissions 50] [--modes plain,serial,1,2,scheduler] [--no-never-returns]
    python benchmarks/bench_grading.py --modes ""     # only the single submissions: never-returning, reference

Grades the same generated submissions (the sample cases of tests/submissions/: correct, partly
wrong, hostile, cycled across every notebook that has cases) with the modes below. Two kinds of
case stay out of the batch: those only the sandbox contains (UNSANDBOXED_HARM: plain nbgrader runs
a submission as the instructor, and they would write into this checkout and /tmp), and code that
never returns (NEVER_RETURNS: one costs a cell timeout, a minute
against seconds: a batch of 50 holding one or two would be as long as they are, whatever the number
of workers). That one is timed alone instead, against its target: one cell timeout, then the
function is skipped wherever it is called (within 90 s with the 60 s timeout). The modes:

- plain  : plain `nbgrader autograde`, serial, nbgrader's defaults (no intake, sandbox or checks);
- serial : this grader in one process (`make autograde WORKERS=0`);
- 1, 2   : this grader on a local Dask cluster of 1 or 2 worker processes;
- scheduler : this grader on a `dask scheduler` with two `dask worker` processes on 127.0.0.1.

Then the per-submission floor (a reference submission graded by a worker, against its target of
3 s, less the cells grading runs, on a plain kernel: the demonstrations tagged skip-in-grading are
not run), every other notebook's reference graded the same way, and a projection of the wall time
for 1,000 students x 6 notebooks (each at its reference's time) on 16, 64 and 256 workers (target:
under 10 minutes on 64). Prints its figures; asserts nothing.

Measured on a 2-core development machine (2026-11-25, 50 submissions): plain nbgrader
388.5 s (7.7/min); this grader serial 349.2 s (8.6/min), 1 local worker 351.8 s, 2 local workers
195.2 s (15.4/min: 1.99x plain nbgrader, 1.79x this grader serial), dask scheduler + 2 workers
197.1 s; code that never returns, alone 245.6 s (a cell timeout per cell that called it); floor
about 2 s of the 8.2 s of a reference submission.
2026-12-01, on a machine about 3x slower (the reference notebook's cells: 21.0 s, 6.2 s before):
code that never returns, graded alone by a worker 74.8 s (one 60 s cell timeout, then its function
is skipped; target 90 s); a reference submission 23.1 s. Then with the demonstrations skipped
(skip-in-grading): never returns 67.4 s; a reference submission 6.8 s (target 3 s, not met here:
its graded cells take 1.2 s, nbgrader, intake, sandbox and checks 5.6 s); 6,000 runs on 64
workers 10.6 min (target under 10).
2026-12-02, the same machine: a reference submission of tensorflow, graded alone by one worker, 25.9 to
32.3 s (target 20 s: TensorFlow's import takes 5.6 to 7 s here against 3.4 s where the target was
set, and grading imported it twice in a row, in the kernel and then in the process that serves the
student's functions to the checks re-run outside the kernel; its cells alone take 11.6 to 16.4 s).
Later that day, with TensorFlow's import at 10.3 s (3x the 3.4 s): 36.0 and 40.1 s before; 18.7,
21.4, 21.5, 22.3, 22.4 s once the student's process starts before the kernel (StartStudentProcess:
its import overlaps the kernel's) and the digits' loading is skip-in-grading. Of those, the kernel
run takes 14 to 18 s (its import, then train_model's test: three trainings, each a tf.function
trace of about 1 s), the tests re-run outside the kernel 4.3 s (train_model's 3 s).
Then with the instructor's imports preloaded in the warm nbgrader process (warm._preload: the
outside-kernel step ran the setup cell's imports, pyplot's above all, for every submission), one
worker, each notebook's reference: initialization 3.1 s (3.4-3.8 s in other runs; 6.8 s the day
before), gradient_checking 4.1 s, optimization 6.6 s, regularization 5.8 s, tensorflow 18.7 s (its
import 6.5 s here), tuning_batchnorm 8.0 s. The projection now takes each notebook at its own
reference's time (it took Initialization's for all six): 7.7 s a run on average, 12.1 min on 64
workers (target 10 min; about 4 min on the machine where the Initialization figures were 3.4x faster).
An hour later, the same machine running faster (TensorFlow's import 4.5 s instead of 6.5-10.3 s):
initialization 2.9 s (target 3 s; its cells 0.7 s, kernel start 0.6 s), gradient_checking 3.1 s,
optimization 3.7 s, regularization 3.1 s, tensorflow 10.8 s (10.95, 11.5, 12.5 s in three more runs;
target 20 s), tuning_batchnorm 4.2 s; projection 4.6 s a run, 7.2 min on 64 workers (target 10).
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the repository root, where tests.support is

from autograder import settings  # noqa: E402
from autograder.batch import autograde  # noqa: E402
from autograder.course import NOTEBOOKS, Course  # noqa: E402
from autograder.preprocessors import SKIP_IN_GRADING  # noqa: E402
from tests.support.grading_helpers import (  # noqa: E402
    ASSIGNMENTS,
    build_submission,
    case_names,
    load_case,
    start_dask,
    submission_bytes,
    write_submission,
)

BIN = Path(sys.executable).parent
# cases that only the sandbox keeps off the instructor's files; plain nbgrader would let them write
UNSANDBOXED_HARM = {"sandbox_escape"}
NEVER_RETURNS_CASE = "infinite_loop"
NEVER_RETURNS = {NEVER_RETURNS_CASE}
NEVER_RETURNS_TARGET = 90  # seconds: one cell timeout, then the function is skipped wherever it is called
CELL_TIMEOUT = settings.get("GRADING_CELL_TIMEOUT")
REFERENCE_TARGET = 3  # seconds to grade one Initialization submission on one worker
PROJECTION_TARGET = 10  # minutes for 1,000 students x 6 notebooks on 64 workers
NOTEBOOK_TARGETS = {"tensorflow": 20}  # seconds to grade one submission of a notebook on one worker (its issue)
TENSORFLOW_IMPORT_WHERE_SET = 3.4  # seconds TensorFlow took to import on the machine that target was set on


def batch_cases() -> list[tuple[str, str]]:
    return [(a, c) for a in ASSIGNMENTS for c in case_names(a) if c not in UNSANDBOXED_HARM | NEVER_RETURNS]


def make_course(folder: Path, n: int, cases: list[tuple[str, str]]) -> Course:
    course = Course.at(folder)
    course.release()
    for i, (assignment, case) in zip(range(n), itertools.cycle(cases)):
        released = course.released_notebooks(assignment)[0]
        write_submission(
            course.root / "submitted" / f"s{i:03d}-{case}" / assignment / released.name,
            build_submission(released, load_case(assignment, case)),
        )
    return course


def plain_nbgrader(folder: Path, submitted: Path) -> float:
    """Seconds for plain nbgrader to autograde ``submitted`` serially, with its default config."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        f"c.CourseDirectory.source_directory = {str(NOTEBOOKS)!r}\n"
        "c.ExecutePreprocessor.timeout = 60\n"
    )
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "nbgrader", *args], cwd=folder, env=env, capture_output=True, text=True
        )

    assignments = sorted({p.parent.name for p in submitted.glob("*/*/*.ipynb")})
    for assignment in assignments:
        run("generate_assignment", assignment, "--force")
    shutil.copytree(submitted, folder / "submitted")
    start = time.perf_counter()
    for assignment in assignments:
        run("autograde", assignment, "--create", "--force")
    return time.perf_counter() - start


def tensorflow_import_seconds() -> float:
    """Seconds a fresh process takes to import TensorFlow and make a variable: how fast this machine
    is at the step that dominates grading a TensorFlow notebook."""
    code = "import time; t = time.perf_counter(); import tensorflow as tf; tf.Variable(1.0); print(time.perf_counter() - t)"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2"),
    )
    return float(run.stdout.split()[-1])


def floor_seconds(assignment: str) -> tuple[float, float]:
    """(kernel start, the cells grading runs) for the reference solution of ``assignment``, on a
    plain kernel: every cell but the demonstrations tagged ``skip-in-grading``."""
    source = next((NOTEBOOKS / assignment).glob("*.ipynb"))
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        skip_cells_with_tag=SKIP_IN_GRADING,
        resources={"metadata": {"path": str(source.parent)}},
    )
    start = time.perf_counter()
    with client.setup_kernel():
        started = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        done = time.perf_counter()
    return started - start, done - started


def case_seconds(assignment: str, case: str = "reference") -> float:
    """Seconds to grade one sample case in this process, as a worker does (after the worker's
    first run: its private course made, its check that it can grade done)."""
    from autograder.worker import can_grade, grade_task, private_course

    released = private_course(assignment).released_notebooks(assignment)[0]
    files = {released.name: submission_bytes(build_submission(released, load_case(assignment, case)))}
    assert can_grade(assignment) is None, can_grade(assignment)
    start = time.perf_counter()
    outcome = grade_task(assignment, case, files)
    assert outcome["fault"] is None, outcome
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=50)
    parser.add_argument("--modes", default="plain,serial,1,2,scheduler")
    parser.add_argument(
        "--never-returns",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time one submission that never returns, alone",
    )
    args = parser.parse_args()
    n = args.submissions
    seconds: dict[str, float] = {}
    for mode in filter(None, args.modes.split(",")):  # --modes "" times only the single submissions below
        with tempfile.TemporaryDirectory() as tmp:
            course = make_course(Path(tmp) / "course", n, batch_cases())
            if mode == "plain":
                label = "plain nbgrader autograde, serial"
                seconds[mode] = plain_nbgrader(Path(tmp) / "plain", course.root / "submitted")
            elif mode == "scheduler":
                label = "this grader, dask scheduler + 2 workers"
                address, _, stop = start_dask(2)
                try:
                    start = time.perf_counter()
                    autograde(course, scheduler=address, progress=False)
                    seconds[mode] = time.perf_counter() - start
                finally:
                    stop()
            else:
                workers = 0 if mode == "serial" else int(mode)
                label = (
                    "this grader, serial in one process" if workers == 0 else f"this grader, local cluster x{workers}"
                )
                start = time.perf_counter()
                autograde(course, workers=workers, progress=False)  # includes starting the cluster
                seconds[mode] = time.perf_counter() - start
        print(
            f"{label:42s} {n} submissions in {seconds[mode]:7.1f} s = {60 * n / seconds[mode]:5.1f} per minute",
            flush=True,
        )
    base = seconds.get("serial") or seconds.get("1")
    for mode in ("1", "2", "scheduler"):
        if base and mode in seconds and mode != "1":
            print(f"speed-up of {mode} over this grader serial: {base / seconds[mode]:.2f}x")
        if "plain" in seconds and mode in seconds:
            print(f"speed-up of {mode} over plain nbgrader serial: {seconds['plain'] / seconds[mode]:.2f}x")
    if "plain" in seconds and base:
        print(
            f"time of this grader serial (intake, sandbox, out-of-kernel checks included) over plain nbgrader's: "
            f"{base / seconds['plain']:.2f}x"
        )
    if args.never_returns:
        for assignment in sorted({a for a, _ in batch_cases()}):
            if NEVER_RETURNS_CASE in case_names(assignment):
                took = case_seconds(assignment, NEVER_RETURNS_CASE)
                print(
                    f"one submission whose code never returns ({assignment}), graded alone by a worker: {took:.1f} s "
                    f"(target: within {NEVER_RETURNS_TARGET} s; cell timeout {CELL_TIMEOUT} s)",
                    flush=True,
                )

    kernel, cells = floor_seconds("initialization")
    graded = case_seconds("initialization")
    per_submission = (base or next(iter(seconds.values()), graded * n)) / n
    print(
        f"a reference submission of initialization, graded alone by one worker: {graded:.1f} s "
        f"(target: at most {REFERENCE_TARGET} s); per submission of the batch: {per_submission:.1f} s. "
        f"Its cells that grading runs take {cells:.1f} s (on a plain kernel, started in {kernel:.1f} s), "
        f"so nbgrader, intake, sandbox and checks add {graded - cells:.1f} s = {(graded - cells) / graded:.0%}"
    )
    each_notebook = {"initialization": graded}
    for assignment in sorted(p.name for p in NOTEBOOKS.iterdir() if p.is_dir() and p.name != "initialization"):
        took = each_notebook[assignment] = case_seconds(assignment)
        target = f" (target: at most {NOTEBOOK_TARGETS[assignment]} s)" if assignment in NOTEBOOK_TARGETS else ""
        if assignment == "tensorflow":
            target += (
                f"; TensorFlow's import takes {tensorflow_import_seconds():.1f} s here, "
                f"{TENSORFLOW_IMPORT_WHERE_SET} s where the target was set"
            )
        print(f"a reference submission of {assignment}, graded alone by one worker: {took:.1f} s{target}", flush=True)
    # Most of a class hands in work that runs to the end: each notebook costs what its reference does.
    runs, each = 1000 * len(each_notebook), sum(each_notebook.values()) / len(each_notebook)
    print(
        f"projection, 1,000 students x {len(each_notebook)} notebooks = {runs} runs at {each:.1f} s each on average "
        f"(each notebook at its reference's time; none never returns; target on 64 workers: under {PROJECTION_TARGET} min):"
    )
    for workers in (16, 64, 256):
        wall = math.ceil(runs / workers) * each
        print(f"  {workers:4d} workers: {wall / 60:6.1f} min ({wall / 3600:.2f} h)")


if __name__ == "__main__":
    main()
