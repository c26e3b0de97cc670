"""Tests of the grader (autograder/): the sample submissions graded, and each part of the grader."""
