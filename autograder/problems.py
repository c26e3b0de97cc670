"""What went wrong while grading a submission, said so that an instructor can act on it.

Two kinds of problem, never mixed up:

- **the student's** (code that never returns, a crash, a corrupt file, a notebook that ran past
  the run timeout): the submission is graded, its scores are recorded, and the summary table and
  the feedback say what happened, naming the function;
- **the grader's** (the grading kernel could not start, nbgrader itself crashed, a worker was
  lost): nothing is recorded, so no student gets a zero for it; ``make autograde`` lists it,
  exits non-zero, and the next run grades that submission again.

Nothing here imports the rest of the package but ``cells`` (which imports nothing): the worker,
the coordinator and the grading steps inside nbgrader all use it.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from . import cells

# Error names of the outputs that the grading steps (preprocessors.py) give to cells; the feedback
# shows them, and ``from_notebook`` turns them into lines of the summary table.
TIMED_OUT = "TimedOut"  # a cell ran past the cell timeout
KERNEL_DIED = "KernelDied"  # a cell killed the kernel, or left it unable to answer
SKIPPED = "Skipped"  # a call to a function that had timed out or killed the kernel before
NOT_RUN = "NotRun"  # the kernel died too often: grading gave up on the rest of the notebook
OWN_ERRORS = (TIMED_OUT, KERNEL_DIED, SKIPPED, NOT_RUN)
# The end of the message of a test that passed in the kernel and failed when re-run outside it
# (preprocessors.VerifyOutsideKernel); records.py recognises such a failure by it.
OUTSIDE_KERNEL_NOTE = (
    "(This test failed when run outside your notebook's kernel: grading calls your functions in a "
    "separate process and checks their results with untouched libraries.)"
)

RUN_TIMEOUT_MARK = "GradingTimeout"  # what the grader appends to a log when it stopped a whole run

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_KERNEL_START = (
    "Kernel died before replying to kernel_info",
    "Kernel didn't respond",
    "No such kernel named",
    "grading kernel: refusing to start",
)
_NOISE = ("Please see the the above traceback", "Please see the above traceback", "There was an error processing")


def plain(text: str) -> str:
    """``text`` without terminal colours."""
    return _ANSI.sub("", text)


def exceptions_in(log: str) -> list[tuple[str, str, str]]:
    """Every Python traceback of ``log``, in order: ``(exception, first line of its message,
    where)``, where is ``file:line in function`` of the innermost frame."""
    lines = plain(log).splitlines()
    starts = [i for i, line in enumerate(lines) if line.rstrip().endswith("Traceback (most recent call last):")]
    found = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        where, indent = "", None
        for line in lines[start + 1 : end]:
            stripped = line.lstrip()
            depth = len(line) - len(stripped)
            frame = re.match(r'File "([^"]+)", line (\d+), in (\S+)', stripped)
            if frame:
                indent = depth if indent is None else indent
                where = f"{frame.group(1).rsplit('/', 1)[-1]}:{frame.group(2)} in {frame.group(3)}"
            elif indent is not None and stripped and depth < indent:
                name, _, message = stripped.partition(": ")
                found.append((name.rsplit(".", 1)[-1], message.strip(), where))
                break
    return found


def _last_line(log: str) -> str:
    lines = [line.strip() for line in plain(log).splitlines() if line.strip() and not any(n in line for n in _NOISE)]
    for line in reversed(lines):
        if "error" in line.lower():
            return line[-300:]
    return lines[-1][-300:] if lines else "nbgrader stopped without saying why"


def explain_failed_run(log: str, run_timeout: float) -> tuple[str, bool]:
    """Why a whole ``nbgrader autograde`` run failed: ``(one line, is_the_graders_fault)``."""
    if RUN_TIMEOUT_MARK in log:
        return (
            f"grading stopped after {run_timeout:g} s (GRADING_RUN_TIMEOUT): the notebook as a whole ran too long",
            False,
        )
    found = exceptions_in(log)
    said = f"{found[-1][0]}: {found[-1][1]}" if found else _last_line(log)
    if any(mark in log for mark in _KERNEL_START):
        # What the kernel or its launcher printed before nbgrader gave up on it says why.
        launcher = [
            line.strip() for line in plain(log).splitlines() if line.strip().startswith(("bwrap:", "grading kernel:"))
        ]
        own = [
            f"{name}: {message}".rstrip(": ") + (f" (at {where})" if where else "")
            for name, message, where in found[:-1]
            if "kernel" in where
            or "importlib" in where
            or name.endswith(("MemoryError", "ImportError", "ModuleNotFoundError"))
        ]
        detail = "".join(f"; {text[:200]}" for text in [*launcher[-1:], *own[-1:]])
        return (
            f"the grading kernel could not start ({said[:200]}){detail}; `python -m autograder.sandbox status` "
            "tells whether the sandbox works here, and GRADING_MEMORY_MB must leave it room to start",
            True,
        )
    where = f" (at {found[-1][2]})" if found and found[-1][2] else ""
    return f"nbgrader failed: {said[:300]}{where}", True


def explain_task_error(error: BaseException) -> str:
    """A grading task that raised instead of returning (on a worker, or in this process)."""
    name = type(error).__name__
    if name == "KilledWorker":
        return (
            "worker lost: every Dask worker that took this submission died (machine out of memory, killed, or "
            "preempted); grading it again usually works"
        )
    if name in ("CommClosedError", "FutureCancelledError", "CancelledError", "TimeoutError"):
        return f"worker lost: {name}: {str(error)[:200]}"
    return f"the grader crashed: {name}: {str(error)[:300]}"


def _cell_name(cell: Any) -> str:
    return cells.grade_id(cell) or "a cell"


def from_notebook(nb: Any) -> list[str]:
    """Summary lines for what the grading steps marked in a graded notebook: each function that
    did not return, or stopped the kernel, once; and whether grading gave up on the rest."""
    found: list[str] = []
    gave_up = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if output.get("output_type") != "error" or output.get("ename") not in OWN_ERRORS:
                continue
            if output["ename"] == NOT_RUN:
                gave_up += 1
            elif output["ename"] in (TIMED_OUT, KERNEL_DIED):
                said = plain(output.get("evalue", "")).strip() or output["ename"]
                found.append(f"{_cell_name(cell)}: {_first_sentence(said)}")
    if gave_up:
        found.append(f"{gave_up} cell(s) not run: the kernel died too often")
    return _unique(found)


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.?])\s", text, maxsplit=1)[0]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
