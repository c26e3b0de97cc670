"""Contract tables: for every graded function, each clause its exercise text states, the words of
the check's message that names it broken, and the sample submission that breaks it.

A table lives in ``tests/contracts/<assignment>.py`` as ``CONTRACT = {function: [Clause, ...]}``.
``tests/test_contracts.py`` holds every table to the notebook, the checks and the samples: each
graded function has its clauses; each clause is said in the notebook's exercise text; its message
is one the checks module writes; its sample is graded and loses that function's points with that
message in the feedback (``tests/grading/test_sample_submissions.py`` grades it). A clause that no
check can test is not stated (the text drops it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Clause:
    """One clause of a graded function's contract."""

    says: str  # the clause in the exercise text's own words (found in the notebook's markdown)
    message: str  # words of the check's message when it is broken (in the checks module and the feedback)
    sample: str  # tests/submissions/<assignment>/<sample>.py, which breaks it
