"""Tests of what a student installs: the student set, its lock and environment.yml."""
