import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # grading_helpers


@pytest.fixture(scope="session")
def released_course(tmp_path_factory):
    """A throwaway copy of the nbgrader course with every assignment released (once per run)."""
    from autograder.course import Course

    course = Course.at(tmp_path_factory.mktemp("course"))
    course.release()
    return course
