import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def released_course(tmp_path_factory):
    """A throwaway copy of the nbgrader course with every assignment released (once per run)."""
    from autograder.course import Course

    course = Course.at(tmp_path_factory.mktemp("course"))
    course.release()
    return course


@pytest.fixture(scope="session")
def graded(released_course):
    """Every case of tests/submissions/ submitted by a student named after it, graded in one
    batch, with feedback: (course, scores by (student, assignment), submissions unchanged)."""
    from autograder.batch import autograde
    from tests.support.grading_helpers import CASES, CELL_TIMEOUT, build_submission, load_case, write_submission

    course = released_course
    for assignment, name in CASES:
        released = next((course.root / "release" / assignment).glob("*.ipynb"))
        write_submission(
            course.root / "submitted" / name / assignment / released.name,
            build_submission(released, load_case(assignment, name)),
        )
    handed_in = {p: p.read_bytes() for p in (course.root / "submitted").rglob("*") if p.is_file()}
    # Runaway cells are interrupted after CELL_TIMEOUT s here (grading_helpers says why that much).
    os.environ["GRADING_CELL_TIMEOUT"] = str(CELL_TIMEOUT)
    try:
        # On a local cluster of two worker processes, so that both cores grade (the resume test of
        # test_sample_submissions grades one by one in this process).
        scores = {(s.student, s.assignment): s for s in autograde(course, workers=2, progress=False).scores}
    finally:
        del os.environ["GRADING_CELL_TIMEOUT"]
    course.feedback()
    unchanged = all(p.read_bytes() == data for p, data in handed_in.items())
    return course, scores, unchanged


@pytest.fixture(scope="session", autouse=True)
def no_scratch_left_in_tmp():
    """Remove the private courses and Jupyter runtime folders that this run's killed workers and
    coordinators could not remove themselves (the tests SIGKILL them on purpose). Only those whose
    process has ended: another test run or a real grading batch on this machine keeps its own."""
    from autograder import scratch

    def made() -> set[Path]:
        return {p for kind in scratch.KINDS for p in Path("/tmp").glob(f"{kind}-*")}

    before = made()
    yield
    scratch.remove_abandoned(among=made() - before)
