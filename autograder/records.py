"""What each graded test said, as a structured record: the raw material of the class report.

A worker reads the autograded notebook once, when it has just graded it, and returns one record
per graded test cell: its score, what happened (``KINDS``), and for a failed check the function,
the problem and the hint that ``course_utils.checks`` wrote (``CheckFailed``: "✗ function:
problem", then "expected:", "got:", "hint:" lines). The gradebook keeps the records beside the
scores (``gradebook.record``); the report groups them by mistake and never re-runs student code.

A classic mistake is recognised by its hint, the sentence that a check writes for that mistake
alone; numbers in it (layer sizes, shapes) are left out of the key (``mistake_key``), so that the
same mistake found with other inputs (a hidden test) counts once per student. A failed check
without a hint is keyed by its problem the same way.

Nothing here imports the rest of the package but ``problems`` and ``cells``: workers and the report use it.
"""

from __future__ import annotations

import re
from typing import Any

from . import cells
from .problems import KERNEL_DIED, NOT_RUN, OUTSIDE_KERNEL_NOTE, SKIPPED, TIMED_OUT, plain

# What happened to a test, one word each (the report's categories)
PASSED = "passed"
FAILED = "failed"  # a check failed in the kernel: a wrong answer
OUTSIDE = "failed outside the kernel"  # passed in the kernel, failed when re-run outside it
NOT_WRITTEN = "not written"  # the stub's NotImplementedError
ERROR = "error"  # the test raised something else (NameError: a function deleted or renamed)
GRADER_KINDS = {TIMED_OUT: "timed out", KERNEL_DIED: "kernel died", SKIPPED: "skipped", NOT_RUN: "not run"}
KINDS = (PASSED, FAILED, OUTSIDE, NOT_WRITTEN, ERROR, *GRADER_KINDS.values())
TIMEOUT_KINDS = frozenset(GRADER_KINDS.values())  # the function did not return, crashed, or was not run

NOT_WRITTEN_MARK = "not written yet"
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")  # W2's 2 too: the same mistake in another layer
LONGEST = 400  # characters kept of a problem, hint or message


def parse_check_message(text: str) -> tuple[str, str, str]:
    """``(function, problem, hint)`` of a ``CheckFailed`` message; empty strings for what it lacks
    (any other error gives its first line as the problem)."""
    lines = [line.rstrip() for line in plain(text).splitlines() if line.strip()]
    function, problem, hint = "", lines[0].strip() if lines else "", ""
    head = re.match(r"\s*✗\s*([A-Za-z_]\w*):\s*(.*)", lines[0]) if lines else None
    if head:
        function, problem = head.group(1), head.group(2).strip()
    for line in lines[1:]:
        said = re.match(r"\s*hint:\s*(.*)", line)
        if said:
            hint = said.group(1).strip()
    return function, problem[:LONGEST], hint[:LONGEST]


def mistake_key(text: str) -> str:
    """``text`` with its numbers replaced by ``#``, lower case: the same mistake whatever the
    inputs it was found with (``W2``, sizes, shapes and values are numbers)."""
    return " ".join(_NUMBER.sub("#", text).lower().split())


def _function_of(test: str) -> str:
    """The function a test is named after (``test_f`` tests ``f``), else the test's name."""
    return cells.function_tested(test) or test


def records_of(nb: Any, scores: dict[str, float | None], max_scores: dict[str, float]) -> list[dict[str, Any]]:
    """One record per graded test cell of the autograded notebook ``nb``: ``test``, ``function``
    (the one the check names, else the test's name without ``test_``), ``score``, ``max_score``,
    ``kind`` (one of ``KINDS``), ``problem``, ``hint`` and ``mistake`` (the hint, else the problem:
    what the report counts)."""
    records = []
    for cell in cells.graded_tests(nb):
        test = cells.grade_id(cell) or ""
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        function, problem, hint = "", "", ""
        if not errors:
            kind = PASSED
        else:
            error = errors[-1]  # the outside-kernel failure comes after the kernel's outputs
            name, said = error.get("ename", ""), plain(error.get("evalue", "") or "")
            function, problem, hint = parse_check_message(said or name)
            if name in GRADER_KINDS:
                kind = GRADER_KINDS[name]
            elif OUTSIDE_KERNEL_NOTE in said:
                kind = OUTSIDE
            elif NOT_WRITTEN_MARK in problem.lower() or name == "NotImplementedError":
                kind = NOT_WRITTEN
            elif function:
                kind = FAILED
            else:
                kind, problem = ERROR, f"{name}: {problem}"[:LONGEST]
        score = scores.get(test)
        records.append(
            {
                "test": test,
                "function": function or _function_of(test),
                "score": None if score is None else float(score),
                "max_score": float(max_scores.get(test, cells.points(cell)) or 0),
                "kind": kind,
                "problem": problem,
                "hint": hint,
                "mistake": (hint or problem) if kind in (FAILED, OUTSIDE) else "",
            }
        )
    return records


def not_run_records(nb: Any, why: str) -> list[dict[str, Any]]:
    """Records for a notebook that did not run to its end (``worker._not_run``): every test 0, not run."""
    return [
        {
            "test": cells.grade_id(c),
            "function": _function_of(cells.grade_id(c)),
            "score": 0.0,
            "max_score": cells.points(c),
            "kind": GRADER_KINDS[NOT_RUN],
            "problem": why[:LONGEST],
            "hint": "",
            "mistake": "",
        }
        for c in cells.graded_tests(nb)
    ]
