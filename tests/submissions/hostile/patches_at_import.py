"""Patches the checks when its cell runs (before any test), and hard-codes nothing: He is wrong
(Xavier). Only He loses its points."""
import numpy as np

EXPECTED = {"test_initialize_parameters_he": 0}


def transform(nb):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "initialize_parameters_he":
            cell.source = (
                "import course_utils.checks.initialization as _ci\n"
                "_ci.check_spread = lambda *args, **kwargs: None\n"
                "def initialize_parameters_he(layers_dims, rng):\n"
                "    return {k: v for l in range(1, len(layers_dims)) for k, v in\n"
                "            ((f'W{l}', rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(1 / layers_dims[l - 1])),\n"
                "             (f'b{l}', np.zeros((layers_dims[l], 1))))}\n")
    return nb
