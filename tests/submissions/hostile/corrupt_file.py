"""Not JSON at all: zero marks, and the reason."""

EXPECTED = "all zero"
PROBLEMS_MUST_CONTAIN = ["not a notebook"]
FEEDBACK_MUST_CONTAIN = ["not a notebook"]


def transform(nb):
    return b'{"cells": [ {"cell_type": "code", "source": "def initialize'
