"""An empty file: zero marks, and the reason."""

EXPECTED = "all zero"
PROBLEMS_MUST_CONTAIN = ["the file is empty"]


def transform(nb):
    return b""
