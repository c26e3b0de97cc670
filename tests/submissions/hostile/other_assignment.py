"""A notebook of some other assignment handed in under this one: zero marks, and the reason."""

EXPECTED = "all zero"
PROBLEMS_MUST_CONTAIN = ["none of the answers of this assignment were found"]


def transform(nb):
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta:
            meta["grade_id"] = "other_" + meta["grade_id"]
        cell.source = cell.source.replace("def initialize_parameters_", "def compute_").replace(
            "def normalize_inputs", "def compute_inputs"
        )
    return nb
