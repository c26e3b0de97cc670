"""Renames initialize_parameters_he to he_init: that function scores 0, the others do not."""

EXPECTED = {"test_initialize_parameters_he": 0}
FEEDBACK_MUST_CONTAIN = ["name 'initialize_parameters_he' is not defined"]


def transform(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "initialize_parameters_he":
            cell.source = cell.source.replace("def initialize_parameters_he(", "def he_init(")
    return nb
