"""Tests of the course_utils package, one module of it per file."""
