"""Building submitted notebooks from sample submissions kept as plain Python under
tests/submissions/<assignment>/<case>.py, and tests/submissions/hostile/<case>.py: what real
submissions do to a grader (code that never returns, crashes, patches the checks or tries to get out
of the sandbox; corrupt, empty, edited or odd files), each handed in for the Initialization
notebook (``HOSTILE_ASSIGNMENT``), whose functions its answers are.

A case file is "the student's answers": the functions it defines replace the solution cells
whose nbgrader grade_id is the function's name (with the file's imports), in the released
notebook; every other solution cell gets the reference answer, so a case states only its mistake. Two cases need no file: ``reference`` (the source notebook's own solutions) and
``untouched`` (the release as handed out; graded for the first assignment only).

A case file may also define ``PREPEND`` and ``APPEND``, ``{grade_id: code}`` typed above or below
the answer in that solution cell (code that runs when the student's cell runs), and ``transform(nb)``, applied
last, which returns the notebook or the raw bytes to hand in (a corrupt file, an old format, cells deleted or reordered). Its module-level
``EXPECTED`` gives the score of each test that does not get full marks (or ``"all zero"``),
``PROBLEMS_MUST_CONTAIN`` what the summary must report and ``FEEDBACK_MUST_CONTAIN`` what the
student's feedback must say (``{CELL_TIMEOUT}`` in them stands for the tests' cell timeout).
"""

from __future__ import annotations

import ast
import os
import runpy
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat

from autograder import cells

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = Path(__file__).resolve().parents[1] / "submissions"
HOSTILE, HOSTILE_ASSIGNMENT = SUBMISSIONS / "hostile", "initialization"
# The cell timeout the tests grade with (GRADING_CELL_TIMEOUT; 60 s by default). The slowest honest
# cell takes 1.5 to 4 s on an idle 2-core machine, and two to three times that when the machine is
# busy (make test's two groups with two CPU-bound processes beside them: make test-under-load); each
# runaway case waits for it once. A case's expected messages write it {CELL_TIMEOUT}.
CELL_TIMEOUT = 30
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
REGIONS = {"solution": MARKERS, "hidden test": ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")}  # nbgrader's


def region_lines(source: str) -> tuple[dict[str, list[str]], list[str]]:
    """The stripped lines of ``source`` inside each kind of nbgrader region (``REGIONS``), and the
    lines outside them (the markers left out)."""
    inside, regions, outside = None, {kind: [] for kind in REGIONS}, []
    for line in source.splitlines():
        stripped = line.strip()
        begin = next((kind for kind, (start, _) in REGIONS.items() if stripped.startswith(start)), None)
        if begin:
            inside = begin
        elif inside and stripped.startswith(REGIONS[inside][1]):
            inside = None
        else:
            (regions[inside] if inside else outside).append(stripped)
    return regions, outside


def source_notebook(assignment: str) -> Path:
    return next((ROOT / "notebooks" / assignment).glob("*.ipynb"))


def reference_answers(assignment: str) -> dict[str, str]:
    """grade_id -> the source's solution cell with the solution markers removed."""
    nb = nbformat.read(source_notebook(assignment), as_version=4)
    return {
        grade_id: "\n".join(line for line in c.source.splitlines() if line.strip() not in MARKERS)
        for grade_id, c in cells.solution_cells(nb).items()
    }


@dataclass
class Case:
    """One sample submission and what grading it must give."""

    name: str
    answers: dict[str, str]  # grade_id -> cell source
    expected: dict[str, float] = field(default_factory=dict)  # grade_id -> score; the rest full marks
    feedback_must_contain: list[str] = field(default_factory=list)
    problems_must_contain: list[str] = field(default_factory=list)
    all_zero: bool = False
    transform: Callable | None = None
    prepend: dict[str, str] = field(default_factory=dict)  # grade_id -> code above the answer
    append: dict[str, str] = field(default_factory=dict)  # grade_id -> code below the answer


def sample_function(assignment: str, case: str, function: str, names: dict | None = None) -> Callable:
    """The function ``function`` of the sample submission ``case``, defined with ``names`` (what the
    notebook's setup cell would give it): the unit tests of the checks reuse the samples' unusual
    but correct answers instead of writing them again."""
    namespace = dict(names or {})
    path = case_file(assignment, case)
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    return namespace[function]


def case_files(assignment: str) -> list[Path]:
    """The sample files handed in for ``assignment``: its folder's, and for HOSTILE_ASSIGNMENT the hostile ones."""
    return [
        *(SUBMISSIONS / assignment).glob("*.py"),
        *(HOSTILE.glob("*.py") if assignment == HOSTILE_ASSIGNMENT else []),
    ]


def case_file(assignment: str, name: str) -> Path:
    """The file of the sample case ``name`` handed in for ``assignment`` (one: a hostile case may not
    share its name with one of the assignment's own)."""
    [path] = [p for p in case_files(assignment) if p.stem == name]
    return path


def load_case(assignment: str, name: str) -> Case:
    if name == "reference":
        return Case(name, reference_answers(assignment))
    if name == "untouched":
        return Case(name, {}, all_zero=True)
    path = case_file(assignment, name)
    text = path.read_text()
    tree = ast.parse(text)
    imports = "\n".join(
        ast.get_source_segment(text, n) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
    )
    answers = reference_answers(assignment)
    answers |= {
        n.name: (imports + "\n\n\n" if imports else "") + ast.get_source_segment(text, n)
        for n in tree.body
        if isinstance(n, ast.FunctionDef) and n.name != "transform"
    }
    module = runpy.run_path(str(path))
    expected = module.get("EXPECTED", {})

    def phrases(key: str) -> list[str]:
        return [phrase.replace("{CELL_TIMEOUT}", str(CELL_TIMEOUT)) for phrase in module.get(key, [])]

    return Case(
        name,
        answers,
        {} if expected == "all zero" else dict(expected),
        phrases("FEEDBACK_MUST_CONTAIN"),
        phrases("PROBLEMS_MUST_CONTAIN"),
        expected == "all zero",
        module.get("transform"),
        dict(module.get("PREPEND", {})),
        dict(module.get("APPEND", {})),
    )


def case_names(assignment: str) -> list[str]:
    """The reference, the sample files, and for the first assignment the release as handed out: the
    other releases are executed by tests/grading/test_release.py, where every test must say "not written yet"."""
    untouched = ["untouched"] if assignment == ASSIGNMENTS[0] else []
    return ["reference", *untouched] + sorted(p.stem for p in case_files(assignment))


ASSIGNMENTS = sorted(p.name for p in SUBMISSIONS.iterdir() if p.is_dir() and p != HOSTILE)
CASES = [(a, name) for a in ASSIGNMENTS for name in case_names(a)]  # every (assignment, case)


def build_submission(released: Path, case: Case) -> nbformat.NotebookNode | bytes:
    """The released notebook with the case's answers typed into its solution cells (then the
    case's ``transform``, if any)."""
    nb = nbformat.read(released, as_version=4)
    for cell in nb.cells:
        grade_id = cells.grade_id(cell)
        if cells.is_solution(cell) and grade_id in case.answers:
            cell.source = case.answers[grade_id]
        if grade_id in case.prepend:
            cell.source = case.prepend[grade_id] + "\n" + cell.source
        if grade_id in case.append:
            cell.source = cell.source + "\n" + case.append[grade_id]
    return case.transform(nb) if case.transform else nb


def submission_bytes(content: nbformat.NotebookNode | bytes) -> bytes:
    """What the student hands in, as the file's bytes."""
    return content if isinstance(content, bytes) else nbformat.writes(content).encode()


def write_submission(target: Path, content: nbformat.NotebookNode | bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(submission_bytes(content))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dask(workers: int, logs: Path | None = None, nanny: bool = True, **env: str):
    """A `dask scheduler` and ``workers`` `dask worker` processes on 127.0.0.1, as an instructor
    would start them (``env`` added to their environment). Returns (address, worker processes,
    stop); stop() kills them all. Without a nanny a killed worker stays dead."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    bin_dir = Path(sys.executable).parent
    environment = dict(os.environ, PYTHONPATH=str(ROOT), **env)

    def start(name: str, *args: str) -> subprocess.Popen:
        output = open(logs / f"{name}.log", "w") if logs else subprocess.DEVNULL
        return subprocess.Popen(
            [str(bin_dir / "dask"), *args, "--no-dashboard"],
            env=environment,
            cwd=ROOT,
            start_new_session=True,
            stdout=output,
            stderr=subprocess.STDOUT,
        )

    processes = [start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1])]
    processes += [
        start(
            f"worker{i}",
            "worker",
            address,
            "--nthreads",
            "1",
            "--memory-limit",
            "0",
            "--name",
            f"worker{i}",
            *([] if nanny else ["--no-nanny"]),
        )
        for i in range(workers)
    ]

    def stop() -> None:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
    except BaseException:
        stop()
        raise
    return address, processes[1:], stop
