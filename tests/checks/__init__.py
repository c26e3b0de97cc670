"""Tests of the student-facing checks (course_utils/checks/), one notebook's checks per file."""
